// MFA and remembered devices in a real browser (Debian chromium, the release app under a strict
// Content-Security-Policy, the emulator's MFA demo pool: MFA required, an authenticator app or
// e-mail codes, devices remembered when the user asks). An administrator-created user sets a
// new password, sets up an authenticator app by reading the QR code off the screen, enters a
// wrong then a right code, and is signed in; signs out and in again with the app's code,
// ticking "Remember this device"; the next sign-in asks for no code; in the settings turns on
// e-mail codes and puts them first; forgets the device; the next sign-in asks for the e-mailed
// code; with no factor preferred the sign-in offers the choice. The app's codes come from
// e2e/totp.mjs, not the emulator. Every MFA screen is audited with axe; screenshots of the QR
// step and the code step go to e2e/out/ (the README shows them).
// Needs COGNITO_EMULATOR (scripts/with-emulator) and dist/app.
import { mkdirSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { auditor } from './axe.mjs';
import { EmulatorApi } from './emulator-api.mjs';
import { serveDist } from './serve-dist.mjs';
import { launch, addresses, checks, recordHostEvents, recordViolations, strictPolicy } from './session-support.mjs';
import { appCode, selfCheck } from './totp.mjs';
import { WidgetPage } from './widget-page.mjs';

const emulator = process.env.COGNITO_EMULATOR?.replace(/\/$/, '');
if (!emulator) throw new Error('COGNITO_EMULATOR is not set (run through scripts/with-emulator)');
const out = new URL('./out/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
selfCheck();

const site = await serveDist({ headers: { 'content-security-policy': strictPolicy(emulator) } });
const api = new EmulatorApi(emulator);
const { poolId, clientId } = await api.client('mfa-demo');
const email = addresses('mfa')('user');
const password = 'Journey42Pass';
const { check, finish } = checks();
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 520, height: 1000 } });
await page.addInitScript(recordHostEvents);
await page.addInitScript(recordViolations);
page.on('pageerror', (e) => check('no page error', false, e.message));
const w = new WidgetPage(page);
const audit = auditor(page, check);
const shot = async (name) => {
  const file = `${out}mfa-${name}.png`;
  await page.getByTestId('cw-root').screenshot({ path: file });
  console.log(`  ok: screenshot ${file}`);
};
const mfaHeading = () => w.heading('Two-step verification');
const deviceKeys = () => page.evaluate((prefix) => Object.keys(localStorage)
  .filter((k) => k.startsWith(prefix) && /\.(deviceKey|deviceGroupKey|randomPasswordKey)$/.test(k))
  .map((k) => k.split('.').at(-1)).sort(), `CognitoIdentityServiceProvider.${clientId}.`);
/** Where a sign-in with the password lands: the code form, or signed in. */
const afterPassword = () => Promise.race([
  mfaHeading().waitFor().then(() => 'asked for a code'),
  page.getByTestId('cw-who').waitFor().then(() => 'signed in'),
]);
const wrong = (code) => (code === '000000' ? '111111' : '000000');

