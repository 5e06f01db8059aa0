// A strict Content-Security-Policy, as the README gives it: the release app (dist/app) and the
// embedded widget (dist/widget in a plain host page) are served with
//   default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self';
//   connect-src 'self' <the emulator>
// and no hash, and each signs a user up (its code chunk fetched on the way), confirms, signs in
// and out with no `securitypolicyviolation` at all. Needs COGNITO_EMULATOR, dist/app and
// dist/widget (scripts/package).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmulatorApi } from './emulator-api.mjs';
import { fileUnder } from './static-file.mjs';
import { launch, addresses, checks, recordViolations, strictPolicy } from './session-support.mjs';
import { WidgetPage } from './widget-page.mjs';

const emulator = process.env.COGNITO_EMULATOR?.replace(/\/$/, '');
if (!emulator) throw new Error('COGNITO_EMULATOR is not set (run through scripts/with-emulator)');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const policy = strictPolicy(emulator);
const types = {
  '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css',
  '.json': 'application/json',
};
// The host page of the embedded widget: no inline script or style of its own either.
const host = `<!doctype html><html lang="en"><head><title>Host</title>
  <link rel="stylesheet" href="/widget/widget.css"><script type="module" src="/widget/cognito-widget.js"></script></head>
  <body><main><h1>Host page</h1>
  <cognito-widget config="${emulator}/_emulator/pools/my-user-pool/widget-config"></cognito-widget></main></body></html>`;

const server = createServer(async (req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  const headers = { 'content-security-policy': policy };
  if (path === '/host') {
    res.writeHead(200, { ...headers, 'content-type': 'text/html' }).end(host);
    return;
  }
  const file = path === '/' ? join(root, 'dist', 'app', 'index.html')
    : path.startsWith('/widget/') ? fileUnder(join(root, 'dist', 'widget'), path.slice('/widget/'.length))
      : fileUnder(join(root, 'dist', 'app'), path);
  try {
    if (!file) throw new Error('no route');
    const body = await readFile(file);
    res.writeHead(200, { ...headers, 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const site = `http://127.0.0.1:${server.address().port}`;
const api = new EmulatorApi(emulator);
const fresh = addresses('csp');
const { check, finish } = checks();
const browser = await launch();

/** A page that keeps every CSP violation it sees in `window.violations`. */
async function watchedPage() {
  const page = await browser.newPage();
  await page.addInitScript(recordViolations);
  return page;
}

/** Signs a new user up through the widget in `scope`, confirms and signs in and out. */
async function journey(page, scope, what) {
  const w = new WidgetPage(page);
  const within = (locator) => scope.locator(locator);
  const email = fresh(what.replace(/\W+/g, '-'));
  await scope.getByRole('heading', { name: 'Sign in' }).waitFor();
  await scope.getByRole('button', { name: 'Create an account' }).click();
  await scope.getByLabel('Email', { exact: true }).fill(email);
  await scope.getByLabel('Password', { exact: true }).fill('csp Pass 42');
  await scope.getByLabel('Confirm password', { exact: true }).fill('csp Pass 42');
  await scope.getByLabel('Given name', { exact: true }).fill('Ada');
  await scope.getByLabel('Family name', { exact: true }).fill('Lovelace');
  await scope.getByRole('button', { name: 'Create account' }).click();
  await scope.getByLabel('Code', { exact: true }).waitFor();
  await scope.getByLabel('Code', { exact: true }).fill(await api.code(email));
  await scope.getByRole('button', { name: 'Confirm' }).click();
  await within('[data-testid=cw-who]').filter({ hasText: email }).waitFor();
  await scope.getByRole('button', { name: 'Sign out', exact: true }).click();
  await w.signIn(email, 'csp Pass 42');
  await within('[data-testid=cw-who]').filter({ hasText: email }).waitFor();
  const style = await page.evaluate(() => getComputedStyle(document.querySelector('.cw-card')).borderRadius);
  const violations = await page.evaluate(() => window.violations);
  check(`${what}: signed up, confirmed, signed in under the strict policy, styled (border-radius ${style}), `
    + `with no violation`, violations.length === 0 && style !== '0px', violations.join('; '));
}

const pages = [];
try {
  const app = await watchedPage();
  pages.push(app);
  await app.goto(`${site}/?emulator=${encodeURIComponent(emulator)}&pool=my-user-pool`);
  const header = (await app.request.get(`${site}/`)).headers()['content-security-policy'];
  check('the app is served with the policy', header === policy, header);
  const inline = await app.evaluate(() => [...document.scripts].filter((s) => !s.src).length);
  check('the app\'s page has no inline script to allow', inline === 0, String(inline));
  await journey(app, app.locator('body'), 'the standalone app');

  const embedded = await watchedPage();
  pages.push(embedded);
  await embedded.goto(`${site}/host`);
  await journey(embedded, embedded.locator('cognito-widget'), 'the embedded widget');
} catch (e) {
  const seen = await Promise.all(pages.map((p) => p.evaluate(() => window.violations).catch(() => [])));
  await pages.at(-1)?.screenshot({ path: join(root, 'e2e', 'out', 'csp-failure.png') }).catch(() => {});
  check('the CSP journey ran to its end', false, `${e?.stack ?? e}\n  violations: ${seen.flat().join('; ')}`);
} finally {
  await browser.close();
  server.close();
}
finish();
