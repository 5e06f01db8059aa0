// The account screens in a real browser (Debian chromium, the release app, the emulator's demo
// pool): from the signed-in view a user changes their password (a wrong current password is
// refused at that field; the new one must meet the pool's rules), signs in with the new one,
// and deletes their account (only once its name is typed as shown): the host hears
// `signed-out` with reason `deleted`, the sign-in form says so, and the address can sign up
// again. axe audits each screen. Needs COGNITO_EMULATOR (scripts/with-emulator) and dist/app.
import { mkdirSync } from 'node:fs';
import { auditor } from './axe.mjs';
import { EmulatorApi } from './emulator-api.mjs';
import { serveDist } from './serve-dist.mjs';
import { launch, addresses, checks, recordHostEvents } from './session-support.mjs';
import { WidgetPage } from './widget-page.mjs';

const emulator = process.env.COGNITO_EMULATOR?.replace(/\/$/, '');
if (!emulator) throw new Error('COGNITO_EMULATOR is not set (run through scripts/with-emulator)');
mkdirSync(new URL('./out/', import.meta.url).pathname, { recursive: true });
const site = await serveDist();
const api = new EmulatorApi(emulator);
const { clientId } = await api.client('my-user-pool');
const email = addresses('account')('user');
const { check, finish } = checks();
const browser = await launch();
const page = await browser.newPage();
await page.addInitScript(recordHostEvents);
page.on('pageerror', (e) => check('no page error', false, e.message));
const w = new WidgetPage(page);
const audit = auditor(page, check);
const fieldError = (id) => page.locator(`#cw-${id}-error`).textContent();

try {
  await api.confirmedUser(clientId, email, 'first Pass 41');
  await page.goto(`${site.url}?emulator=${encodeURIComponent(emulator)}&pool=my-user-pool`);
  await w.signIn(email, 'first Pass 41');
  await w.signedInAs(email);

  // Change the password.
  await w.button('Change password').click();
  await w.heading('Change password').waitFor();
  await audit('the password change form');
  await w.field('Current password').fill('not it 41');
  await w.field('New password').fill('second Pass 42');
  await w.button('Change password').click();
  await page.getByText('That is not your current password.').waitFor();
  check('a wrong current password is refused at that field, and both fields keep what was typed',
    (await fieldError('current-password')) === 'That is not your current password.'
      && (await w.field('New password').inputValue()) === 'second Pass 42');
  await audit('the password change form with a wrong current password');
  await page.getByTestId('cw-root').screenshot({ path: new URL('./out/account-change-password.png', import.meta.url).pathname });
  await w.field('Current password').fill('first Pass 41');
  await w.button('Change password').click();
  await page.getByText('Your password is changed.').waitFor();
  await w.signedInAs(email);
  check('the change is made, and the signed-in view says so', true);
  await w.button('Sign out').click();
  await w.signIn(email, 'first Pass 41');
  await page.getByText('password', { exact: false }).first().waitFor();
  await w.field('Password').fill('second Pass 42');
  await w.button('Sign in').click();
  await w.signedInAs(email);
  check('the new password signs in', true);

  // Delete the account.
  await w.button('Delete account').click();
  await w.heading('Delete account').waitFor();
  check('the form names the account', (await page.getByTestId('cw-destination').textContent()).includes(email));
  await audit('the account deletion form');
  await w.field('Account name').fill('someone else');
  await w.button('Delete account').click();
  await page.getByText(`Type ${email} exactly as shown.`).first().waitFor();
  check('nothing is deleted until the name is typed as shown', await w.heading('Delete account').isVisible());
  await w.field('Account name').fill(email);
  await w.button('Delete account').click();
  await page.getByText('Your account is deleted.').waitFor();
  await w.heading('Sign in').waitFor();
  const heard = await page.evaluate(() => window.heard.map((h) => `${h.name}:${h.detail?.reason ?? ''}`));
  check('the host hears signed-out with reason "deleted"', heard.includes('signed-out:deleted'), heard.join());
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('CognitoIdentityServiceProvider.')));
  check('nothing of the account is left in localStorage', left.length === 0, left.join());
  await audit('the sign-in form after deletion');
  await api.confirmedUser(clientId, email, 'third Pass 43');
  check('the address can sign up again', true);
} catch (e) {
  await page.screenshot({ path: new URL('./out/account-failure.png', import.meta.url).pathname }).catch(() => {});
  check('the journey ran to its end', false, e.stack);
} finally {
  await browser.close();
  site.close();
}
finish();
