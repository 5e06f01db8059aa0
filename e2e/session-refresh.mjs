// Sessions against bad networks and wrong clocks, with Playwright's fake clock standing in for
// an hour of waiting:
// - each fault answering the background refresh keeps the user signed in with the tokens in
//   storage, and a later retry (backed off) refreshes them;
// - a refresh token Cognito refuses ends the session: storage cleared, the host told why;
// - offline for an hour: at most 15 requests, still signed in, refreshed once back online;
// - a device clock an hour fast, or two minutes fast: no refresh storm, sign-out works, and
//   amazon-cognito-identity-js reading the stored session judges its tokens as Cognito would.
// Needs COGNITO_EMULATOR (scripts/with-emulator) and dist/app (trunk build --release).
import { createRequire } from 'node:module';
import { EmulatorApi } from './emulator-api.mjs';
import { accessTokenChanges, addresses, checks, launch, recordHostEvents } from './session-support.mjs';
import { always, faults, withTimeout } from './faults.mjs';
import { serveDist } from './serve-dist.mjs';
import { WidgetPage } from './widget-page.mjs';

const { CognitoUserSession, CognitoIdToken, CognitoAccessToken, CognitoRefreshToken } =
  createRequire(import.meta.url)('amazon-cognito-identity-js');

const emulator = process.env.COGNITO_EMULATOR;
if (!emulator) throw new Error('COGNITO_EMULATOR is not set (run through scripts/with-emulator)');
const api = new EmulatorApi(emulator);
const { clientId } = await api.client('my-user-pool');
const site = await serveDist();
const app = `${site.url}?emulator=${encodeURIComponent(emulator)}&pool=my-user-pool`;
const PASSWORD = 'refresh Pass 42';
const REFRESH = 'GetTokensFromRefreshToken';
const fresh = addresses('refresh');

const browser = await launch();
const { failures, check, finish } = checks();

/** A signed-in page on a fake clock (`skew` ms ahead of the real one); counts Cognito calls. */
async function signedIn(skew = 0) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));
  const calls = [];
  page.on('request', (r) => {
    const target = r.headers()['x-amz-target'];
    if (target) calls.push(target.split('.')[1]);
  });
  await page.addInitScript(recordHostEvents);
  await page.clock.install({ time: Date.now() + skew });
  await withTimeout(page, emulator, 3000);
  await page.goto(app);
  const email = fresh('user');
  await api.confirmedUser(clientId, email, PASSWORD);
  const w = new WidgetPage(page);
  await w.signIn(email, PASSWORD);
  await w.signedInAs(email);
  return { context, page, w, email, calls, count: (op) => calls.filter((c) => c === op).length };
}

const stored = (page) => page.evaluate(() => {
  const prefix = Object.keys(localStorage).find((k) => k.endsWith('.LastAuthUser'))?.replace('.LastAuthUser', '');
  if (!prefix) return null;
  const user = localStorage.getItem(`${prefix}.LastAuthUser`);
  const get = (k) => localStorage.getItem(`${prefix}.${user}.${k}`);
  return { accessToken: get('accessToken'), idToken: get('idToken'), refreshToken: get('refreshToken'), clockDrift: get('clockDrift') };
});
const stillSignedIn = async (w, email) => w.signedInAs(email).then(() => true, () => false);

