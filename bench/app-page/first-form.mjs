// Time to first form: from navigation start to the sign-in form's first input in the DOM, in
// headless Chromium (Debian's, via playwright-core) with the cache off, and the gzip size of
// what the page loads. `measure(dir, runs)`; DIR holds index.html and its assets; the config
// is inlined (no network before the form).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, basename } from 'node:path';
import { chromium } from 'playwright-core';
import { bundleSize } from './bundle-size.mjs';

const config = JSON.stringify({
  amplify_outputs: {
    version: '1.4',
    auth: {
      aws_region: 'us-east-1', user_pool_id: 'us-east-1_Bench0001', user_pool_client_id: 'benchclient',
      username_attributes: ['email'], standard_required_attributes: ['given_name'],
      password_policy: { min_length: 8, require_lowercase: true, require_numbers: true },
    },
  },
  endpoint: 'http://127.0.0.1:9/',
});
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

export async function measure(dir, runs) {
  async function page(path) {
    const file = join(dir, path === '/' ? 'index.html' : basename(path));
    let body = await readFile(file);
    if (file.endsWith('index.html')) {
      // The shipped page asks an emulator for its pool; the bench inlines a config instead
      // (trunk minifies the page: attribute order and quotes vary).
      body = body.toString().replace(/<meta[^>]*name="?cognito-widget:emulator"?[^>]*>/,
        `<script type="application/json" id="cognito-widget-config">${config}</script>`);
    }
    return { body, type: types[extname(file)] ?? 'application/octet-stream' };
  }

  const server = createServer(async (req, res) => {
    try {
      const { body, type } = await page(new URL(req.url, 'http://x').pathname);
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/`;

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const times = [];
  for (let i = 0; i < runs + 2; i++) {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    // Recorded by the page itself: the moment the first form input exists.
    await tab.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector('form input')) {
          window.__firstForm = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await tab.goto(url);
    await tab.waitForFunction(() => window.__firstForm !== undefined, null, { timeout: 20000 });
    const t = await tab.evaluate(() => window.__firstForm);
    if (i >= 2) times.push(t); // two warm-ups: the browser's own start-up is not the page's
    await context.close();
  }
  await browser.close();
  server.close();

  const { gzipBytes, sizes } = await bundleSize(dir);
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  return { runs, min: times[0], median, max: times.at(-1), gzipBytes, sizes };
}
