// The gzip -9 size of what a release build's page loads before its first screen: the .js and
// .css files at the top of its folder, the main wasm module (`*_bg.wasm`) and the JS snippets
// wasm-bindgen writes under snippets/. Language files under i18n/ load only for other
// languages, and the other .wasm files are chunks split off the main module (src/split.rs),
// fetched when a step that needs them first shows: they are measured apart, as `chunks`.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const name = (f) => f.replace(/-[0-9a-f]{8,}/g, '').replace(/^snippets\/[^/]+\//, 'snippets/');

async function measure(dir, files) {
  let total = 0;
  const sizes = [];
  for (const f of files) {
    const gz = gzipSync(await readFile(join(dir, f)), { level: 9 }).length;
    total += gz;
    sizes.push(`${name(f)} ${(gz / 1024).toFixed(1)} KB`);
  }
  return { total, sizes };
}

export async function bundleSize(dir) {
  const top = (await readdir(dir)).filter((f) => /\.(wasm|js|css)$/.test(f));
  const snippets = await readdir(join(dir, 'snippets'), { recursive: true }).catch(() => []);
  const chunk = (f) => f.endsWith('.wasm') && !f.endsWith('_bg.wasm');
  const first = [...top.filter((f) => !chunk(f)),
    ...snippets.filter((f) => f.endsWith('.js')).map((f) => join('snippets', f))];
  const loaded = await measure(dir, first);
  const chunks = await measure(dir, top.filter(chunk));
  return { gzipBytes: loaded.total, sizes: loaded.sizes, chunkBytes: chunks.total, chunks: chunks.sizes };
}
