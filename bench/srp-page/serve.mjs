// Static server for the SRP benchmark page: a fixed route table, so nothing else on disk is
// reachable. Run alone (`node bench/srp-page/serve.mjs`) to open the page by hand.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const pkg = join(root, 'target', 'bench-srp', 'pkg');
// The UMD build users load with a <script> tag; it defines window.AmazonCognitoIdentity.
const identityJs = join(root, 'node_modules', 'amazon-cognito-identity-js', 'dist',
  'amazon-cognito-identity.min.js');

const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

function route(path) {
  if (path === '/') return join(here, 'index.html');
  if (path === '/bench.js') return join(here, 'bench.js');
  if (path === '/identity-js.js') return identityJs;
  // basename() keeps requests inside pkg/.
  if (path.startsWith('/pkg/')) return join(pkg, basename(path));
  return null;
}

export function serve() {
  const server = createServer(async (req, res) => {
    const file = route(new URL(req.url, 'http://x').pathname);
    try {
      if (!file) throw new Error('no route');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        // Cross-origin isolation gives performance.now() 5 µs resolution instead of 100 µs.
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() })));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serve();
  console.log(`serving ${url}`);
}
