// The account screens in a real browser (Debian chromium, the release app under a strict
// Content-Security-Policy, the emulator's account demo pool, where a changed e-mail address is
// used only once its code is entered): a user edits a custom attribute and their name (checked
// as sign-up checks them, saved into the tokens, the host told), changes their e-mail address
// (the code from the outbox), signs out and in with the new address, changes their password
// (a wrong current password is refused at that field), signs in with it, and deletes their
// account (only once its name is typed as shown): the host hears `signed-out` with reason
// `deleted`, the sign-in form says so, and the address can sign up again. axe audits each
// screen. Needs COGNITO_EMULATOR (scripts/with-emulator) and dist/app.
import { mkdirSync } from 'node:fs';
import { auditor } from './axe.mjs';
import { EmulatorApi } from './emulator-api.mjs';
import { serveDist } from './serve-dist.mjs';
import { launch, addresses, checks, recordHostEvents, recordViolations, strictPolicy } from './session-support.mjs';
import { WidgetPage } from './widget-page.mjs';

const emulator = process.env.COGNITO_EMULATOR?.replace(/\/$/, '');
if (!emulator) throw new Error('COGNITO_EMULATOR is not set (run through scripts/with-emulator)');
const out = new URL('./out/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const site = await serveDist({ headers: { 'content-security-policy': strictPolicy(emulator) } });
const api = new EmulatorApi(emulator);
const { poolId, clientId } = await api.client('account-demo');
const address = addresses('account');
const email = address('user');
const moved = address('moved');
const { check, finish } = checks();
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 520, height: 1100 } });
await page.addInitScript(recordHostEvents);
await page.addInitScript(recordViolations);
page.on('pageerror', (e) => check('no page error', false, e.message));
const w = new WidgetPage(page);
const audit = auditor(page, check);
const fieldError = (id) => page.locator(`#cw-${id}-error`).textContent();
const heard = () => page.evaluate(() => window.heard.map((h) => ({ name: h.name, detail: h.detail })));
const shot = async (name) => {
  const file = `${out}account-${name}.png`;
  await page.getByTestId('cw-root').screenshot({ path: file });
  console.log(`  ok: screenshot ${file}`);
};

