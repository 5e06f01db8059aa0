// A real-browser journey (Debian chromium via playwright-core) against `trunk build --release`
// output and a running cognito-emulator: sign up, confirm with the code from the outbox, signed
// in, sign out, sign in, reload (session restored), sign out. Screenshots of each step go to
// e2e/out/. Every request body the page sends is recorded: none may contain the password.
// Needs COGNITO_EMULATOR (scripts/with-emulator) and dist/app (trunk build --release).
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serveDist } from './serve-dist.mjs';
import { WidgetPage } from './widget-page.mjs';

const emulator = process.env.COGNITO_EMULATOR;
if (!emulator) throw new Error('COGNITO_EMULATOR is not set (run through scripts/with-emulator)');
const out = new URL('./out/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });

const email = `e2e-${Date.now()}@example.com`;
const password = 'journey Pass 42';
const site = await serveDist();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 520, height: 900 } });
const bodies = [];
page.on('request', (r) => {
  const body = r.postData();
  if (body) bodies.push({ url: r.url(), target: r.headers()['x-amz-target'], body });
});
const failures = [];
page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));

let step = 0;
async function shot(name) {
  step += 1;
  const file = `${out}${String(step).padStart(2, '0')}-${name}.png`;
  await page.screenshot({ path: file });
  console.log(`  ok: ${name} (${file})`);
}