try {
  // Each fault answering every refresh: the session stays; once the fault clears, the next
  // (backed-off) retry refreshes.
  for (const [name, fault] of Object.entries(faults)) {
    const s = await signedIn();
    const before = await stored(s.page);
    const injected = await always(s.page, emulator, REFRESH, fault.inject);
    await s.page.clock.fastForward('56:00'); // past the refresh point (5 min before expiry)
    await s.page.waitForTimeout(name === 'hang past the timeout' ? 4000 : 1000);
    await s.page.clock.fastForward(30_000); // a few backed-off retries
    await s.page.waitForTimeout(name === 'hang past the timeout' ? 4000 : 500);
    const during = await stored(s.page);
    const kept = (await stillSignedIn(s.w, s.email)) && during?.accessToken === before.accessToken;
    injected.stop();
    await s.page.clock.fastForward(300_000); // the longest backoff: one retry must come
    const refreshed = await accessTokenChanges(s.page, before.accessToken);
    const heard = await s.page.evaluate(() => window.heard.map((h) => h.name));
    check(`a refresh answered by ${name}: still signed in, tokens kept (${injected.hits()} failed attempts, ${s.count(REFRESH)} in all), refreshed once it cleared`,
      kept && injected.hits() >= 1 && refreshed && !heard.includes('signed-out') && heard.includes('tokens-refreshed'),
      JSON.stringify({ kept, hits: injected.hits(), refreshed, heard }));
    await s.context.close();
  }

  // A refresh token Cognito refuses ends the session for good, and says so.
  {
    const s = await signedIn();
    const { refreshToken } = await stored(s.page);
    await api.call('RevokeToken', { ClientId: clientId, Token: refreshToken });
    await s.page.clock.fastForward('56:00');
    const ended = await s.w.heading('Sign in').waitFor({ timeout: 5000 }).then(() => true, () => false);
    const said = await s.page.getByTestId('cw-error').innerText();
    const left = await stored(s.page);
    const heard = await s.page.evaluate(() => window.heard.filter((h) => h.name === 'signed-out').map((h) => h.detail.reason));
    check('a revoked refresh token signs out, clears storage and tells the host "revoked"',
      ended && said.includes('session has ended') && left === null && heard.join() === 'revoked',
      JSON.stringify({ ended, said, left, heard }));
    await s.context.close();
  }

  // Offline for an hour.
  {
    const s = await signedIn();
    const before = await stored(s.page);
    const sent = s.calls.length;
    await s.context.setOffline(true);
    for (let minute = 0; minute < 60; minute += 1) {
      for (let tick = 0; tick < 6; tick += 1) {
        await s.page.clock.runFor(10_000);
        await s.page.waitForTimeout(15); // let failed fetches come back
      }
    }
    const offline = s.calls.length - sent;
    console.log(`  offline for one hour: ${offline} requests sent`);
    const kept = await stillSignedIn(s.w, s.email);
    await s.context.setOffline(false); // the browser fires "online": the widget retries at once
    const refreshed = await accessTokenChanges(s.page, before.accessToken);
    check(`offline for an hour: ${offline} ≤ 15 requests, still signed in, refreshed when back online`,
      offline <= 15 && kept && refreshed, JSON.stringify({ offline, kept, refreshed }));
    await s.context.close();
  }

  // Wrong device clocks.
  for (const [what, skew] of [['an hour fast', 3_600_000], ['two minutes fast', 120_000], ['an hour slow', -3_600_000]]) {
    const s = await signedIn(skew);
    await s.page.waitForTimeout(3000);
    const storm = s.count(REFRESH) + s.count('InitiateAuth') - 1; // the sign-in's own InitiateAuth
    const session = await stored(s.page);
    const drift = Number(session.clockDrift);
    // amazon-cognito-identity-js, on this device's clock, reading what the widget stored.
    const device = () => Date.now() + skew;
    const identity = new CognitoUserSession({
      IdToken: new CognitoIdToken({ IdToken: session.idToken }),
      AccessToken: new CognitoAccessToken({ AccessToken: session.accessToken }),
      RefreshToken: new CognitoRefreshToken({ RefreshToken: session.refreshToken }),
      ClockDrift: drift,
    });
    const exp = JSON.parse(Buffer.from(session.accessToken.split('.')[1], 'base64url')).exp;
    const validNow = atDeviceTime(device(), () => identity.isValid());
    const expiredLater = !atDeviceTime((exp + 60) * 1000 + skew, () => identity.isValid());
    await s.w.button('Sign out').click();
    const out = await s.w.heading('Sign in').waitFor({ timeout: 5000 }).then(() => true, () => false);
    const cleared = (await stored(s.page)) === null;
    check(`a device clock ${what}: no refresh storm (${storm} refreshes), clockDrift ${drift} s, identity-js judges the tokens valid now and expired after exp, sign-out works`,
      storm === 0 && Math.abs(drift - skew / 1000) <= 5 && validNow && expiredLater && out && cleared,
      JSON.stringify({ storm, drift, validNow, expiredLater, out, cleared }));
    await s.context.close();
  }

  // The device clock jumps an hour ahead after sign-in (a clock corrected, a time zone mistaken):
  // the tokens now look expired, the refresh is throttled, but Cognito's answer carries its
  // Date, so the stored drift follows the device clock at once, failure or not.
  {
    const s = await signedIn();
    await s.page.clock.setSystemTime(Date.now() + 3_600_000);
    const injected = await always(s.page, emulator, REFRESH, (route) => route.fulfill({
      status: 400,
      contentType: 'application/x-amz-json-1.1',
      headers: {
        'access-control-allow-origin': '*',
        'access-control-expose-headers': 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date',
        date: new Date().toUTCString(), // Cognito's clock: the real one
      },
      body: JSON.stringify({ __type: 'TooManyRequestsException', message: 'Rate exceeded' }),
    }));
    await s.page.evaluate(() => dispatchEvent(new Event('online'))); // due now: try at once
    await s.page.waitForTimeout(1000);
    const drift = Number((await stored(s.page))?.clockDrift);
    const kept = await stillSignedIn(s.w, s.email);
    check(`a device clock moved an hour ahead after sign-in: a throttled refresh's Date sets clockDrift to ${drift} s, still signed in`,
      injected.hits() === 1 && Math.abs(drift - 3600) <= 5 && kept, JSON.stringify({ hits: injected.hits(), drift, kept }));
    await s.context.close();
  }
} catch (e) {
  failures.push(String(e?.stack ?? e));
} finally {
  await browser.close();
  site.close();
}

/** Runs `f` with node's clock reading `ms` (identity-js reads `new Date()`). */
function atDeviceTime(ms, f) {
  const RealDate = Date;
  globalThis.Date = class extends RealDate {
    constructor(...args) { super(...(args.length ? args : [ms])); }
    static now() { return ms; }
  };
  try {
    return f();
  } finally {
    globalThis.Date = RealDate;
  }
}

finish();
