// Trunk post_build hook: writes the embed loader `stepwise.js` into the build, with the
// build's hashed file names, and copies the demo listing pages with their vendor CSS.
import { readdirSync, readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';

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

// The loader, its comments and indentation removed (it must stay under 2 KB brotli).
let loader = readFileSync('embed/loader.js', 'utf8')
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .split('\n').map((l) => l.trim()).filter(Boolean).join('\n');
for (const [k, v] of Object.entries(names)) loader = loader.replaceAll(k, v);
writeFileSync(join(out, 'stepwise.js'), loader);

mkdirSync(join(out, 'demo/vendor'), { recursive: true });
for (const f of readdirSync('demo')) copyFileSync(join('demo', f), join(out, 'demo', f));
for (const [from, to] of [
  ['node_modules/bootstrap/dist/css/bootstrap.min.css', 'bootstrap.min.css'],
  ['node_modules/tailwindcss/lib/css/preflight.css', 'tailwind-preflight.css'],
  ['node_modules/driver.js/dist/driver.js.iife.js', 'driver.js.iife.js'],
  ['node_modules/driver.js/dist/driver.css', 'driver.css'],
]) copyFileSync(from, join(out, 'demo/vendor', to));
console.log(`embed: stepwise.js (${loader.length} B) → ${names.__GLUE__}, ${names.__WASM__}, ${names.__CSS__}; demo copied`);
