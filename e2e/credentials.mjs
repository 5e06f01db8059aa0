// AWS credentials from seed 000's identity pool, on the packaged widget (dist/widget) embedded
// in a plain host page beside the emulator's demo pool, on Playwright's fake clock:
// - a failed request is refused with {name, message}, and the next one works: a guest asks
//   `getCredentials()` on the element and gets a guest's, for the unauthenticated role;
// - the guest signs in: the host hears cognito-widget:credentials for the same identity (a new
//   user takes the guest's), which the emulator (`/_emulator/credentials`) says it issued for
//   the authenticated role; the signed-in view shows the identity and the role; nothing of the
//   credentials is in localStorage; two callers at once get the same ones;
// - an hour later by the fake clock the tokens are refreshed and new credentials heard, for
//   the same identity;
// - signed out, the user's are gone: the next guest is a new identity; with the page's clock
//   now 56 minutes ahead of the emulator's, nothing is renewed early, and 56 minutes on the
//   guest's are renewed by their timer, once.
// Needs COGNITO_EMULATOR (scripts/with-emulator) and dist/widget (scripts/package).
import { auditor } from './axe.mjs';
import { EmulatorApi } from './emulator-api.mjs';
import { serveWidget } from './serve-widget.mjs';
import { launch, addresses, checks, recordHostEvents } from './session-support.mjs';

const emulator = process.env.COGNITO_EMULATOR?.replace(/\/$/, '');
if (!emulator) throw new Error('COGNITO_EMULATOR is not set (run through scripts/with-emulator)');
// The demo pool's client that seed 000's identity pool takes tokens from.
const client = 'userpoolclientDA356A8E';
const { pools } = await (await fetch(`${emulator}/_emulator/pools`)).json();
const config = pools.find((p) => p.pool.name === 'my-user-pool').clients
  .find((c) => c.client.name === client).widget_config;
