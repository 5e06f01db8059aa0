// Drives bench.js in Debian's chromium via playwright-core and prints the table.
// Usage: node bench/srp-page/run.mjs [runs=30] [case=basic]
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const runs = Number(process.argv[2] ?? 30);
const caseName = process.argv[3] ?? 'basic';
const WARMUPS = 3;
if (!Number.isInteger(runs) || runs < 1) throw new Error(`runs must be a positive integer, not ${process.argv[2]}`);

const vectors = JSON.parse(readFileSync(new URL('../../protocol/tests/vectors/srp.json', import.meta.url)));
const v = vectors.vectors.find(x => x.name === caseName);
if (!v) throw new Error(`no SRP vector case named ${caseName}`);
const identityVersion = JSON.parse(readFileSync(new URL(
  '../../node_modules/amazon-cognito-identity-js/package.json', import.meta.url))).version;

const cfg = {
  poolId: v.pool_id,
  poolName: v.pool_id.split('_')[1], // CognitoUserPool.getUserPoolName()
  userId: v.user_id_for_srp,
  password: v.password,
  salt_hex: v.server.salt_hex,
  B_hex: v.server.B_hex,
  secretBlock: v.server.secret_block,
  timestamp: v.timestamp_unix,
  a1024: v.a_hex.length % 2 ? `0${v.a_hex}` : v.a_hex, // srp_sign_in takes whole bytes
  // The widget draws 32 random bytes for a; a fixed stand-in derived from the case.
  a256: createHash('sha256').update(v.a_hex).digest('hex'),
  expectedA: v.expected.A_hex,
  expectedSignature: v.expected.signature,
  runs,
  warmups: WARMUPS,
};

const server = await serve();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
    '--disable-background-networking', '--disable-component-update', '--no-first-run',
    '--disable-sync'],
});
let failed = null;
let result;
try {
  const page = await browser.newPage();
  page.on('pageerror', e => (failed ??= e));
  page.on('console', m => m.type() === 'error' && (failed ??= new Error(m.text())));
  page.on('response', r => r.status() >= 400 && (failed ??= new Error(`HTTP ${r.status()} for ${r.url()}`)));
  await page.goto(server.url);
  await page.waitForFunction(() => window.benchLoaded || undefined, null, { timeout: 30_000 });
  result = await page.evaluate(c => window.runBench(c), cfg);
} catch (e) {
  failed ??= e;
} finally {
  await browser.close().catch(() => {});
  server.close();
}
if (failed) {
  console.error(`bench-srp: FAILED: ${failed.message ?? failed}`);
  process.exit(1);
}

const stats = xs => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return { min: s[0], median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2, max: s.at(-1) };
};
const { times } = result;
const rows = [
  ['cognito-widget (wasm, 256-bit a)', stats(times.ours256)],
  ['cognito-widget (wasm, 1024-bit a)', stats(times.ours1024)],
  [`amazon-cognito-identity-js ${identityVersion}`, stats(times.identityJs)],
  ['cognito-widget, A ready before press', stats(times.ours256AfterPress)],
];
const ms = x => x.toFixed(2).padStart(9);
console.log(`SRP client work per sign-in, headless Chromium ${browser.version()}, ${runs} runs each` +
  ` (after ${WARMUPS} warm-ups, interleaved), vector case "${caseName}"`);
console.log(`${'implementation'.padEnd(36)}${'min'.padStart(9)}${'median'.padStart(9)}${'max'.padStart(9)}  (ms)`);
for (const [name, s] of rows) console.log(`${name.padEnd(36)}${ms(s.min)}${ms(s.median)}${ms(s.max)}`);
const ratio = s => `${(rows[2][1].median / s.median).toFixed(1)}×`;
console.log(`speed-up (identity-js median / ours median): 256-bit a: ${ratio(rows[0][1])}` +
  `   1024-bit a: ${ratio(rows[1][1])}   after the press: ${ratio(rows[3][1])}`);
console.log('rows 1-3 time a whole sign-in (A, u, x, S, HKDF, signature); row 4 times what follows' +
  ' the button press when A was computed while the form was shown');
if (!result.crossOriginIsolated) console.log('note: page not cross-origin isolated; timer resolution 0.1 ms');