try {
  const w = new WidgetPage(page);
  await page.goto(`${site.url}?emulator=${encodeURIComponent(emulator)}&pool=my-user-pool`);
  await w.heading('Sign in').waitFor();
  await shot('sign-in');

  await w.button('Create an account').click();
  await w.field('Email').fill(email);
  await w.field('Password').fill(password);
  await w.field('Confirm password').fill(password);
  await w.field('Given name').fill('Grace');
  await w.field('Family name').fill('Hopper');
  await shot('sign-up');
  await w.button('Create account').click();

  await w.heading('Confirm your account').waitFor();
  await shot('confirm-code');
  const outbox = await (await fetch(`${emulator.replace(/\/$/, '')}/_emulator/outbox`)).json();
  const code = outbox.filter((m) => m.destination === email).at(-1).code;
  await w.field('Code').fill(code);
  await w.button('Confirm').click();
  await w.signedInAs(email);
  await shot('signed-in-after-confirming');

  await w.button('Sign out').click();
  await w.signIn(email, password);
  await w.signedInAs(email);
  await shot('signed-in');
  // The sentence reads as written (a space each side of the name), and a verified flag is
  // "Yes", not the wire's "true".
  const sentence = await page.getByTestId('cw-who').locator('xpath=..').textContent();
  if (sentence !== `You are signed in as ${email}.`) throw new Error(`signed-in sentence: ${JSON.stringify(sentence)}`);
  const verified = await page.locator('dt', { hasText: 'Email verified' }).locator('xpath=following-sibling::dd[1]').textContent();
  if (verified !== 'Yes') throw new Error(`Email verified shows ${JSON.stringify(verified)}`);
  console.log('  ok: the signed-in sentence has its spaces, and "Email verified" says Yes');

  await page.reload();
  await w.signedInAs(email);
  await shot('signed-in-after-reload');

  await w.button('Sign out').click();
  await w.heading('Sign in').waitFor();
  const left = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('CognitoIdentityServiceProvider.')));
  if (left.length) failures.push(`sign-out left ${left.join(', ')} in localStorage`);
  await shot('signed-out');

  // A German configuration: the app fetches i18n/de.json beside itself, and speaks English if it
  // cannot (here the emulator's answer gets `"language": "de"`; everything else is real).
  for (const { missing, heading } of [{ missing: false, heading: 'Anmelden' }, { missing: true, heading: 'Sign in' }]) {
    const german = await browser.newPage();
    const fetched = [];
    const warnings = [];
    german.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    german.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await german.route('**/_emulator/pools', async (route) => {
      const pools = await (await route.fetch()).json();
      for (const p of pools.pools) for (const c of p.clients) if (c.widget_config) c.widget_config.language = 'de';
      await route.fulfill({ json: pools });
    });
    if (missing) await german.route('**/i18n/de.json', (route) => route.fulfill({ status: 404 }));
    await german.goto(`${site.url}?emulator=${encodeURIComponent(emulator)}&pool=my-user-pool`);
    await new WidgetPage(german).heading(heading).waitFor();
    if (!fetched.includes('/i18n/de.json')) failures.push('the German app did not fetch i18n/de.json');
    if (fetched.some((f) => /\/i18n\/(fr|es)\.json$/.test(f))) failures.push('the app fetched a language it does not use');
    if (missing && !warnings.some((w) => w.includes('i18n/de.json'))) failures.push('no warning for a missing i18n/de.json');
    await german.close();
    console.log(`  ok: a German configuration ${missing ? 'without its texts file shows English' : 'shows German texts'}`);
  }

  // A page without the emulator <meta> (a deployed app) ignores ?emulator=: a link cannot
  // point it at another server.
  const plain = await browser.newPage();
  await plain.route(/\/(\?.*)?$/, async (route) => {
    if (route.request().resourceType() !== 'document') return route.fallback();
    const html = await (await route.fetch()).text();
    await route.fulfill({ contentType: 'text/html', body: html.replace(/<meta[^>]*cognito-widget:emulator[^>]*>/, '') });
  });
  await plain.goto(`${site.url}?emulator=${encodeURIComponent(emulator)}&pool=my-user-pool`);
  await plain.getByText('no emulator address on the page', { exact: false }).waitFor();
  await plain.close();
  console.log('  ok: without the emulator <meta>, ?emulator= is ignored (a deployed app)');

  // A panic in the wasm (the browser refuses to make an input while sign-up renders; the
  // rendering library's unwrap aborts) leaves the card saying so, and the page hears it.
  const trapped = await browser.newPage();
  await trapped.addInitScript(() => {
    window.internal = [];
    document.addEventListener('cognito-widget:error', (e) => window.internal.push(e.detail.name));
  });
  await trapped.goto(`${site.url}?emulator=${encodeURIComponent(emulator)}&pool=my-user-pool`);
  await new WidgetPage(trapped).heading('Sign in').waitFor();
  await trapped.evaluate(() => {
    const make = Document.prototype.createElement;
    Document.prototype.createElement = function (tag, ...rest) {
      if (tag === 'input') throw new Error('refused for the test');
      return make.call(this, tag, ...rest);
    };
  });
  await new WidgetPage(trapped).button('Create an account').click();
  await trapped.getByRole('alert').filter({ hasText: 'Sign-in stopped working' }).waitFor({ timeout: 5000 });
  if ((await trapped.evaluate(() => window.internal)).join() !== 'InternalError') failures.push('the page did not hear InternalError once');
  await trapped.close();
  console.log('  ok: a panic in the app leaves the card saying so, and the page hears cognito-widget:error');

  const leaks = bodies.filter((b) => b.body.includes(password));
  const targets = bodies.map((b) => b.target?.split('.')[1]).filter(Boolean);
  console.log(`  requests sent: ${targets.join(', ')}`);
  if (!targets.includes('RespondToAuthChallenge')) failures.push('no SRP sign-in was seen');
  for (const leak of leaks) {
    // SignUp must carry the password (Cognito stores its verifier); nothing else may.
    if (leak.target !== 'AWSCognitoIdentityProviderService.SignUp') {
      failures.push(`the password left the page in ${leak.target ?? leak.url}`);
    }
  }
  console.log(`  ok: no sign-in request carried the password (${bodies.length} bodies checked)`);
} catch (e) {
  failures.push(String(e?.stack ?? e));
  await page.screenshot({ path: `${out}failure.png` }).catch(() => {});
} finally {
  await browser.close();
  site.close();
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
