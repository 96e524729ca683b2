// Trunk post_build hook: writes into the build the embed loader `stepwise.js` (with the build's
// hashed file names) and the service worker `sw.js` (with the list of the build's files and a
// version made of their hashes), and copies the demo listing pages with their vendor CSS.
import { readdirSync, readFileSync, writeFileSync, mkdirSync, copyFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';

const out = process.env.TRUNK_STAGING_DIR;
if (!out) throw new Error('run by trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
const files = readdirSync(out);
const find = (re, what) => {
  const f = files.find((n) => re.test(n));
  if (!f) throw new Error(`no ${what} in ${out}: ${files.join(', ')}`);
  return f;
};
const names = {
  __GLUE__: find(/^stepwise-[0-9a-f]+\.js$/, 'wasm-bindgen glue'),
  __WASM__: find(/^stepwise-[0-9a-f]+_bg\.wasm$/, 'wasm'),
  __CSS__: find(/^stepwise-[0-9a-f]+\.css$/, 'stylesheet'),
};

// Comments and indentation removed: the loader must stay under 2 KB brotli, and the page's
// own scripts count against its budget. (Only block comments and whole-line // comments.)
const compact = (path) => readFileSync(path, 'utf8')
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('//')).join('\n');
let loader = compact('embed/loader.js');
for (const [k, v] of Object.entries(names)) loader = loader.replaceAll(k, v);
writeFileSync(join(out, 'stepwise.js'), loader);

// The standalone page's PWA shell (registers sw.js).
writeFileSync(join(out, 'pwa.js'), compact('pwa/pwa.js'));

// The service worker: the app shell is every file of the build but the demo and itself.
const walk = (dir) => readdirSync(dir).flatMap((f) => {
  const p = join(dir, f);
  return statSync(p).isDirectory() ? walk(p) : [p];
});
const shell = walk(out)
  .map((p) => relative(out, p).split('\\').join('/'))
  .filter((p) => !p.startsWith('demo/') && p !== 'sw.js' && p !== 'stepwise.js')
  .sort();
const version = createHash('sha256');
for (const p of shell) version.update(p).update(readFileSync(join(out, p)));
const sw = compact('pwa/sw.js')
  .replace("const VERSION = '__VERSION__';", `const VERSION = '${version.digest('hex').slice(0, 16)}';`)
  .replace('const SHELL = __SHELL__;', `const SHELL = ${JSON.stringify(shell.map((p) => './' + p))};`);
writeFileSync(join(out, 'sw.js'), sw);

mkdirSync(join(out, 'demo/vendor'), { recursive: true });
for (const f of readdirSync('demo')) copyFileSync(join('demo', f), join(out, 'demo', f));
for (const [from, to] of [
  ['node_modules/bootstrap/dist/css/bootstrap.min.css', 'bootstrap.min.css'],
  ['node_modules/tailwindcss/lib/css/preflight.css', 'tailwind-preflight.css'],
  ['node_modules/driver.js/dist/driver.js.iife.js', 'driver.js.iife.js'],
  ['node_modules/driver.js/dist/driver.css', 'driver.css'],
]) copyFileSync(from, join(out, 'demo/vendor', to));
console.log(`sw.js: ${shell.length} files precached`);
console.log(`embed: stepwise.js (${loader.length} B) → ${names.__GLUE__}, ${names.__WASM__}, ${names.__CSS__}; demo copied`);
