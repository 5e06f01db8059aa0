// Minifies the JavaScript of a release build in place (esbuild: whitespace, local names,
// syntax; exported and property names stay) and keeps index.html's Subresource Integrity
// hashes true for the rewritten files.
// Usage: node scripts/minify-js.mjs <dir>. Trunk runs it as a post_build hook (Trunk.toml) on
// its staging directory for release builds; scripts/package runs it on dist/widget.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('usage: node scripts/minify-js.mjs <dir>');
if (process.env.TRUNK_PROFILE && process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');
const html = join(dir, 'index.html');
let page = existsSync(html) ? readFileSync(html, 'utf8') : null;
for (const name of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
  const path = join(dir, name);
  const before = readFileSync(path);
  const { code } = transformSync(before.toString('utf8'), { minify: true, format: 'esm', target: 'es2020' });
  writeFileSync(path, code);
  if (page !== null) page = page.replaceAll(sri(before), sri(code));
  console.log(`minify-js: ${name} ${before.length} → ${Buffer.byteLength(code)} bytes`);
}
if (page !== null) writeFileSync(html, page);