try {
  // custom:tenant is fixed at sign-up; custom:plan the client may read, not write (an
  // administrator sets it).
  await api.confirmedUser(clientId, email, 'first Pass 41', [{ Name: 'custom:tenant', Value: 'acme' }]);
  await api.call('AdminUpdateUserAttributes', {
    UserPoolId: poolId, Username: email, UserAttributes: [{ Name: 'custom:plan', Value: 'Team' }],
  }, { admin: true });
  await page.goto(`${site.url}?emulator=${encodeURIComponent(emulator)}&pool=account-demo`);
  await w.signIn(email, 'first Pass 41');
  await w.signedInAs(email);

  // The profile: what the client may write in a form, the rest listed.
  await w.button('Your profile').click();
  await w.heading('Your profile').waitFor();
  check('the profile loads what GetUser says, the e-mail address marked verified',
    (await w.field('Email (verified)').inputValue()) === email
      && (await w.field('Given name').inputValue()) === 'Ada');
  const listed = await page.locator('.cw-attributes').innerText();
  check('what the client may only read, or what was fixed at sign-up, is listed, not offered for editing',
    /Plan\s+Team/.test(listed) && /Tenant\s+acme/.test(listed)
      && (await page.getByLabel('Tenant', { exact: true }).count()) === 0
      && (await page.getByLabel('Plan', { exact: true }).count()) === 0, listed);
  await audit('the profile');
  await w.field('Team').fill('x');
  await w.field('Given name').fill('Grace');
  await w.field('Seats').fill('7');
  await page.getByText('Use at least 2 characters.').waitFor();
  await w.button('Save changes').click();
  check('a custom attribute breaking its constraint is refused before anything is sent, and what was typed stays',
    (await fieldError('attr-custom-team')) === 'Use at least 2 characters.'
      && (await w.field('Given name').inputValue()) === 'Grace'
      && !(await heard()).some((h) => h.name === 'attributes-updated'));
  await w.field('Team').fill('Analytics');
  await w.button('Save changes').click();
  await page.getByText('Your changes are saved.').waitFor();
  const updated = (await heard()).find((h) => h.name === 'attributes-updated');
  check('the host hears attributes-updated with the new attributes',
    updated?.detail.attributes.given_name === 'Grace' && updated.detail.attributes['custom:team'] === 'Analytics'
      && updated.detail.attributes['custom:seats'] === '7', JSON.stringify(updated));
  const refreshed = (await heard()).filter((h) => h.name === 'tokens-refreshed').at(-1);
  check('and tokens-refreshed, whose ID token carries them',
    refreshed?.detail.claims.given_name === 'Grace' && refreshed.detail.claims['custom:team'] === 'Analytics');
  check('the saved profile shows the new values',
    (await w.field('Given name').inputValue()) === 'Grace' && (await w.field('Team').inputValue()) === 'Analytics');
  await shot('profile');

  // A first phone number: nothing verified to keep, so it is used at once, unverified; "Cancel"
  // leaves its code for later, and "Verify your phone number" asks for a new one.
  await w.field('Phone number').fill('+14155550142');
  await w.button('Save changes').click();
  await w.heading('Verify your phone number').waitFor();
  await w.button('Cancel').click();
  await w.heading('Your profile').waitFor();
  check('an unverified phone number is marked so, with a way to verify it',
    (await w.field('Phone number (not verified)').inputValue()) === '+14155550142');
  await w.button('Verify your phone number').click();
  await w.heading('Verify your phone number').waitFor();
  await w.field('Code').fill(await api.code('+14155550142'));
  await w.button('Verify').click();
  await page.getByText('Verified: thank you.').waitFor();
  check('"Verify your phone number" sends a code by SMS, and the code verifies it',
    (await w.field('Phone number (verified)').inputValue()) === '+14155550142');

  // A new e-mail address: the old one stays in use until the code is entered.
  await w.field('Email (verified)').fill(moved);
  await w.button('Save changes').click();
  await w.heading('Verify your e-mail address').waitFor();
  const hint = await page.getByTestId('cw-destination').textContent();
  check('the code form says where the code went and that the old address stays in use until then',
    hint.includes(`${email} stays in use until you enter the code sent to ${moved}.`), hint);
  await audit('the code that verifies a new e-mail address');
  await w.field('Code').fill('000000');
  await w.button('Verify').click();
  await page.getByText('That code is not right.', { exact: false }).first().waitFor();
  check('a wrong code is refused at the code field', (await fieldError('code')).startsWith('That code is not right.'));
  await shot('verify-email');
  await w.field('Code').fill(await api.code(moved));
  await w.button('Verify').click();
  await page.getByText('Verified: thank you.').waitFor();
  check('the verified address is the account\'s now',
    (await w.field('Email (verified)').inputValue()) === moved);
  await w.button('Cancel').click();
  await w.signedInAs(moved);
  await w.button('Sign out').click();
  await w.signIn(moved, 'first Pass 41');
  await w.signedInAs(moved);
  check('the new address signs in', true);

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
  await shot('change-password');
  await w.field('Current password').fill('first Pass 41');
  await w.button('Change password').click();
  await page.getByText('Your password is changed.').waitFor();
  await w.signedInAs(moved);
  check('the change is made, and the signed-in view says so', true);
  await w.button('Sign out').click();
  await w.signIn(moved, 'first Pass 41');
  await page.getByText('password', { exact: false }).first().waitFor();
  await w.field('Password').fill('second Pass 42');
  await w.button('Sign in').click();
  await w.signedInAs(moved);
  check('the new password signs in', true);

  // Delete the account.
  await w.button('Delete account').click();
  await w.heading('Delete account').waitFor();
  check('the form names the account', (await page.getByTestId('cw-destination').textContent()).includes(moved));
  await audit('the account deletion form');
  await w.field('Account name').fill('someone else');
  await w.button('Delete account').click();
  await page.getByText(`Type ${moved} exactly as shown.`).first().waitFor();
  check('nothing is deleted until the name is typed as shown', await w.heading('Delete account').isVisible());
  await w.field('Account name').fill(moved);
  await w.button('Delete account').click();
  await page.getByText('Your account is deleted.').waitFor();
  await w.heading('Sign in').waitFor();
  const names = (await heard()).map((h) => `${h.name}:${h.detail?.reason ?? h.detail?.username ?? ''}`);
  check('the host hears signed-out with reason "deleted", then account-deleted',
    names.includes('signed-out:deleted') && names.some((n) => n.startsWith('account-deleted:')), names.join());
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('CognitoIdentityServiceProvider.')));
  check('nothing of the account is left in localStorage', left.length === 0, left.join());
  await audit('the sign-in form after deletion');
  await api.confirmedUser(clientId, moved, 'third Pass 43');
  check('the address can sign up again', true);
  const violations = await page.evaluate(() => window.violations);
  check('no Content-Security-Policy violation on any account screen', violations.length === 0, violations.join());
} catch (e) {
  await page.screenshot({ path: `${out}account-failure.png` }).catch(() => {});
  check('the journey ran to its end', false, e.stack);
} finally {
  await browser.close();
  site.close();
}
finish();
