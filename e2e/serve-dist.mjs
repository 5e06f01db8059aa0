// Serves trunk's release output (dist/app) on a free loopback port. Only files under dist/app
// are reachable (e2e/static-file.mjs); `/` is index.html.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileUnder } from './static-file.mjs';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'app');
const types = {
  '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css',
  '.json': 'application/json',
};

/** Serves dist/app; every answer also carries `headers` (a Content-Security-Policy…). */
export function serveDist({ headers = {} } = {}) {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const file = path === '/' ? join(dist, 'index.html') : fileUnder(dist, path);
    try {
      if (!file) throw new Error('no route');
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() })));
}
