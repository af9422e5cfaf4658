// A small static server for the browser tests and the demo: serves the repository
// root read-only on localhost, with .wasm as application/wasm, plus /test-vectors.json
// (every shared vector). `node bindings/js/test/server.js [port]` serves until stopped.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot, vectorFiles } from './vectors.js';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

/**
 * Starts the server; resolves to { url, close }. Port 0 picks a free one. `handle`, when
 * given, sees each request first and returns true when it answered it.
 */
export function serve(port = 0, handle = undefined) {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    if (handle?.(request, response, url)) return;
    if (url.pathname === '/test-vectors.json') {
      response.writeHead(200, { 'content-type': types['.json'] });
      response.end(JSON.stringify(vectorFiles()));
      return;
    }
    let file = path.join(repoRoot, decodeURIComponent(url.pathname));
    if (!file.startsWith(repoRoot + path.sep) && file !== repoRoot) {
      response.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (error, data) => {
      if (error) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      response.writeHead(200, {
        'content-type': types[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      response.end(data);
    });
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serve(Number(process.argv[2] ?? 8080));
  console.log(`serving the repository at ${url}/ (demo: ${url}/examples/web/)`);
}
