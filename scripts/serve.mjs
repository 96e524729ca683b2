// Serves a built dist/ on localhost: the standalone page at /, and the embed demo at /demo/
// (from the demo/ folder and the vendor CSS in node_modules, never part of the build), with a
// strict Content-Security-Policy, as a marketplace page might send. The build is served with
// the headers a help build on its own origin needs (CORS: README, "Hosting"), and the demo
// again on a second port, another origin, as a marketplace listing page always is.
//   node scripts/serve.mjs [dir] [port]      (the listing page's origin: port + 1)
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEMO_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' https: data:; require-trusted-types-for 'script'";

const REPO = fileURLToPath(new URL('../', import.meta.url));
const DEMO = resolve(REPO, 'demo');
/** The demo's third-party files, from the npm packages (package.json pins them). */
const VENDOR = {
  'bootstrap.min.css': 'node_modules/bootstrap/dist/css/bootstrap.min.css',
  'tailwind-preflight.css': 'node_modules/tailwindcss/lib/css/preflight.css',
  'driver.js.iife.js': 'node_modules/driver.js/dist/driver.js.iife.js',
  'driver.css': 'node_modules/driver.js/dist/driver.css',
};

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json', '.ico': 'image/x-icon',
};

/** What every file of a help build is served with, so that a listing page on another origin can
 * use it: CORS for what the widget fetches or imports (the runtime and the glue are modules, the
 * wasm compiles from a fetch, the panels and packs are fetched), and a resource policy that lets
 * a page with `Cross-Origin-Embedder-Policy` load it. None of it is a secret: the build is public. */
export const CROSS_ORIGIN_HEADERS = {
  'access-control-allow-origin': '*',
  'cross-origin-resource-policy': 'cross-origin',
};

/** The demo's CSP on a listing page of another origin than the help build at `help`: that
 * origin (and `more`, a seller's own pack host) allowed for scripts, styles, fetches and images. */
export const crossOriginCsp = (help, more = []) => {
  const origins = [help, ...more].map((u) => new URL(u).origin).join(' ');
  return `default-src 'self'; script-src 'self' ${origins} 'wasm-unsafe-eval'; style-src 'self' ${origins}; connect-src 'self' ${origins}; img-src 'self' ${origins} https: data:; require-trusted-types-for 'script'`;
};

/** The file `path` names under `root`, or null when it would leave it. */
function inside(root, path) {
  const file = resolve(root, '.' + path);
  return file === root || file.startsWith(root + sep) ? file : null;
}

/** Starts serving `dir`; resolves to { url, close, setRoot, served, revalidated }. `setRoot(dir)`
 * serves another build from then on (a deployment); `rewrite(path, body)` may change a response;
 * `served` lists each file answered, as `[path, bytes]` (what a client downloaded), and
 * `revalidated` each path answered 304 (an ETag the client had still matched). `cors: false`
 * leaves out the cross-origin headers (a host that was not told about them). `help`: serve
 * only the demo, as a listing page of another origin using the help build at that URL (its
 * script tag pointed there, its CSP allowing that origin and those of `allow`). `csp(policy)`
 * may change the demo pages' CSP (a stricter one, for a test). */
export async function serve(dir, port = 0, { rewrite, cors = true, help, allow = [], csp = (policy) => policy } = {}) {
  let root = dir == null ? null : resolve(dir);
  const served = [];
  const revalidated = [];
  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      // Decoded, a path may hold what its URL did not show (`%2f..`, `.%2fdemo`): a `.` or `..`
      // segment, a backslash or a NUL is refused, so that where a path points (the build, or
      // the demo with its CSP) is what it says.
      if (/\0|\\/.test(path) || path.split('/').some((s) => s === '.' || s === '..')) throw new Error('bad path');
      if (path.endsWith('/')) path += 'index.html';
      const demo = path.startsWith('/demo/');
      const vendor = demo && path.startsWith('/demo/vendor/') ? VENDOR[path.slice('/demo/vendor/'.length)] : null;
      const file = vendor ? resolve(REPO, vendor) : demo ? inside(DEMO, path.slice('/demo'.length)) : help ? null : inside(root, path);
      if (!file || !(await stat(file)).isFile()) throw new Error('not a file');
      let body = await readFile(file);
      const page = demo && extname(file) === '.html';
      if (help && page) body = Buffer.from(String(body).replaceAll('src="../stepwise.js"', `src="${new URL('stepwise.js', help)}"`));
      if (rewrite) body = rewrite(path, body) ?? body;
      // Revalidated on every use (`no-cache`), answered 304 when unchanged: a second visit
      // downloads nothing the first did, and a new build is seen at once.
      const etag = '"' + createHash('sha256').update(body).digest('base64url').slice(0, 22) + '"';
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', etag };
      if (page) headers['content-security-policy'] = csp(help ? crossOriginCsp(help, allow) : DEMO_CSP);
      if (cors && !demo) Object.assign(headers, CROSS_ORIGIN_HEADERS);
      if ((req.headers['if-none-match'] ?? '').split(/\s*,\s*/).includes(etag)) {
        res.writeHead(304, headers);
        res.end();
        revalidated.push(path);
        return;
      }
      res.writeHead(200, headers);
      res.end(body);
      served.push([path, body.length]);
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
    served,
    revalidated,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  const { url } = await serve(dir, Number(port));
  const listing = await serve(null, Number(port) + 1, { help: url });
  console.log(`Stepwise is served from ${dir}/ (the demo from demo/, not part of the build):`);
  console.log(`  ${url}                         the standalone help page`);
  console.log(`  ${url}#/zh-CN/invoice/2        a deep link`);
  console.log(`  ${url}demo/listing.html        the embed demo: a listing page (strict CSP, hostile CSS)`);
  console.log(`  ${url}demo/blank.html          the widget on a blank page`);
  console.log(`  ${listing.url}demo/listing.html        the listing page on another origin, as a marketplace's is`);
}