try {
  await api.call('AdminCreateUser', {
    UserPoolId: poolId, Username: email, TemporaryPassword: 'Temp0rary!', MessageAction: 'SUPPRESS',
    UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }],
  }, { admin: true });
  await page.goto(`${site.url}?emulator=${encodeURIComponent(emulator)}&pool=mfa-demo`);

  // The invitation: a new password, then the pool requires a second factor the user lacks.
  await w.signIn(email, 'Temp0rary!');
  await w.heading('Choose a new password').waitFor();
  await w.field('New password').fill(password);
  await w.button('Change password').click();
  await w.heading('Set up an authenticator app').waitFor();
  const qr = page.getByRole('img', { name: 'QR code for your authenticator app' });
  await qr.waitFor();
  await shot('qr-step');
  await audit('setting up an authenticator app (QR code and key)');
  // Read the QR code as an app's camera would: the screenshot, decoded by jsQR.
  const png = PNG.sync.read(await qr.screenshot());
  const read = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  const secret = new URLSearchParams(read?.data?.split('?')[1] ?? '').get('secret') ?? '';
  check('the QR code reads as otpauth://totp/<pool name>:<e-mail>?secret=…&issuer=<pool name>',
    /^[A-Z2-7]{16,}$/.test(secret)
      && read.data === `otpauth://totp/mfa-demo:${encodeURIComponent(email)}?secret=${secret}&issuer=mfa-demo`,
    read?.data);
  const shown = (await page.getByTestId('cw-secret').textContent()).trim();
  check('the key under it is the QR code\'s secret in groups of four',
    shown.replace(/ /g, '') === secret && /^(\S{4} )+\S{1,4}$/.test(shown), `${shown} / ${secret}`);
  const code = page.getByLabel('Code', { exact: true });
  check('the code input asks for a one-time code, numeric',
    (await code.getAttribute('autocomplete')) === 'one-time-code' && (await code.getAttribute('inputmode')) === 'numeric');

  await code.fill(wrong(appCode(secret)));
  await w.button('Verify').click();
  await page.getByText('That code is not right. Enter the code your authenticator app shows now.').waitFor();
  check('a wrong first code keeps the user on the QR step, with a plain message',
    await qr.isVisible() && (await code.getAttribute('aria-invalid')) === 'true');
  await audit('the QR step with a wrong code');
  await code.fill(appCode(secret));
  await w.button('Verify').click();
  await w.signedInAs(email);
  check('the app\'s code signs the new user in', true);
  check('the pool tracks this browser\'s device, and the browser keeps its keys',
    (await deviceKeys()).length === 3);

  // Next sign-in: the app's code, remembering this device.
  await w.button('Sign out').click();
  await w.signIn(email, password);
  check('the next sign-in asks for the app\'s code', (await afterPassword()) === 'asked for a code');
  await page.getByText('Enter the code your authenticator app shows.').waitFor();
  const remember = page.getByLabel('Remember this device');
  check('the pool asks the user: "Remember this device" is offered, unticked',
    (await remember.isVisible()) && !(await remember.isChecked()));
  await shot('code-step');
  await audit('the code step');
  await code.fill(wrong(appCode(secret, 1)));
  await w.button('Verify').click();
  await page.getByText('That code is not right. Enter the code your authenticator app shows now.').waitFor();
  check('a wrong code keeps the user on the code step', await mfaHeading().isVisible());
  await remember.check();
  await code.fill(appCode(secret, 1));
  await w.button('Verify').click();
  await w.signedInAs(email);
  check('the device is stored under amazon-cognito-identity-js\'s key names',
    JSON.stringify(await deviceKeys()) === '["deviceGroupKey","deviceKey","randomPasswordKey"]', String(await deviceKeys()));
  // Every sign-in's device is tracked (ConfirmDevice); only this one is remembered.
  const remembered = async () => {
    const { Devices } = await api.call('AdminListDevices', { UserPoolId: poolId, Username: email }, { admin: true });
    const status = (d) => d.DeviceAttributes.find((a) => a.Name === 'dev:device_remembered_status')?.Value;
    return Devices.filter((d) => status(d) === 'remembered').map((d) => d.DeviceKey);
  };
  const storedKey = () => page.evaluate((prefix) => Object.entries(localStorage)
    .find(([k]) => k.startsWith(prefix) && k.endsWith('.deviceKey'))?.[1], `CognitoIdentityServiceProvider.${clientId}.`);
  const rememberedNow = await remembered();
  check('Cognito remembers this browser\'s device', rememberedNow.length === 1 && rememberedNow[0] === await storedKey(),
    JSON.stringify(rememberedNow));
  const { Devices } = await api.call('AdminListDevices', { UserPoolId: poolId, Username: email }, { admin: true });
  check('the second sign-in proved the tracked device (device SRP) rather than adding one', Devices.length === 1,
    JSON.stringify(Devices));
  await w.button('Sign out').click();
  check('signing out keeps the device', (await deviceKeys()).length === 3);
  await w.signIn(email, password);
  check('a remembered device signs in with no code (device SRP)', (await afterPassword()) === 'signed in');

  // The devices Cognito tracks for the user, this browser's marked.
  await w.button('Your devices').click();
  await w.heading('Your devices').waitFor();
  const listedDevices = await page.getByTestId('cw-device').allTextContents();
  // (ListDevices, unlike AdminListDevices, does not say whether a device is remembered.)
  check('"Your devices" lists this browser\'s device with when it was last used (today)',
    listedDevices.length === 1
      && listedDevices[0].startsWith(`This device last used ${new Date().toLocaleDateString('en')}`),
    listedDevices.join(' | '));
  check('each device has its "Forget"', await w.button('Forget: This device').isVisible());
  await audit('the list of devices');
  await w.button('Cancel').click();
  await w.signedInAs(email);

  // Settings: e-mail codes on, and first.
  const heardBefore = await page.evaluate(() => window.heard.length);
  await w.button('Two-step verification').click();
  await page.getByText('Authenticator app: on, used first').waitFor();
  await audit('the two-step verification settings');
  await w.button('Turn on: Code by e-mail').click();
  await page.getByText('Code by e-mail: on').waitFor();
  await w.button('Use first: Code by e-mail').click();
  await page.getByText('Code by e-mail: on, used first').waitFor();
  const settings = await api.call('AdminGetUser', { UserPoolId: poolId, Username: email }, { admin: true });
  check('the settings reach Cognito: both factors on, e-mail preferred',
    settings.PreferredMfaSetting === 'EMAIL_OTP'
      && JSON.stringify([...settings.UserMFASettingList].sort()) === '["EMAIL_OTP","SOFTWARE_TOKEN_MFA"]',
    JSON.stringify(settings));
  await w.button('Done').click();
  await w.signedInAs(email);
  const heardThen = await page.evaluate((n) => window.heard.slice(n).map((h) => h.name), heardBefore);
  check('the host hears no sign-out or sign-in while the user is in the settings',
    !heardThen.includes('signed-out') && !heardThen.includes('signed-in'), heardThen.join());

  // Forget this device: the next sign-in asks for a code again (the e-mailed one, now first).
  await w.button('Forget this device').click();
  await page.getByText('This device is forgotten.', { exact: false }).waitFor();
  check('forgetting clears the device here', (await deviceKeys()).length === 0);
  check('and at Cognito', (await remembered()).length === 0);
  check('the signed-in view no longer offers to forget it', !(await w.button('Forget this device').isVisible()));
  await w.button('Sign out').click();
  await w.signIn(email, password);
  check('after "Forget this device" the sign-in asks for a code again', (await afterPassword()) === 'asked for a code');
  const hint = await page.getByTestId('cw-destination').textContent();
  check('the e-mailed code\'s masked destination is shown', /We sent a code to \S*\*\*\*\S*@/.test(hint) && !hint.includes(email), hint);
  await audit('the e-mailed code step');
  await code.fill(await api.code(email));
  await w.button('Verify').click();
  await w.signedInAs(email);
  check('the e-mailed code signs in', true);

  // No factor preferred: the sign-in offers the choice (SELECT_MFA_TYPE).
  await api.call('AdminSetUserMFAPreference', {
    UserPoolId: poolId, Username: email,
    SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false },
    EmailMfaSettings: { Enabled: true, PreferredMfa: false },
  }, { admin: true });
  await w.button('Sign out').click();
  await w.signIn(email, password);
  await page.getByText('How do you want to confirm it is you?').waitFor();
  check('with no factor preferred the sign-in offers both',
    await w.button('Authenticator app').isVisible() && await w.button('Code by e-mail').isVisible());
  await audit('the choice of factor');
  await shot('choice-step');
  await w.button('Back to sign in').click();
  await w.heading('Sign in').waitFor();
  check('back to sign-in keeps the e-mail typed', (await w.field('Email').inputValue()) === email);
  await w.field('Password').fill(password);
  await w.button('Sign in').click();
  await w.button('Code by e-mail').click();
  await page.getByText('We sent a code to', { exact: false }).waitFor();
  await code.fill(await api.code(email));
  await w.button('Verify').click();
  await w.signedInAs(email);
  check('choosing e-mail, then its code, signs in', true);

  const violations = await page.evaluate(() => window.violations);
  check('no Content-Security-Policy violation on any MFA screen (the QR code is inline SVG)',
    violations.length === 0, violations.join('; '));
} catch (e) {
  await page.screenshot({ path: `${out}mfa-failure.png` }).catch(() => {});
  check('the journey ran to its end', false, e.stack);
} finally {
  await browser.close();
  site.close();
}
finish();
