// Many tabs, one session; two devices, one user. On the demo pool's rotating client
// (refresh-token rotation on, no grace period: a refresh token works once):
// - two tabs past expiry, back online at the same moment, make exactly one refresh request,
//   end up with the same new tokens, and neither is signed out; sign-out in one tab signs out
//   the other ("other-tab"); without Web Locks both tabs ask, Cognito refuses the second, and
//   the loser adopts the winner's tokens (nobody signed out);
// - a sign-in as another user in one tab makes the other tab show that user;
// - two devices: "Sign out everywhere" on one; the other is refused at its next refresh and
//   signed out with reason "revoked".
// Needs COGNITO_EMULATOR (scripts/with-emulator) and dist/app (trunk build --release).
import { EmulatorApi } from './emulator-api.mjs';
import { accessTokenChanges, addresses, checks, launch, recordHostEvents } from './session-support.mjs';
import { serveDist } from './serve-dist.mjs';
import { WidgetPage } from './widget-page.mjs';

const emulator = process.env.COGNITO_EMULATOR;
if (!emulator) throw new Error('COGNITO_EMULATOR is not set (run through scripts/with-emulator)');
const api = new EmulatorApi(emulator);
const { clientId } = await api.client('my-user-pool', 'rotating-client');
const site = await serveDist();
const app = `${site.url}?emulator=${encodeURIComponent(emulator)}&pool=my-user-pool&client=rotating-client`;
const PASSWORD = 'tabs Pass 42';
const fresh = addresses('tabs');

const browser = await launch();
const { failures, check, finish } = checks();

/** A browser context (a device) on a fake clock, counting Cognito calls by operation. */
async function device() {
  const context = await browser.newContext();
  await context.clock.install();
  const calls = [];
  context.on('request', (r) => {
    const target = r.headers()['x-amz-target'];
    if (target) calls.push(target.split('.')[1]);
  });
  await context.addInitScript(recordHostEvents);
  const tab = async () => {
    const page = await context.newPage();
    page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));
    await page.goto(app);
    return { page, w: new WidgetPage(page) };
  };
  return { context, tab, count: (op) => calls.filter((c) => c === op).length };
}

const tokens = (page) => page.evaluate(() => Object.fromEntries(
  Object.keys(localStorage).filter((k) => /\.(accessToken|refreshToken)$/.test(k)).map((k) => [k.split('.').at(-1), localStorage.getItem(k)]),
));
const reasons = (page) => page.evaluate(() => window.heard.filter((h) => h.name === 'signed-out').map((h) => h.detail.reason));
const heard = (page, name) => page.evaluate((n) => window.heard.filter((h) => h.name === n).length, name);

/**
 * Two tabs past expiry on a rotating client, back online at the same moment, while the first
 * refresh request is slow to answer. With Web Locks: one refresh request in all. Without
 * (`locks: false`, as in browsers that lack them): both tabs ask, Cognito refuses the second
 * (the token was rotated), and the loser adopts the winner's tokens instead of signing out.
 * Returns the device and its tabs, signed in.
 */
