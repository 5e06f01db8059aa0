// The host's control of the account view, on the packaged widget (dist/widget) in plain host
// pages beside the emulator's account demo pool:
// - `<cognito-widget initial-screen="account" hide-delete-account hide-devices>`, themed and in
//   German: once signed in it opens on the profile, offers no deletion; a saved change is
//   heard as cognito-widget:attributes-updated with the new attributes;
// - `mount(element, config, {screen: 'account', hide: ['profile']})`: no profile, so the
//   signed-in view stays; deleting the account is heard as cognito-widget:account-deleted.
// Screenshots of the themed German account view in e2e/out/. Needs COGNITO_EMULATOR
// (scripts/with-emulator) and dist/widget (scripts/package).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { auditor } from './axe.mjs';
import { EmulatorApi } from './emulator-api.mjs';
import { serveWidget } from './serve-widget.mjs';
import { launch, addresses, checks, recordHostEvents } from './session-support.mjs';

const emulator = process.env.COGNITO_EMULATOR?.replace(/\/$/, '');
if (!emulator) throw new Error('COGNITO_EMULATOR is not set (run through scripts/with-emulator)');
const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'e2e', 'out');
mkdirSync(out, { recursive: true });
const config = `${emulator}/_emulator/pools/account-demo/widget-config`;
const theme = `--cw-accent: #6d28d9; --cw-bg: #faf5ff; --cw-border: #c4b5fd; --cw-radius: 18px;
  --cw-font: Georgia, "Times New Roman", serif;`;
const head = `<!doctype html><html lang="en"><head><meta charset="utf-8">
  <link rel="stylesheet" href="widget/widget.css"><script type="module" src="widget/cognito-widget.js"></script>
  <style>body { font-family: system-ui; margin: 2rem; max-width: 30rem }</style></head>`;
const pages = {
  '/element': `${head}<body><h1>Element</h1><div id="slot" style='${theme}'>
    <cognito-widget config="${config}" initial-screen="account" hide-delete-account hide-devices
      language="de"></cognito-widget></div></body></html>`,
  '/mounted': `${head}<body><h1>mount()</h1><div id="slot"></div><script type="module">
    import { mount } from './widget/cognito-widget.js';
    const config = await (await fetch(${JSON.stringify(config)})).json();
    window.handle = await mount(document.getElementById('slot'), config, { screen: 'account', hide: ['profile'] });
    </script></body></html>`,
};
const server = await serveWidget(pages);
const site = server.url;

const api = new EmulatorApi(emulator);
const { clientId } = await api.client('account-demo');
const address = addresses('host');
const { check, finish } = checks();
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 560, height: 1000 } });
await page.addInitScript(recordHostEvents);
page.on('pageerror', (e) => check('no page error', false, e.message));
const audit = auditor(page, check);
const heard = () => page.evaluate(() => window.heard.map((h) => ({ name: h.name, detail: h.detail })));
const slot = page.locator('#slot');
const button = (name) => slot.getByRole('button', { name, exact: true });
const field = (label) => slot.getByLabel(label, { exact: true });

try {
  // The element: straight to the profile, without deletion or devices; themed, in German.
  const first = address('element');
  await api.confirmedUser(clientId, first, 'element Pass 71');
  await page.goto(`${site}/element`);
  await slot.getByRole('heading', { name: 'Anmelden' }).waitFor();
  await field('E-Mail').fill(first);
  await field('Passwort').fill('element Pass 71');
  await button('Anmelden').click();
  await slot.getByRole('heading', { name: 'Ihr Profil' }).waitFor();
  check('initial-screen="account" opens the profile once the user is signed in', true);
  await audit('the German profile', '#slot cognito-widget');
  await field('Vorname').fill('Grete');
  await button('Änderungen speichern').click();
  await slot.getByText('Ihre Änderungen sind gespeichert.').waitFor();
  const updated = (await heard()).find((h) => h.name === 'attributes-updated');
  check('the host hears cognito-widget:attributes-updated with the new attributes',
    updated?.detail.attributes.given_name === 'Grete' && updated.detail.attributes.email === first,
    JSON.stringify(updated));
  await slot.screenshot({ path: join(out, 'account-profile-de.png') });
  console.log(`  ok: screenshot ${join(out, 'account-profile-de.png')}`);
  await button('Abbrechen').click();
  await slot.getByTestId('cw-signed-in').waitFor();
  const offered = await slot.getByRole('button').allTextContents();
  check('hide-delete-account and hide-devices leave those sections out of the signed-in view',
    !offered.includes('Konto löschen') && offered.includes('Ihr Profil') && offered.includes('Passwort ändern'),
    offered.join(' | '));
  await slot.screenshot({ path: join(out, 'account-signed-in-de.png') });
  await button('Abmelden').click();
  await slot.getByRole('heading', { name: 'Anmelden' }).waitFor();

  // mount() with options: no profile, so the signed-in view stays; deletion is heard.
  const second = address('mounted');
  await api.confirmedUser(clientId, second, 'mounted Pass 72');
  await page.goto(`${site}/mounted`);
  await slot.getByRole('heading', { name: 'Sign in' }).waitFor();
  await field('Email').fill(second);
  await field('Password').fill('mounted Pass 72');
  await button('Sign in').click();
  await slot.getByTestId('cw-signed-in').waitFor();
  await page.waitForTimeout(300); // a profile that wrongly opened would show by now
  const shown = await slot.getByRole('button').allTextContents();
  check('mount(…, {screen: "account", hide: ["profile"]}) keeps the signed-in view and offers no profile',
    await slot.getByTestId('cw-signed-in').isVisible() && !shown.includes('Your profile') && shown.includes('Delete account'),
    shown.join(' | '));
  await button('Delete account').click();
  await field('Account name').fill(second);
  await button('Delete account').click();
  await slot.getByText('Your account is deleted.').waitFor();
  const deleted = (await heard()).find((h) => h.name === 'account-deleted');
  const username = (await heard()).find((h) => h.name === 'signed-in')?.detail.username;
  check('the host hears cognito-widget:account-deleted with the username',
    deleted && deleted.detail.username === username, JSON.stringify(deleted));
} catch (e) {
  await page.screenshot({ path: join(out, 'account-host-failure.png') }).catch(() => {});
  check('the journey ran to its end', false, e.stack);
} finally {
  await browser.close();
  server.close();
}
finish();
