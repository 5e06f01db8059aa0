// The gzip -9 size of what a release build's page loads: the .wasm, .js and .css files at the
// top of its folder, and the JS snippets wasm-bindgen writes under snippets/ (language files
// under i18n/ load only for other languages).
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export async function bundleSize(dir) {
  const top = (await readdir(dir)).filter((f) => /\.(wasm|js|css)$/.test(f));
  const snippets = await readdir(join(dir, 'snippets'), { recursive: true }).catch(() => []);
  const files = [...top, ...snippets.filter((f) => f.endsWith('.js')).map((f) => join('snippets', f))];
  let total = 0;
  const sizes = [];
  for (const f of files) {
    const gz = gzipSync(await readFile(join(dir, f)), { level: 9 }).length;
    total += gz;
    sizes.push(`${f.replace(/-[0-9a-f]{8,}/g, '').replace(/^snippets\/[^/]+\//, 'snippets/')} ${(gz / 1024).toFixed(1)} KB`);
  }
  return { gzipBytes: total, sizes };
}
