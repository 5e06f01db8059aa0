// The embedded widget in a plain host page (www/embed.html + dist/widget/ as static files)
// beside the emulator: sign up, confirm, signed in through the embedded widget; the host hears
// cognito-widget:signed-in with tokens whose signature verifies against the emulator's JWKS;
// sign out is heard too; a second, themed widget on another pool is untouched. Screenshots in
// e2e/out/. Needs COGNITO_EMULATOR (scripts/with-emulator) and dist/widget (scripts/package).
import { createPublicKey, verify } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveWidget } from './serve-widget.mjs';
import { auditor } from './axe.mjs';

const emulator = process.env.COGNITO_EMULATOR?.replace(/\/$/, '');
if (!emulator) throw new Error('COGNITO_EMULATOR is not set (run through scripts/with-emulator)');
const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'e2e', 'out');
mkdirSync(out, { recursive: true });
const server = await serveWidget({
  '/': { file: join(root, 'www', 'embed.html') },
  // A host page whose own field has autofocus, with the widget far below the fold.
  '/far': `<!doctype html><html lang="en"><head><script type="module" src="widget/cognito-widget.js"></script></head>
      <body><label>Search <input id="host-field" autofocus></label><div style="height: 2000px"></div>
      <cognito-widget config="${emulator}/_emulator/pools/my-user-pool/widget-config" heading-level="3"
        sign-up-attributes="nickname"></cognito-widget></body></html>`,
});
const site = `${server.url}/?emulator=${encodeURIComponent(emulator)}`;

/** Checks an RS256 JWT against the pool's JWKS, as a host's backend would. */
async function verifiesAgainstJwks(jwt, pool) {
  const jwks = await (await fetch(`${emulator}/${pool}/.well-known/jwks.json`)).json();
  const [head, payload, signature] = jwt.split('.');
  const { kid } = JSON.parse(Buffer.from(head, 'base64url'));
  const jwk = jwks.keys.find((k) => k.kid === kid);
  if (!jwk) return false;
  return verify('RSA-SHA256', Buffer.from(`${head}.${payload}`), createPublicKey({ key: jwk, format: 'jwk' }),
    Buffer.from(signature, 'base64url'));
}

