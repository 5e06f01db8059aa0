// A keyboard-only journey through the standalone app (release build, Debian chromium, the
// emulator): sign up, enter the code, sign out, sign in and sign out again with Tab,
// Shift+Tab, Enter, Space and typed characters only, never a click. Each step checks where the
// focus is. Needs COGNITO_EMULATOR and dist/app.
import { launch, addresses, checks } from './session-support.mjs';
import { EmulatorApi } from './emulator-api.mjs';
import { serveDist } from './serve-dist.mjs';
import { WidgetPage } from './widget-page.mjs';

const emulator = process.env.COGNITO_EMULATOR;
if (!emulator) throw new Error('COGNITO_EMULATOR is not set (run through scripts/with-emulator)');
const api = new EmulatorApi(emulator);
const { check, finish } = checks();
const site = await serveDist();
const browser = await launch();
const email = addresses('keys')('user');
const password = 'keyboard Pass 42';

const page = await browser.newPage({ viewport: { width: 520, height: 900 } });
const keys = page.keyboard;
const w = new WidgetPage(page);
/** The focused element's label, or its own text. */
const focused = () => page.evaluate(() => {
  const el = document.activeElement;
  return (el?.labels?.[0]?.textContent ?? el?.textContent ?? '').trim();
});
/** Presses `key` (Tab or Shift+Tab) until `name` has the focus; fails after 25 presses. */
async function moveTo(name, key = 'Tab') {
  for (let i = 0; i < 25; i += 1) {
    if ((await focused()) === name) return;
    await keys.press(key);
  }
  throw new Error(`${key} never reached "${name}" (focus is on "${await focused()}")`);
}
async function typeInto(name, text) {
  await moveTo(name);
  await keys.type(text);
}

try {
  await page.goto(`${site.url}?emulator=${encodeURIComponent(emulator)}&pool=my-user-pool`);
  await w.heading('Sign in').waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'INPUT');
  check('the app opens with the focus in its first field', (await focused()) === 'Email', await focused());

  await moveTo('Create an account');
  await keys.press('Enter');
  await w.heading('Create an account').waitFor();
  await page.waitForFunction(() => document.activeElement?.labels?.[0]?.textContent === 'Email');
  check('Enter on "Create an account" opens sign-up with the focus in its first field', true);
  await keys.type(email);
  await typeInto('Password', password);
  await typeInto('Confirm password', password);
  await typeInto('Given name', 'Grace');
  await typeInto('Family name', 'Hopper');
  await moveTo('Create account');
  await keys.press(' ');
  await w.heading('Confirm your account').waitFor();
  check('Space on "Create account" signs up', true);

  await page.waitForFunction(() => document.activeElement?.labels?.[0]?.textContent === 'Code');
  await keys.type(await api.code(email));
  await keys.press('Enter');
  await w.signedInAs(email);
  check('Enter in the code field confirms and signs in', true);

  await moveTo('Sign out');
  await keys.press('Enter');
  await w.heading('Sign in').waitFor();
  check('Enter on "Sign out" signs out', true);

  await page.waitForFunction(() => document.activeElement?.labels?.[0]?.textContent === 'Email');
  await keys.type(email);
  await typeInto('Password', password);
  // Past the password to its "Show password" box, and back with Shift+Tab.
  await keys.press('Tab');
  check('Tab from the password reaches "Show password"', (await focused()) === 'Show password', await focused());
  await moveTo('Password', 'Shift+Tab');
  await keys.press('Enter');
  await w.signedInAs(email);
  check('Shift+Tab back to the password and Enter signs in', true);

  await moveTo('Sign out');
  await keys.press(' ');
  await w.heading('Sign in').waitFor();
  check('Space on "Sign out" signs out', true);
} catch (e) {
  check('the keyboard journey ran to its end', false, String(e?.stack ?? e));
} finally {
  await browser.close();
  site.close();
}
finish();