async function twoTabsOneRefresh({ locks }) {
  const email = fresh(locks ? 'two' : 'nolocks');
  await api.confirmedUser(clientId, email, PASSWORD);
  const d = await device();
  if (!locks) await d.context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined }));
  const one = await d.tab();
  await one.w.signIn(email, PASSWORD);
  await one.w.signedInAs(email);
  const two = await d.tab();
  await two.w.signedInAs(email); // restored from the shared storage
  const before = await tokens(one.page);
  const refused = [];
  d.context.on('response', (r) => {
    if (r.request().headers()['x-amz-target']?.endsWith('.GetTokensFromRefreshToken') && r.status() !== 200) {
      const at = refused.push(`HTTP ${r.status()}`) - 1;
      r.json().then((body) => { refused[at] = body.__type; }, () => {});
    }
  });
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  await d.context.route((url) => url.href.startsWith(emulator), async (route) => {
    if (!route.request().headers()['x-amz-target']?.endsWith('.GetTokensFromRefreshToken')) return route.fallback();
    if (locks) {
      // A slow refresh answer: the second tab's try comes while the first tab's request is out.
      await sleep(1500);
      return route.fallback();
    }
    // Without locks, the hard case: the loser hears Cognito's refusal before the winner's new
    // tokens reach it (the winner's success is delivered a second late), so it must wait for
    // them rather than sign everyone out. (Had the winner's tokens come first, the loser's
    // request would simply be abandoned on the storage event.)
    await sleep(300);
    const response = await route.fetch();
    if (response.status() === 200) await sleep(1000);
    return route.fulfill({ response });
  });
  // The tokens fall due in both tabs at once (the stored drift now says this device runs an
  // hour behind Cognito, so by Cognito's clock they are about to expire), then both tabs hear
  // "online" at the same moment (the network came back) and try at once. Timers stay real:
  // nothing else fires meanwhile. (Written in each tab: Chromium hands one tab's localStorage
  // writes to another later.)
  await Promise.all([one, two].map((t) => t.page.evaluate(() => {
    for (const key of Object.keys(localStorage).filter((k) => k.endsWith('.clockDrift'))) localStorage.setItem(key, '-3590');
  })));
  await Promise.all([one, two].map((t) => t.page.evaluate(() => dispatchEvent(new Event('online')))));
  const changed = await accessTokenChanges(one.page, before.accessToken);
  await one.page.waitForTimeout(3500); // time for a second (wrong) refresh, or its refusal, to show up
  const [t1, t2] = [await tokens(one.page), await tokens(two.page)];
  const refreshes = d.count('GetTokensFromRefreshToken') + d.count('InitiateAuth') - 1;
  const both = (await one.w.signedInAs(email).then(() => true, () => false))
    && (await two.w.signedInAs(email).then(() => true, () => false));
  const out = [...(await reasons(one.page)), ...(await reasons(two.page))];
  const heardNew = [await heard(one.page, 'tokens-refreshed'), await heard(two.page, 'tokens-refreshed')];
  const detail = JSON.stringify({
    changed, refreshes, refused, same: t1.accessToken === t2.accessToken, rotated: t1.refreshToken !== before.refreshToken, both, out, heardNew,
  });
  const shared = changed && t1.accessToken === t2.accessToken && t1.refreshToken !== before.refreshToken
    && both && out.length === 0 && heardNew.every((n) => n >= 1);
  if (locks) {
    check(`two tabs past expiry on a rotating client, back online together: ${refreshes} refresh request in all, same new tokens, both signed in, both hosts heard the new tokens`,
      shared && refreshes === 1 && heardNew.join() === '1,1', detail);
  } else {
    check(`the same without Web Locks: both tabs ask (${refreshes} requests), Cognito refuses the second (${refused.join()}), the loser adopts the winner's tokens, nobody is signed out`,
      shared && refreshes === 2 && refused.join() === 'RefreshTokenReuseException', detail);
  }
  return { d, one, two };
}

try {
  await (await twoTabsOneRefresh({ locks: false })).d.context.close();
  {
    const { d, one, two } = await twoTabsOneRefresh({ locks: true });

    // A sign-in as someone else in one tab: the other follows.
    const other = fresh('other');
    await api.confirmedUser(clientId, other, PASSWORD);
    await one.w.button('Sign out').click();
    const followedOut = await two.w.heading('Sign in').waitFor({ timeout: 5000 }).then(() => true, () => false);
    check('sign-out in one tab signs out the other ("other-tab")',
      followedOut && (await reasons(two.page)).join() === 'other-tab' && (await reasons(one.page)).join() === 'user',
      JSON.stringify({ followedOut, two: await reasons(two.page), one: await reasons(one.page) }));
    await one.w.signIn(other, PASSWORD);
    await one.w.signedInAs(other);
    const followedIn = await two.w.signedInAs(other).then(() => true, () => false);
    check('a sign-in in one tab shows that user in the other', followedIn);
    await d.context.close();
  }

  // Two devices: sign out everywhere on one; the other is refused at its next refresh.
  {
    const email = fresh('devices');
    await api.confirmedUser(clientId, email, PASSWORD);
    const [laptop, phone] = [await device(), await device()];
    const a = await laptop.tab();
    const b = await phone.tab();
    for (const t of [a, b]) {
      await t.w.signIn(email, PASSWORD);
      await t.w.signedInAs(email);
    }
    await a.w.button('Sign out everywhere').click();
    await a.w.heading('Sign in').waitFor({ timeout: 5000 });
    const stillB = await b.w.signedInAs(email).then(() => true, () => false);
    await phone.context.clock.fastForward('56:00');
    const refused = await b.w.heading('Sign in').waitFor({ timeout: 10_000 }).then(() => true, () => false);
    check('"Sign out everywhere": this device signs out ("everywhere"); the other is refused at its next refresh ("revoked")',
      (await reasons(a.page)).join() === 'everywhere' && laptop.count('GlobalSignOut') === 1 && stillB && refused
        && (await reasons(b.page)).join() === 'revoked' && Object.keys(await tokens(b.page)).length === 0,
      JSON.stringify({ a: await reasons(a.page), b: await reasons(b.page), stillB, refused }));
    await laptop.context.close();
    await phone.context.close();
  }
} catch (e) {
  failures.push(String(e?.stack ?? e));
} finally {
  await browser.close();
  site.close();
}
finish();
