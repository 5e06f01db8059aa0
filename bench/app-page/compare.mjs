// Prints our release app beside Amplify UI's Authenticator: gzip size of what the page loads
// and time to first form (min/median/max), measured in the same headless Chromium run.
// Usage: node bench/app-page/compare.mjs OUR_DIR AMPLIFY_DIR [runs=15]
import { measure } from './first-form.mjs';

const [ours, amplify, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 15);
const a = await measure(ours, runs);
const b = await measure(amplify, runs);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${n.toFixed(1)} ms`;
console.log(`\nthe app: bundle (wasm + JS + CSS, gzip -9) and time to first form, ${runs} cold loads each`);
console.log(`  cognito-widget     ${kb(a.gzipBytes).padStart(9)}   first form min ${ms(a.min)} · median ${ms(a.median)} · max ${ms(a.max)}`);
console.log(`  Amplify UI         ${kb(b.gzipBytes).padStart(9)}   first form min ${ms(b.min)} · median ${ms(b.median)} · max ${ms(b.max)}`);
console.log(`  ours / Amplify     size ${(a.gzipBytes / b.gzipBytes).toFixed(2)}×   median ${(a.median / b.median).toFixed(2)}×`);
console.log(`  budgets            size ≤ 124 KB: ${a.gzipBytes <= 124 * 1024 ? 'met' : 'NOT met'} · median ≤ 140 ms: ${a.median <= 140 ? 'met' : 'NOT met'}`);
console.log(`  our files: ${a.sizes.join(' · ')}`);
