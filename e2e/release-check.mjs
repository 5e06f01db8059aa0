// The release app's folder as built (dist/app): every file named by its content, every
// reference and integrity hash true (scripts/release/content-names.mjs, which the build runs);
// and the check catches each way a post-processing step could break that: a file renamed
// without its references, a file changed after hashing, a file missing. No browser needed.
import { cpSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '../scripts/release/content-names.mjs';
import { checks } from './session-support.mjs';

const dir = process.argv[2] ?? 'dist/app';
const { check: ok, finish } = checks();
ok('the built app passes the release check', check(dir).length === 0, check(dir).join('; '));
const files = readdirSync(dir);
const chunk = files.find((f) => /^split_\w+-[0-9a-f]{16}\.wasm$/.test(f));
const module = files.find((f) => f.endsWith('_bg.wasm'));
ok('its wasm chunk and module carry content hashes', !!chunk && /-[0-9a-f]{16}_bg\.wasm$/.test(module ?? ''), files.join());

function broken(what, breakIt) {
  const copy = mkdtempSync(join(tmpdir(), 'release-check-'));
  try {
    cpSync(dir, copy, { recursive: true });
    breakIt(copy);
    const problems = check(copy);
    ok(`the check catches ${what} (${problems[0] ?? 'nothing found'})`, problems.length > 0);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
broken('a chunk renamed without its loader', (d) => renameSync(join(d, chunk), join(d, 'split_rare.wasm')));
broken('a module changed after it was hashed', (d) => appendFileSync(join(d, module), Buffer.from([0])));
broken('a file missing', (d) => rmSync(join(d, module)));
broken('a script changed after index.html took its hash', (d) => {
  const glue = readdirSync(d).find((f) => /^cognito-widget-[0-9a-f]{16}\.js$/.test(f));
  writeFileSync(join(d, glue), `// changed\n${readdirSync(d).length}`);
});
finish();