const attribute = JSON.stringify(config).replaceAll('&', '&amp;').replaceAll("'", '&#39;');
const server = await serveWidget({
  '/': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Credentials</title>
    <link rel="stylesheet" href="widget/widget.css"><script type="module" src="widget/cognito-widget.js"></script>
    </head><body><main><h1>Credentials</h1><cognito-widget config='${attribute}'></cognito-widget></main></body></html>`,
});

const api = new EmulatorApi(emulator);
const { clientId } = await api.client('my-user-pool', client);
const address = addresses('credentials');
const { check, finish } = checks();
const browser = await launch();
const page = await browser.newPage();
await page.clock.install();
await page.addInitScript(recordHostEvents);
page.on('pageerror', (e) => check('no page error', false, e.message));
const audit = auditor(page, check);
const heard = (name) => page.evaluate((name) => window.heard.filter((h) => h.name === name).map((h) => h.detail), name);
const issued = async (key) =>
  (await (await fetch(`${emulator}/_emulator/credentials?access_key_id=${key}`)).json()).credentials[0];
const getCredentials = () => page.evaluate(() => document.querySelector('cognito-widget').getCredentials()
  .then((c) => ({ ok: c }), (e) => ({ refused: e })));
const widget = page.locator('cognito-widget');
const button = (name) => widget.getByRole('button', { name, exact: true });
const waitForCredentials = (n) => page.waitForFunction(
  (n) => window.heard.filter((h) => h.name === 'credentials').length >= n, n, { timeout: 15_000 });

try {
  await page.goto(server.url);
  await widget.getByRole('heading', { name: 'Sign in' }).waitFor();

  // A request that fails is refused in plain words; the next one works.
  await page.route(`${emulator}/`, (route) => route.request().headers()['x-amz-target']?.startsWith('AWSCognitoIdentityService.')
    ? route.fulfill({ status: 503, contentType: 'text/html', body: '<html>Service Unavailable</html>' })
    : route.fallback());
  const failed = await getCredentials();
  check('a failed request is refused with {name, message}',
    typeof failed.refused?.name === 'string' && failed.refused.message?.length > 0, JSON.stringify(failed));
  await page.unroute(`${emulator}/`);

  // A guest: the pool allows them.
  const guest = (await getCredentials()).ok;
  const guestRecord = guest && await issued(guest.credentials.accessKeyId);
  check('a guest gets credentials for the unauthenticated role',
    guest?.authenticated === false && guestRecord?.identity_id === guest.identityId
      && guestRecord.role_arn.includes('anonymousgrouprole'), JSON.stringify(guestRecord));
  check('the guest\'s identity is kept under Amplify\'s key, its credentials nowhere',
    await page.evaluate((g) => Object.entries(localStorage).some(([k, v]) =>
      k.startsWith('com.amplify.Cognito.') && k.endsWith('.identityId') && v === g.identityId)
      && !Object.values(localStorage).some((v) => v.includes(g.credentials.accessKeyId)), guest));
  check('and the next request gets them', guest?.authenticated === false, JSON.stringify(guest));

  // The guest signs in (a new user): the host hears the user's credentials.
  const email = address('user');
  await api.confirmedUser(clientId, email, 'Credentials 81 pass');
  const before = (await heard('credentials')).length;
  await widget.getByLabel('Email', { exact: true }).fill(email);
  await widget.getByLabel('Password', { exact: true }).fill('Credentials 81 pass');
  await button('Sign in').click();
  await waitForCredentials(before + 1);
  const mine = (await heard('credentials')).at(-1);
  const record = await issued(mine.credentials.accessKeyId);
  check('after sign-in the host hears cognito-widget:credentials for the signed-in user',
    mine.authenticated === true && /^ASIA/.test(mine.credentials.accessKeyId)
      && mine.credentials.secretAccessKey.length > 0 && mine.credentials.sessionToken.length > 0,
    JSON.stringify({ ...mine, credentials: '…' }));
  check('the emulator issued them for the user\'s identity and the authenticated role',
    record?.identity_id === mine.identityId && record.authenticated === true
      && record.role_arn.includes('usersgrouprole'), JSON.stringify(record));
  check('the guest\'s identity became the new user\'s', mine.identityId === guest.identityId,
    `${mine.identityId} vs ${guest.identityId}`);
  check('nothing of the credentials is in localStorage',
    await page.evaluate((key) => !Object.values(localStorage).some((v) => v.includes(key)), mine.credentials.accessKeyId));
  const shown = (term) => widget.locator(`.cw-attributes dt:text-is("${term}") + dd`);
  await shown('AWS role').waitFor();
  check('the signed-in view shows the identity and the role',
    (await shown('AWS identity').textContent()) === mine.identityId
      && (await shown('AWS role').textContent()) === record.role_arn);
  await audit('the signed-in view with the AWS identity', 'cognito-widget');
  const [a, b] = await page.evaluate(() => Promise.all([1, 2].map(() =>
    document.querySelector('cognito-widget').getCredentials())));
  check('two callers at once get the same credentials, the ones heard',
    a.credentials.accessKeyId === mine.credentials.accessKeyId && b.credentials.accessKeyId === a.credentials.accessKeyId);

  // An hour on: the tokens are refreshed, and new credentials come for the same identity,
  // with the new ID token, once (the credentials' own renewal would fall due at about the
  // same time: a signed-in user's credentials are renewed by the refresh).
  const beforeHour = (await heard('credentials')).length;
  await page.clock.fastForward('56:00');
  await page.waitForFunction(() => {
    const refreshed = window.heard.findIndex((h) => h.name === 'tokens-refreshed');
    return refreshed >= 0 && window.heard.slice(refreshed).some((h) => h.name === 'credentials');
  }, null, { timeout: 15_000 });
  const renewed = await page.evaluate(() => {
    const refreshed = window.heard.findIndex((h) => h.name === 'tokens-refreshed');
    return window.heard.slice(refreshed).find((h) => h.name === 'credentials').detail;
  });
  const renewedRecord = await issued(renewed.credentials.accessKeyId);
  await page.waitForTimeout(1_500); // a second request, if any, would be heard by now
  const hourly = (await heard('credentials')).length - beforeHour;
  check('an hour on, one request for new credentials (the refresh\'s), not two', hourly === 1, `${hourly} requests`);
  check('56 minutes on, the tokens are refreshed and new credentials heard for the same identity',
    renewed.credentials.accessKeyId !== mine.credentials.accessKeyId
      && renewed.identityId === mine.identityId && renewedRecord?.authenticated === true,
    JSON.stringify({ renewedRecord, mine: mine.identityId }));

  // Signed out: the user's credentials are gone; the next guest is a new identity.
  await button('Sign out').click();
  await widget.getByRole('heading', { name: 'Sign in' }).waitFor();
  const after = (await getCredentials()).ok;
  check('signed out, the next credentials are a new guest\'s',
    after?.authenticated === false && after.identityId !== mine.identityId
      && after.credentials.accessKeyId !== renewed.credentials.accessKeyId, JSON.stringify(after?.identityId));

  // The page's clock is 56 minutes ahead of the emulator's now: Expiration is read by the
  // answer's clock, so nothing is renewed at once (no storm of requests)...
  const settled = (await heard('credentials')).length;
  await page.waitForTimeout(2_500);
  check('a device clock 56 minutes ahead: no renewal until they are due',
    (await heard('credentials')).length === settled, `${(await heard('credentials')).length - settled} renewals`);
  // ... and 56 minutes later the guest's are renewed by their timer, for the same guest.
  await page.clock.fastForward('56:00');
  await waitForCredentials(settled + 1);
  const again = (await heard('credentials')).slice(settled);
  check('five minutes before they expire, a guest\'s credentials are renewed once, for the same guest',
    again.length === 1 && again[0].authenticated === false && again[0].identityId === after.identityId
      && again[0].credentials.accessKeyId !== after.credentials.accessKeyId, JSON.stringify(again.map((c) => c.identityId)));
} catch (e) {
  check('the journey ran to its end', false, e.stack);
} finally {
  await browser.close();
  server.close();
}
finish();
