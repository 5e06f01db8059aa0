// Cuts a release build's wasm at its split points (src/split.rs) and puts the pieces beside
// its glue: the main module, one `<chunk>.wasm` per chunk, and `__wasm_split.js`, which
// fetches a chunk the first time one of its functions is called.
//
// wasm-split-cli needs the wasm as the linker wrote it (with its relocations: small-release
// links with --emit-relocs) and must run before wasm-bindgen, which trunk and scripts/package
// have already run by the time this does. So this starts again from cargo's output: splits it,
// runs wasm-bindgen on the main module under the glue's own name, and replaces the glue and
// module in `dir` with the result (keeping the function table's export, which wasm-bindgen
// would drop and the chunks link through). A wasm without split points (a build without
// `--cfg cw_split`) is left as it is.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function run(command, args) {
  const done = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (done.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

/**
 * Splits `artifact` (cargo's wasm) into `dir`, whose `<name>.js` and `<name>_bg.wasm` are the
 * glue and module wasm-bindgen made of it. Returns the chunks' file names (none: not split).
 */
export function split(artifact, dir, name) {
  if (!existsSync(artifact) || !readFileSync(artifact).includes('__wasm_split_00')) return [];
  const work = mkdtempSync(join(tmpdir(), 'cw-split-'));
  try {
    const cut = join(work, 'cut');
    const bound = join(work, 'bound');
    run('wasm-split-cli', ['--target', 'web', '--out-name', name, artifact, cut]);
    run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--out-name', name,
      '--out-dir', bound, join(cut, `${name}.wasm`)]);
    const chunks = readdirSync(cut).filter((f) => f.endsWith('.wasm') && f !== `${name}.wasm`);
    for (const file of [...chunks, '__wasm_split.js']) copyFileSync(join(cut, file), join(dir, file));
    copyFileSync(join(bound, `${name}.js`), join(dir, `${name}.js`));
    copyFileSync(join(bound, `${name}_bg.wasm`), join(dir, `${name}_bg.wasm`));
    rmSync(join(dir, 'snippets'), { recursive: true, force: true });
    if (existsSync(join(bound, 'snippets'))) {
      cpSync(join(bound, 'snippets'), join(dir, 'snippets'), { recursive: true });
    }
    return chunks;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
