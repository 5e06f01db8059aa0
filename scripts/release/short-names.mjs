// Gives the names between a wasm-bindgen module and its JS glue short names, in both files.
// wasm-bindgen names every import after its function plus a 16-digit hash
// (`__wbg_getElementById_7ee213db584f37b0`) and some exports after whole Rust paths; the names
// appear once in the wasm and once in the glue, and hashes do not compress: 3 KB gzip here.
//
// A name is renamed only when the glue uses it exactly as expected: an import exactly once (its
// key in the imports object), an export only as a property (`wasm.name`). Anything else keeps
// its name, so a future glue that uses a name some other way still works, only larger.

/** Reads an unsigned LEB128 at `pos`; returns [value, next position]. */
function leb(bytes, pos) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    if (!(byte & 0x80)) return [value, pos];
    shift += 7;
  }
}

function encodeLeb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

const utf8 = new TextDecoder();
const encodeName = (name) => {
  const bytes = new TextEncoder().encode(name);
  return [...encodeLeb(bytes.length), ...bytes];
};

/** Length in bytes of an import's description (after its kind byte) at `pos`. */
function descLength(bytes, kind, pos) {
  const limits = (p) => {
    const flags = bytes[p];
    let [, q] = leb(bytes, p + 1);
    if (flags & 1) [, q] = leb(bytes, q);
    return q;
  };
  switch (kind) {
    case 0: return leb(bytes, pos)[1] - pos; // function: type index
    case 1: return limits(pos + 1) - pos; // table: reference type, limits
    case 2: return limits(pos) - pos; // memory: limits
    case 3: return 2; // global: value type, mutability
    case 4: return leb(bytes, pos + 1)[1] - pos; // tag: attribute, type index
    default: throw new Error(`import kind ${kind}`);
  }
}

/** Rewrites the import (2) and export (7) sections with `rename(section, name)`. */
function rewriteNames(bytes, rename) {
  const parts = [bytes.subarray(0, 8)];
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos];
    const [size, start] = leb(bytes, pos + 1);
    const end = start + size;
    if (id !== 2 && id !== 7) {
      parts.push(bytes.subarray(pos, end));
      pos = end;
      continue;
    }
    const body = [];
    let [count, p] = leb(bytes, start);
    body.push(...encodeLeb(count));
    while (count--) {
      if (id === 2) {
        const [moduleLength, m] = leb(bytes, p);
        body.push(...bytes.subarray(p, m + moduleLength));
        p = m + moduleLength;
      }
      const [nameLength, n] = leb(bytes, p);
      const name = utf8.decode(bytes.subarray(n, n + nameLength));
      body.push(...encodeName(rename(id, name)));
      p = n + nameLength;
      const kind = bytes[p];
      const length = id === 2 ? 1 + descLength(bytes, kind, p + 1) : leb(bytes, p + 1)[1] - p;
      body.push(...bytes.subarray(p, p + length));
      p += length;
    }
    if (p !== end) throw new Error(`section ${id} did not parse to its end`);
    parts.push(Uint8Array.from([id, ...encodeLeb(body.length), ...body]));
    pos = end;
  }
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const token = (name) => new RegExp(`(?<![\\w$])${escape(name)}(?![\\w$])`, 'g');
const property = (name) => new RegExp(`\\.${escape(name)}(?![\\w$])`, 'g');

/**
 * `bytes`: the wasm; `js`: its glue; `keep`: another file that uses the module's exports (the
 * chunks' loader), whose names stay. Returns both with short names, and how many changed.
 */
export function shortenNames(bytes, js, keep = '') {
  const module = new WebAssembly.Module(bytes);
  const imports = WebAssembly.Module.imports(module).map((i) => i.name);
  const exports = WebAssembly.Module.exports(module).map((e) => e.name);
  const taken = new Set([...imports, ...exports]);
  let counter = 0;
  const fresh = (prefix) => {
    for (;;) {
      let n = counter++;
      let name = '';
      do {
        name += 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'[n % 52];
        n = Math.floor(n / 52);
      } while (n);
      if (!taken.has(prefix + name)) return prefix + name;
    }
  };
  const renamed = { 2: new Map(), 7: new Map() };
  for (const name of imports) {
    if (name.length > 2 && (js.match(token(name)) ?? []).length === 1) renamed[2].set(name, fresh('$'));
  }
  for (const name of exports) {
    const uses = (js.match(token(name)) ?? []).length;
    const kept = token(name).test(keep);
    if (name.length > 2 && !kept && uses > 0 && uses === (js.match(property(name)) ?? []).length) {
      renamed[7].set(name, fresh('_'));
    }
  }
  for (const [name, short] of renamed[2]) js = js.replace(token(name), () => short);
  for (const [name, short] of renamed[7]) js = js.replace(property(name), () => `.${short}`);
  const wasm = rewriteNames(bytes, (section, name) => renamed[section].get(name) ?? name);
  return { wasm, js, count: renamed[2].size + renamed[7].size };
}
