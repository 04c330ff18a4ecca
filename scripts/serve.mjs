// A tiny static file server for the built page (correct MIME types, including application/wasm
// for WebAssembly streaming compilation). Used by dev.sh and by the browser tests.
//   node scripts/serve.mjs [--port N] [--host H] [ROOT]    (ROOT defaults to www/dist)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Starts a server for `root`; resolves to { server, url } once it listens. Port 0 = any free
 * port. `headers` are added to every response (a host page's Content-Security-Policy);
 * `pages` maps paths (`/host.html`) to HTML served beside the files (test host pages).
 * Like GitHub Pages, the files may be fetched from other sites (`Access-Control-Allow-Origin:
 * *`: a documentation page on another origin loads the embed's .wasm); `cors: false` serves
 * them as a host that does not allow it.
 */
export function serve(root, { port = 0, host = '127.0.0.1', headers = {}, pages = {}, cors = true } = {}) {
  const base = path.resolve(root);
  if (cors) headers = { 'Access-Control-Allow-Origin': '*', ...headers };
  const server = createServer(async (req, res) => {
    try {
      const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (Object.hasOwn(pages, urlPath)) {
        res.writeHead(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store', ...headers });
        res.end(pages[urlPath]);
        return;
      }
      let file = path.resolve(base, `.${urlPath}`);
      if (file !== base && !file.startsWith(base + path.sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        ...headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({ server, url: `http://${host}:${actual}/` });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let port = 8000;
  let host = '127.0.0.1';
  let root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'www', 'dist');
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--port') port = Number(args[++i]);
    else if (args[i] === '--host') host = args[++i];
    else root = args[i];
  }
  let started;
  try {
    started = await serve(root, { port, host });
  } catch (e) {
    if (e.code !== 'EADDRINUSE') throw e;
    started = await serve(root, { port: 0, host }); // 8000 is taken: any free port
  }
  console.log(`\n  The playground is at ${started.url}\n  (serving ${path.relative(process.cwd(), root) || '.'}; Ctrl-C stops)\n`);
}
