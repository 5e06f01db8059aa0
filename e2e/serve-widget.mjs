// Serves host pages beside the packaged widget (dist/widget, from scripts/package) on a free
// loopback port: `/widget/…` are the widget's files (only files under dist/widget are
// reachable, e2e/static-file.mjs); each path of `pages` is an HTML page (its text) or a file
// (`{ file }`).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileUnder } from './static-file.mjs';

const widget = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'widget');
const types = {
  '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css',
  '.json': 'application/json',
};

/** Resolves to `{ url, close }`; `url` is the server's root, without a trailing slash. */
export function serveWidget(pages) {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const page = pages[path];
    if (typeof page === 'string') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      return;
    }
    const file = page?.file ?? (path.startsWith('/widget/') ? fileUnder(widget, path.slice('/widget/'.length)) : null);
    try {
      if (!file) throw new Error('no route');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}
