// The release app fits the budget of issue 4: what a page loads before its first screen (wasm
// + JS + CSS) is at most 124 KB gzip -9 (half of what Amplify's Authenticator ships). The
// chunks split off for steps only some users reach (src/split.rs) load when such a step first
// shows; they are listed, with the total, so that their cost stays in view. A size, not a
// time: the same build gives the same bytes.
// Usage: node e2e/bundle-budget.mjs [dist/app]
import { bundleSize } from '../bench/app-page/bundle-size.mjs';

const budget = 124 * 1024;
const dir = process.argv[2] ?? new URL('../dist/app', import.meta.url).pathname;
const { gzipBytes, sizes, chunkBytes, chunks } = await bundleSize(dir);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`  bundle: ${kb(gzipBytes)} gzip (${sizes.join(' · ')}), budget ${kb(budget)}`);
if (chunks.length) {
  console.log(`  loaded when needed: ${chunks.join(' · ')}; all together ${kb(gzipBytes + chunkBytes)}`);
}
if (gzipBytes > budget) {
  console.error(`the app's bundle is ${kb(gzipBytes - budget)} over its budget`);
  process.exit(1);
}
console.log('  ok: within the budget');
