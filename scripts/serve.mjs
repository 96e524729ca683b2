// Serves a built dist/ on localhost: the standalone page at /, the embed demo at /demo/
// (with a strict Content-Security-Policy, as a marketplace page might send).
//   node scripts/serve.mjs [dir] [port]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEMO_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' https: data:; require-trusted-types-for 'script'";

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json', '.ico': 'image/x-icon',
};

/** Starts serving `dir`; resolves to { url, close, setRoot }. `setRoot(dir)` serves another build
 * from then on (a deployment); `rewrite(path, body)` may change a response. */
export async function serve(dir, port = 0, { rewrite } = {}) {
  let root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (path.endsWith('/')) path += 'index.html';
      const file = normalize(join(root, path));
      if (!file.startsWith(root)) throw new Error('outside');
      await stat(file);
      let body = await readFile(file);
      if (rewrite) body = rewrite(path, body) ?? body;
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
      if (path.startsWith('/demo/') && path.endsWith('.html')) headers['content-security-policy'] = DEMO_CSP;
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(ok); }),
    setRoot: (next) => { root = resolve(next); },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  const { url } = await serve(dir, Number(port));
  console.log(`Stepwise is served from ${dir}/:`);
  console.log(`  ${url}                         the standalone help page`);
  console.log(`  ${url}#/zh-CN/invoice/2        a deep link`);
  console.log(`  ${url}demo/listing.html        the embed demo: a listing page (strict CSP, hostile CSS)`);
  console.log(`  ${url}demo/blank.html          the widget on a blank page`);
}