const failures = [];
const check = (what, held, detail = '') => { if (held) console.log(`  ok: ${what}`); else failures.push(`${what} ${detail}`); };
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));
// Count the page's live timers, to show an unmounted widget leaves none behind.
await page.addInitScript(() => {
  const live = { timeouts: new Set(), intervals: new Set() };
  window.__timers = live;
  const { setTimeout: st, clearTimeout: ct, setInterval: si, clearInterval: ci } = window;
  window.setTimeout = (fn, ms, ...args) => {
    const id = st((...a) => { live.timeouts.delete(id); return typeof fn === 'function' ? fn(...a) : undefined; }, ms, ...args);
    live.timeouts.add(id);
    return id;
  };
  window.clearTimeout = (id) => { live.timeouts.delete(id); ct(id); };
  window.setInterval = (...a) => { const id = si(...a); live.intervals.add(id); return id; };
  window.clearInterval = (id) => { live.intervals.delete(id); ci(id); };
});
try {
  await page.goto(site);
  const first = page.locator('#default-slot');
  const themed = page.locator('#brand-slot');
  await first.getByRole('heading', { name: 'Sign in' }).waitFor();
  await themed.getByRole('heading', { name: 'Anmelden' }).waitFor();
  await page.screenshot({ path: join(out, 'embed-01-two-widgets.png') });
  console.log('  ok: two widgets on one page, the second themed and in German (embed-01-two-widgets.png)');
  // Accessibility: each card is a region of the host's page, named by its heading (level 2 by
  // default), in its own language; the host's <main> stays the only one.
  const audit = auditor(page, check);
  await audit('the embedded sign-in (English)', '#default-slot cognito-widget');
  await audit('the embedded sign-in (German)', '#brand-slot cognito-widget');
  const cards = await page.evaluate(() => ({
    mains: document.querySelectorAll('main, [role=main]').length,
    cards: [...document.querySelectorAll('[data-testid=cw-root]')].map((card) => {
      const heading = document.getElementById(card.getAttribute('aria-labelledby'));
      return [card.tagName, heading?.getAttribute('aria-level'), heading?.textContent, card.getAttribute('lang')].join(' ');
    }),
  }));
  check(`the embedded cards are labelled sections with level-2 headings and their lang (${JSON.stringify(cards)})`,
    cards.mains === 1 && cards.cards.join('|') === 'SECTION 2 Sign in en|SECTION 2 Anmelden de');
  // The German one's sign-up form, checklist and all.
  await themed.getByRole('button', { name: 'Konto erstellen' }).click();
  await themed.getByLabel('Passwort', { exact: true }).fill('abc');
  await themed.getByText('Mindestens 8 Zeichen').waitFor();
  await themed.getByRole('button', { name: 'Konto erstellen' }).click();
  await themed.getByText('Bitte ausfüllen.').first().waitFor();
  await audit('the embedded German sign-up submitted with errors', '#brand-slot cognito-widget');
  await themed.screenshot({ path: join(out, 'embed-02-german-sign-up.png') });
  console.log('  ok: the German sign-up form (embed-02-german-sign-up.png)');
  await themed.getByRole('button', { name: 'Schon ein Konto? Anmelden' }).click();

  const email = `embed-${Date.now()}@example.com`;
  const password = 'embedded 42';
  await first.getByRole('button', { name: 'Create an account' }).click();
  await first.getByLabel('Email', { exact: true }).fill(email);
  await first.getByLabel('Password', { exact: true }).fill(password);
  await first.getByLabel('Confirm password', { exact: true }).fill(password);
  await first.getByLabel('Given name', { exact: true }).fill('Ada');
  await first.getByLabel('Family name', { exact: true }).fill('Lovelace');
  await first.getByRole('button', { name: 'Create account' }).click();
  await first.getByLabel('Code', { exact: true }).waitFor();
  check('the code form runs its resend countdown (a live interval)',
    await page.evaluate(() => window.__timers.intervals.size) === 1);
  const outbox = await (await fetch(`${emulator}/_emulator/outbox`)).json();
  await first.getByLabel('Code', { exact: true }).fill(outbox.filter((m) => m.destination === email).at(-1).code);
  await first.getByRole('button', { name: 'Confirm' }).click();
  await first.getByTestId('cw-signed-in').waitFor();
  await page.screenshot({ path: join(out, 'embed-03-signed-in.png') });

  const heard = await page.evaluate(() => window.heard);
  const signedIn = heard.find((h) => h.name === 'signed-in');
  check('the host heard cognito-widget:signed-in from the widget it belongs to',
    signedIn?.pool === 'my-user-pool' && signedIn.detail.claims.email === email);
  const poolId = signedIn?.detail.claims.iss.split('/').at(-1);
  check('its ID and access tokens verify against the emulator\'s JWKS',
    signedIn && await verifiesAgainstJwks(signedIn.detail.idToken, poolId)
      && await verifiesAgainstJwks(signedIn.detail.accessToken, poolId));
  // Change one signature character well inside (the last one may only carry padding bits).
  const tampered = (jwt) => {
    const i = jwt.lastIndexOf('.') + 20;
    return jwt.slice(0, i) + (jwt[i] === 'A' ? 'B' : 'A') + jwt.slice(i + 1);
  };
  check('a tampered token does not', signedIn
    && !(await verifiesAgainstJwks(tampered(signedIn.detail.idToken), poolId)));
  check('the themed widget on the other pool is untouched',
    await themed.getByRole('heading', { name: 'Anmelden' }).isVisible());
  const session = await page.evaluate(() => document.querySelector('#default-slot cognito-widget').getSession());
  check('getSession() gives the same tokens', session?.idToken === signedIn?.detail.idToken);
  check('the refresh token stays in the widget unless the host opts in',
    signedIn && signedIn.detail.refreshToken == null && session?.refreshToken == null && typeof signedIn.detail.expiresAt === 'number');
  // Tokens about to expire by Cognito's clock (the stored drift says this device runs an hour
  // behind): getSession() refreshes first, once for two callers at the same time.
  const refreshes = [];
  page.on('request', (r) => r.headers()['x-amz-target']?.endsWith('.GetTokensFromRefreshToken') && refreshes.push(r));
  const [a, b] = await page.evaluate(() => {
    for (const key of Object.keys(localStorage).filter((k) => k.endsWith('.clockDrift'))) localStorage.setItem(key, '-3590');
    const el = document.querySelector('#default-slot cognito-widget');
    return Promise.all([el.getSession(), el.getSession()]);
  });
  const refreshedHeard = await page.evaluate(() => window.heard.filter((h) => h.name === 'tokens-refreshed').length);
  check('getSession() refreshes tokens about to expire first, one refresh for two callers, and the host hears tokens-refreshed',
    a?.accessToken && a.accessToken !== signedIn?.detail.accessToken && b?.accessToken === a.accessToken
      && refreshes.length === 1 && refreshedHeard === 1);

  await first.getByRole('button', { name: 'Sign out', exact: true }).click();
  await first.getByRole('heading', { name: 'Sign in' }).waitFor();
  const after = await page.evaluate(() => window.heard.map((h) => h.name));
  check('the host heard cognito-widget:signed-out', after.includes('signed-out'));

  // A failure is heard too, in the catalogue's words.
  await first.getByLabel('Email', { exact: true }).fill(email);
  await first.getByLabel('Password', { exact: true }).fill('not the password 1');
  await first.getByRole('button', { name: 'Sign in', exact: true }).click();
  await first.getByText('The username or password is not right.').waitFor();
  await audit('the embedded sign-in with a wrong password', '#default-slot cognito-widget');
  const error = await page.evaluate(() => window.heard.find((h) => h.name === 'error'));
  check('the host heard cognito-widget:error with plain words',
    error?.detail.name === 'NotAuthorizedException'
      && error.detail.message === 'The username or password is not right.');
  // And signing in with the right password is heard again.
  await first.getByLabel('Password', { exact: true }).fill(password);
  await first.getByRole('button', { name: 'Sign in', exact: true }).click();
  await first.getByTestId('cw-signed-in').waitFor();
  const signIns = await page.evaluate(() => window.heard.filter((h) => h.name === 'signed-in'));
  check('signing in through the embedded widget is heard, with tokens that verify',
    signIns.length === 2 && await verifiesAgainstJwks(signIns[1].detail.idToken, poolId));
  await first.getByRole('button', { name: 'Sign out', exact: true }).click();
  await first.getByRole('heading', { name: 'Sign in' }).waitFor();

  // The German widget signs a user up too, and is removed while its code form counts down.
  const other = `embed-de-${Date.now()}@example.com`;
  await themed.getByRole('button', { name: 'Konto erstellen' }).click();
  await themed.getByLabel('E-Mail', { exact: true }).fill(other);
  await themed.getByLabel('Passwort', { exact: true }).fill('1234Abcd^');
  await themed.getByLabel('Passwort bestätigen', { exact: true }).fill('1234Abcd^');
  await themed.getByLabel('Nachname', { exact: true }).fill('Müller');
  await themed.getByRole('button', { name: 'Konto erstellen' }).click();
  await themed.getByText('Wir haben einen Code an').waitFor();
  await page.screenshot({ path: join(out, 'embed-04-german-code.png') });
  check('the German widget reached its code form, countdown running',
    await page.evaluate(() => window.__timers.intervals.size) === 1);

  // A widget that finishes loading far down a host page leaves the page's focus and scroll
  // alone: only the user's own actions in the widget move focus.
  const far = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  await far.goto(site.replace('/?', '/far?'));
  await far.getByRole('heading', { name: 'Sign in' }).waitFor();
  await far.waitForTimeout(300); // the frame after the step renders, where focus would move
  const [focused, scrolled] = await far.evaluate(() => [document.activeElement?.id, window.scrollY]);
  check(`a widget far below the fold takes neither focus nor scroll (focus on ${focused}, scrolled ${scrolled} px)`,
    focused === 'host-field' && scrolled === 0);
  // Once the user acts in it, its next step gets the focus.
  await far.getByRole('button', { name: 'Create an account' }).click();
  await far.getByRole('heading', { name: 'Create an account' }).waitFor();
  await far.waitForTimeout(300);
  const inWidget = await far.evaluate(() => document.activeElement?.closest('cognito-widget') !== null);
  check('after a click in the widget, its next step has the focus', inWidget);
  // The host chose the heading level and the optional attributes sign-up asks for.
  const level = await far.getByRole('heading', { name: 'Create an account' }).getAttribute('aria-level');
  const nickname = far.getByLabel('Nickname', { exact: true });
  check('heading-level="3" gives a level-3 heading', level === '3');
  check('sign-up-attributes="nickname" adds Nickname, optional (not required), after the required ones',
    await nickname.isVisible() && (await nickname.getAttribute('required')) === null
      && (await far.getByLabel('Given name', { exact: true }).getAttribute('required')) !== null);
  await far.close();

  // A panic in the wasm (here: the browser refuses to make an input while sign-up renders, and
  // the rendering library's unwrap aborts) stops every widget of the page, visibly.
  const trapped = await browser.newPage();
  const trapErrors = [];
  trapped.on('pageerror', (e) => trapErrors.push(e.name));
  await trapped.addInitScript(() => {
    window.internal = [];
    document.addEventListener('cognito-widget:error', (e) => e.detail.name === 'InternalError' && window.internal.push(e.detail.message));
  });
  await trapped.goto(site);
  await trapped.locator('#default-slot').getByRole('heading', { name: 'Sign in' }).waitFor();
  await trapped.locator('#brand-slot').getByRole('heading', { name: 'Anmelden' }).waitFor();
  await trapped.evaluate(() => {
    const make = Document.prototype.createElement;
    Document.prototype.createElement = function (tag, ...rest) {
      if (tag === 'input') throw new Error('refused for the test');
      return make.call(this, tag, ...rest);
    };
  });
  await trapped.locator('#default-slot').getByRole('button', { name: 'Create an account' }).click();
  await trapped.locator('#brand-slot').getByRole('alert').filter({ hasText: 'internen Fehlers' }).waitFor({ timeout: 5000 });
  const stoppedCards = await trapped.evaluate(() => ({
    said: [...document.querySelectorAll('cognito-widget')].map((w) => w.textContent),
    heard: window.internal.length,
  }));
  check(`a trap (${trapErrors.join()}) stops both widgets, each saying so in its language, and the page hears it twice`,
    trapErrors.includes('RuntimeError') && stoppedCards.heard === 2
      && stoppedCards.said[0].startsWith('Sign-in stopped working') && stoppedCards.said[1].startsWith('Die Anmeldung'),
    JSON.stringify(stoppedCards));
  await trapped.close();

  // Unmounting: removing the elements leaves no widget and no timer behind.
  await page.evaluate(() => document.querySelectorAll('cognito-widget').forEach((w) => w.remove()));
  await page.waitForTimeout(100);
  check('unmounted widgets leave nothing in the page',
    await page.locator('.cw-card').count() === 0);
  const timers = await page.evaluate(() => [window.__timers.timeouts.size, window.__timers.intervals.size]);
  check(`unmounted widgets leave no timer running (timeouts, intervals: ${timers})`,
    timers[0] === 0 && timers[1] === 0);

  // A widget removed while it is still mounting (here: waiting for its French texts) is
  // unmounted once the mount completes, not left running in the detached element.
  const inline = JSON.stringify({
    ...(await (await fetch(`${emulator}/_emulator/pools/my-user-pool/widget-config`)).json()), language: 'fr',
  });
  await page.route('**/i18n/fr.json', async (route) => {
    await new Promise((r) => setTimeout(r, 500));
    await route.fallback();
  });
  const frRequested = page.waitForRequest('**/i18n/fr.json');
  await page.evaluate((config) => {
    const el = document.createElement('cognito-widget');
    el.setAttribute('config', config);
    window.removedWhileMounting = el;
    document.body.append(el);
  }, inline);
  await frRequested;
  await page.evaluate(() => window.removedWhileMounting.remove());
  await page.waitForTimeout(1500);
  check('a widget removed while mounting leaves no card behind',
    await page.evaluate(() => window.removedWhileMounting.querySelector('[data-testid=cw-root]') === null));
  // A configuration URL that answers 404 is said to, not parsed as JSON.
  const said = await page.evaluate(async () => {
    const el = document.createElement('cognito-widget');
    el.setAttribute('config', '/no-such-config.json');
    document.body.append(el);
    for (let i = 0; i < 50 && !el.textContent; i += 1) await new Promise((r) => setTimeout(r, 50));
    return el.textContent;
  });
  check(`a configuration URL answering 404 is reported as such (${JSON.stringify(said)})`,
    said.includes('/no-such-config.json answered HTTP 404'));
} catch (e) {
  failures.push(String(e?.stack ?? e));
  await page.screenshot({ path: join(out, 'embed-failure.png') }).catch(() => {});
} finally {
  await browser.close();
  server.close();
}
if (failures.length) {
  console.error(failures.map((f) => `FAIL: ${f}`).join('\n'));
  process.exit(1);
}
