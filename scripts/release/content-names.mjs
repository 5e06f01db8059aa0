// A release's file names name their content again after post-processing rewrote the files
// (trunk hashed them before): `name-<hash>.ext`, the hash being the first 16 hex digits of
// SHA-256. The wasm modules are named by their bytes; the JavaScript files import each other
// (the glue and the chunks' loader, __wasm_split.js, in a cycle), so they are named together,
// by their contents with every such name taken out. index.html's references and Subresource
// Integrity hashes follow. `check` verifies a folder, and is what a broken rename fails.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const digest = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
/** `stem`, and what follows the hash (`.js`, `_bg.wasm`), of a file name with or without one. */
function parts(file) {
  const m = /^(.*?)(?:-([0-9a-f]{16}))?((?:_bg)?\.(?:wasm|js))$/.exec(file);
  return m && { stem: m[1], suffix: m[3] };
}
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * `text` with every reference to file `from` renamed `to`: import specifiers and URLs, but
 * not an object key (`"./x.js": …`), which is the name a wasm module's imports go by.
 */
const renamed = (text, from, to) => text.replace(new RegExp(`${escape(from)}(?!["']\\s*:)`, 'g'), to);
const named = (file, hash) => `${parts(file).stem}-${hash}${parts(file).suffix}`;

/** What each of the folder's top-level .wasm and .js files should be called: `[old, new]`. */
export function expectedNames(dir) {
  const files = readdirSync(dir);
  const wasm = files.filter((f) => f.endsWith('.wasm'));
  const js = files.filter((f) => f.endsWith('.js'));
  const names = wasm.map((f) => [f, named(f, digest(readFileSync(join(dir, f))))]);
  // The scripts' own names, with any hash, taken out of their text (the modules' names stay:
  // a new module renames the scripts that load it).
  const out = (text) => js.reduce((t, f) => {
    const { stem, suffix } = parts(f);
    return t.replace(new RegExp(`${escape(stem)}(?:-[0-9a-f]{16})?${escape(suffix)}`, 'g'), stem);
  }, text);
  const together = digest(js.sort().map((f) => out(readFileSync(join(dir, f), 'utf8'))).join('\0'));
  return [...names, ...js.map((f) => [f, named(f, together)])];
}

/** Renames the folder's files after their content and rewrites every reference (app only). */
export function nameByContent(dir) {
  if (!existsSync(join(dir, 'index.html'))) return;
  // The modules first (the scripts name them), then the scripts.
  for (const kind of ['.wasm', '.js']) {
    const renames = expectedNames(dir).filter(([from, to]) => from.endsWith(kind) && from !== to);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.js') || f === 'index.html')) {
      const path = join(dir, file);
      const text = readFileSync(path, 'utf8');
      const next = renames.reduce((t, [from, to]) => renamed(t, from, to), text);
      if (next !== text) writeFileSync(path, next);
    }
    for (const [from, to] of renames) renameSync(join(dir, from), join(dir, to));
  }
  const html = join(dir, 'index.html');
  writeFileSync(html, withIntegrity(dir, readFileSync(html, 'utf8')));
}

/** Every local file a tag of `page` names (href, src) with its integrity attribute, if any. */
function references(page) {
  return [...page.matchAll(/<(?:link|script)\b[^>]*>/g)].flatMap(([tag]) => {
    const url = /\b(?:href|src)="?([^"\s>]+)/.exec(tag)?.[1];
    if (!url || /^[a-z]+:/.test(url)) return [];
    return [{ tag, file: url.replace(/^\//, ''), integrity: /\bintegrity="?([^"\s>]+)/.exec(tag)?.[1] }];
  });
}

function withIntegrity(dir, page) {
  return page.replace(/<(?:link|script)\b[^>]*>/g, (tag) => {
    const ref = references(tag)[0];
    if (!ref?.integrity || !existsSync(join(dir, ref.file))) return tag;
    return tag.replace(ref.integrity, sri(readFileSync(join(dir, ref.file))));
  });
}

/** What is wrong with a release folder (empty: nothing): names, references and hashes. */
export function check(dir) {
  const problems = [];
  for (const [file, want] of expectedNames(dir)) {
    if (existsSync(join(dir, 'index.html')) && file !== want) problems.push(`${file} should be named ${want}`);
  }
  const scripts = readdirSync(dir).filter((f) => f.endsWith('.js'));
  // What the scripts load: `new URL("x", import.meta.url)`, imports and `./x` paths.
  for (const file of scripts) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const [, target] of text.matchAll(/["'](?:\.\/)?([\w./-]+\.(?:wasm|js))["'](?!\s*:)/g)) {
      // `x_bg.js` names the wasm's imports, no file.
      if (target.endsWith('_bg.js')) continue;
      if (!existsSync(join(dir, target))) problems.push(`${file} loads ${target}, which is not there`);
    }
  }
  const html = join(dir, 'index.html');
  if (existsSync(html)) {
    const page = readFileSync(html, 'utf8');
    for (const { file, integrity } of references(page)) {
      if (!existsSync(join(dir, file))) problems.push(`index.html names ${file}, which is not there`);
      else if (integrity && integrity !== sri(readFileSync(join(dir, file)))) {
        problems.push(`index.html's integrity for ${file} does not match it`);
      }
    }
    for (const [, file] of page.matchAll(/['"]\/([\w./-]+\.(?:wasm|js))['"]/g)) {
      if (!existsSync(join(dir, file))) problems.push(`index.html's script loads ${file}, which is not there`);
    }
  }
  return problems;
}
