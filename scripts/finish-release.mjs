// Finishes a release build in place, after wasm-bindgen and wasm-opt:
//  1. drops the ReadableStream adapter classes of wasm-streams (IntoUnderlyingSource, …Sink,
//     …ByteSource) from the JS glue and their exports from the wasm. Leptos pulls wasm-streams
//     in for server functions, which this widget never uses, and exports cannot be dead-code
//     eliminated: 1.7 KB gzip. Done only when the glue has exactly those three classes and
//     nothing else calls their exports; otherwise left alone, with a note;
//  2. moves trunk's inline bootstrap script into a file (boot.js), so that the page runs under
//     a strict Content-Security-Policy with no hash, and minifies the JavaScript (esbuild: whitespace, local names, syntax; exported and property
//     names stay);
//  3. gives the wasm's imports and exports short names in both files (release/short-names.mjs);
//  4. names the app's files after their final content again, with index.html's references
//     and Subresource Integrity hashes to match (release/content-names.mjs), and checks the
//     folder: every file a page or script loads is there and matches its hash, or the build
//     fails (not the first page load).
// Before all that, it cuts the wasm at its split points (release/split.mjs).
// Usage: node scripts/finish-release.mjs <dir> [cargo's wasm]. Trunk runs it as a post_build
// hook (Trunk.toml) on its staging directory for release builds; scripts/package runs it on dist/widget.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { check, nameByContent } from './release/content-names.mjs';
import { shortenNames } from './release/short-names.mjs';
import { split } from './release/split.mjs';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('usage: node scripts/finish-release.mjs <dir>');
if (process.env.TRUNK_PROFILE && process.env.TRUNK_PROFILE !== 'release') process.exit(0);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wasmOpt = join(root, 'node_modules', '.bin', 'wasm-opt');
// The features rustc's wasm32 target and wasm-bindgen's externref table use.
const features = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];

const read = (file) => readFileSync(join(dir, file));
const write = (file, bytes) => writeFileSync(join(dir, file), bytes);

const classPattern = /^export class (IntoUnderlying\w+) \{\n[\s\S]*?^if \(Symbol\.dispose\) \1\.prototype\[Symbol\.dispose\] = \1\.prototype\.free;\n/gm;
const registryPattern = /^const (IntoUnderlying\w+)Finalization = [\s\S]*?;\n/gm;

function dropStreamClasses(glue, module) {
  const js = read(glue).toString('utf8');
  const classes = [...js.matchAll(classPattern)].map((m) => m[1]).sort();
  const expected = ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource'];
  const trimmed = js.replace(classPattern, '').replace(registryPattern, '');
  if (classes.join() !== expected.join() || /intounderlying|IntoUnderlying/.test(trimmed)) {
    console.log(`finish-release: ${glue}: wasm-streams classes not as expected; left in`);
    return;
  }
  write(glue, trimmed);
  const path = join(dir, module);
  const run = spawnSync(wasmOpt, [...features, '--remove-exports',
    '--pass-arg=remove-exports@*intounderlying*', '-Oz', '-o', path, path], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`wasm-opt failed on ${module}`);
  console.log(`finish-release: ${module}: dropped ${expected.join(', ')}`);
}

// Each wasm-bindgen module with its glue: `x_bg.wasm` and `x.js`.
const modules = readdirSync(dir)
  .filter((f) => f.endsWith('_bg.wasm'))
  .map((module) => ({ module, glue: module.replace(/_bg\.wasm$/, '.js') }))
  .filter(({ glue }) => existsSync(join(dir, glue)));

// Cargo's wasm (trunk: the app's binary; scripts/package names its library), cut at its split
// points before anything else; then every module is optimised for size, as trunk would have.
const artifact = process.argv[3] ?? join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'),
  'wasm32-unknown-unknown', 'release', 'cognito-widget.wasm');
for (const { module, glue } of modules) {
  const chunks = split(artifact, dir, glue.replace(/\.js$/, ''));
  for (const file of chunks.length ? [module, ...chunks] : []) {
    const path = join(dir, file);
    const opt = spawnSync(wasmOpt, [...features, '-Oz', '-o', path, path], { stdio: 'inherit' });
    if (opt.status !== 0) throw new Error(`wasm-opt failed on ${file}`);
    console.log(`finish-release: ${file}: split off and optimised`);
  }
}

for (const { module, glue } of modules) dropStreamClasses(glue, module);

// Trunk's bootstrap is an inline module script, which a strict Content-Security-Policy
// (script-src 'self') would have to allow by its hash: it moves to a file of its own.
if (existsSync(join(dir, 'index.html'))) {
  const page = read('index.html').toString('utf8');
  const inline = /<script type=["']?module["']?>([\s\S]*?)<\/script>/.exec(page);
  if (inline) {
    // With the card saying so if a panic stops the app: www/stopped.js, inlined (one file
    // less to fetch and compress).
    let watch = '';
    if (existsSync(join(dir, 'stopped.js'))) {
      watch = `${read('stopped.js')}\nwatch(() => document.querySelectorAll('[data-testid=cw-root]'));\n`;
      rmSync(join(dir, 'stopped.js'));
    }
    write('boot.js', watch + inline[1]);
    write('index.html', page.replace(inline[0], '<script type=module src=/boot.js></script>'));
  }
}

for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
  const before = read(file);
  const { code } = transformSync(before.toString('utf8'), { minify: true, format: 'esm', target: 'es2022' });
  write(file, code);
  console.log(`finish-release: ${file} ${before.length} → ${Buffer.byteLength(code)} bytes`);
}

for (const { module, glue } of modules) {
  // The names the chunks' loader takes from the main module keep theirs.
  const loader = existsSync(join(dir, '__wasm_split.js')) ? read('__wasm_split.js').toString('utf8') : '';
  const { wasm, js, count } = shortenNames(read(module), read(glue).toString('utf8'), loader);
  write(module, wasm);
  write(glue, js);
  console.log(`finish-release: ${module}: ${count} import and export names shortened`);
}

nameByContent(dir);
const problems = check(dir);
if (problems.length) {
  console.error(`finish-release: ${dir} is not fit to serve:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('finish-release: every file is named by its content and every reference and hash holds');
