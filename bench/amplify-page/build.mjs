// Bundles the Amplify anchor page with esbuild (minified, production React) into
// target/bench-amplify/. Usage: node bench/amplify-page/build.mjs
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', '..', 'target', 'bench-amplify');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, 'main.jsx')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  outdir: out,
  logLevel: 'warning',
});
// The same placeholder as our index.html: the benchmark swaps it for an inline config.
writeFileSync(join(out, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8" />
<meta name="cognito-widget:emulator" content="" />
<link rel="stylesheet" href="main.css" /></head>
<body><div id="root"></div><script type="module" src="main.js"></script></body></html>
`);
