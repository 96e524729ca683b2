// Trunk post_build hook: writes into the build
// - the embed loader `stepwise.js`, with the protocol's names and each pack's locales, and the
//   embed runtime it loads on first use, `stepwise-embed-<hash>.js`, with the build's hashed
//   file names;
// - the widget's stylesheet `stepwise-embed-<hash>.css` (the runtime's name): the page's, with root-relative units
//   made absolute (inside a seller's page `rem` would follow *their* <html> font size) and its
//   custom properties renamed per build (a page's @property could retype `--sw-accent`);
// - the PWA shell `pwa.js` and the service worker `sw.js`, with the protocol's names and, for
//   the worker, the list of the build's files and a version made of their hashes;
// - the wasm without custom sections and with short import and export names, and its wasm-bindgen glue
//   minified (their
//   integrities in index.html updated).
// The names come from `stepwise-cli protocol` (stepwise_core::protocol): the JS sources spell
// none of them. Every placeholder must be found and filled, or the build fails.
// The demo pages are not part of the build: scripts/serve.mjs serves them from demo/.
import { readdirSync, readFileSync, writeFileSync, statSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import { minify } from 'terser';
import { fill } from './fill.mjs';
import { shortenExports, shortenImports, stripCustomSections } from './wasm-shrink.mjs';

const out = process.env.TRUNK_STAGING_DIR;
if (!out) throw new Error('run by trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
const files = readdirSync(out);
const find = (re, what) => {
  const f = files.find((n) => re.test(n));
  if (!f) throw new Error(`no ${what} in ${out}: ${files.join(', ')}`);
  return f;
};
const hash = (data, n = 16) => createHash('sha256').update(data).digest('hex').slice(0, n);


/** `from` with only the keys `keys` of `protocol` (each file gets what it uses). */
const pick = (protocol, keys) => JSON.stringify(Object.fromEntries(keys.map((k) => {
  if (!(k in protocol)) throw new Error(`the protocol has no "${k}"`);
  return [k, protocol[k]];
})));

// The worker is minified without compression so its constants keep their names (a test
// lowers SHOTS_LIMIT in a served copy).
const js = async (code, file, { compress = { passes: 2 }, module = false } = {}) => {
  const result = await minify(code, { ecma: 2020, module, compress, mangle: true, format: { comments: false } });
  if (!result.code) throw new Error(`${file}: terser produced nothing`);
  return result.code;
};

// The native tools this hook runs (the CLI, the prerenderer) build as the native tests do, in
// target/ with the ordinary std: the settings scripts/build.sh gives the wasm build are not
// passed on to them.
const nativeEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) =>
  !['RUSTC_BOOTSTRAP', 'CARGO_UNSTABLE_BUILD_STD', 'CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS', 'CARGO_TARGET_DIR'].includes(k)));
const cargo = (args, options) => execFileSync('cargo', args, { ...options, env: nativeEnv });

const content = process.env.STEPWISE_CONTENT_DIR ?? 'content';
const protocol = JSON.parse(cargo(['run', '--quiet', '-p', 'stepwise-cli', '--', 'protocol', content], { encoding: 'utf8' }));

// The content: every pack of the content folder as pack files and their index, where the app
// fetches them (`protocol.packIndex`, relative to the build). A refused pack fails the build.
const packDirs = readdirSync(content).map((d) => join(content, d)).filter((d) => existsSync(join(d, 'pack.toml'))).sort();
if (packDirs.length === 0) throw new Error(`${content}: no content pack (a folder with pack.toml)`);
const packsOut = join(out, dirname(protocol.packIndex));
try {
  cargo(['run', '--quiet', '-p', 'stepwise-cli', '--', 'build', ...packDirs, '--out', packsOut], { stdio: ['ignore', 'ignore', 'inherit'] });
} catch {
  // stepwise-cli has printed every problem as file:line: message.
  console.error('Stepwise: the content was refused; nothing was built.');
  process.exit(1);
}
if (!existsSync(join(out, protocol.packIndex))) throw new Error(`stepwise-cli build wrote no ${protocol.packIndex}`);

// The widget's stylesheet: 1rem is 16px whatever the host page's root font size.
const pageCss = find(/^stepwise-[0-9a-f]+\.css$/, 'stylesheet');
// Its custom properties get a per-build name, which no page's @property registers by chance.
const pageCssText = readFileSync(join(out, pageCss), 'utf8');
const tag = hash(pageCssText).slice(0, 6);
const widgetCss = pageCssText
  .replace(/(\d*\.?\d+)rem\b/g, (_, n) => `${+(Number(n) * 16).toFixed(3)}px`)
  .replaceAll('--sw-', `--sw-${tag}-`);
if (/\drem\b/.test(widgetCss)) throw new Error('the widget stylesheet still has rem units');
const accentProperty = `--sw-${tag}-accent`;
if (!widgetCss.includes(accentProperty + ':')) throw new Error(`the widget stylesheet has no ${accentProperty}`);

// The wasm and its wasm-bindgen glue: the wasm's custom sections dropped and the imports and
// exports between them renamed short (scripts/wasm-shrink.mjs), the glue minified here (Trunk 0.21's minifier fails on it and
// ships it whole), and both subresource integrities in index.html made to match.
const glueName = find(/^stepwise-[0-9a-f]+\.js$/, 'wasm-bindgen glue');
const wasmName = find(/^stepwise-[0-9a-f]+_bg\.wasm$/, 'wasm');
const sri = (data) => 'sha384-' + createHash('sha384').update(data).digest('base64');
/** Rewrites the built index.html with `change(page)`. */
const editPage = (change) => writeFileSync(join(out, 'index.html'), change(readFileSync(join(out, 'index.html'), 'utf8')));
/** Writes `file` anew and gives index.html its new integrity. */
const rewrite = (file, before, after) => {
  writeFileSync(join(out, file), after);
  editPage((page) => {
    if (page.split(sri(before)).length !== 2) throw new Error(`index.html: no single integrity for ${file} to update`);
    return page.replace(sri(before), sri(after));
  });
};
{
  const wasm = readFileSync(join(out, wasmName));
  const glue = readFileSync(join(out, glueName));
  const imports = shortenImports(stripCustomSections(wasm), glue.toString('utf8'));
  const short = shortenExports(imports.wasm, imports.glue);
  rewrite(wasmName, wasm, short.wasm);
  rewrite(glueName, glue, await js(short.glue, glueName, { module: true }));
}

// The embed runtime (loaded on first use), then the loader that names it.
const names = {
  __GLUE__: glueName,
  __WASM__: wasmName,
};
const runtime = await js(fill(readFileSync('embed/runtime.js', 'utf8'), 'embed/runtime.js', {
  __PROTOCOL__: pick(protocol, ['attributes', 'commands', 'events', 'fields', 'packIndex', 'packFile', 'panel']),
  ...names,
}), 'runtime', { module: true });
// The runtime and the widget's stylesheet share one name (hashed over both), so that the
// loader names them once: `stepwise-embed-<hash>.js` and `.css`.
const embedName = `stepwise-embed-${hash(runtime + widgetCss, 10)}`;
writeFileSync(join(out, embedName + '.js'), runtime);
writeFileSync(join(out, embedName + '.css'), widgetCss);
const loader = await js(fill(readFileSync('embed/loader.js', 'utf8'), 'embed/loader.js', {
  __PROTOCOL__: pick(protocol, ['attributes', 'commands', 'storage', 'panel']),
  __FIRST_PACK__: JSON.stringify(protocol.firstPack),
  __LOCALES__: JSON.stringify(protocol.locales),
  __EMBED__: embedName,
  __ACCENT_PROPERTY__: accentProperty,
}), 'stepwise.js', { compress: { passes: 3 } });
writeFileSync(join(out, 'stepwise.js'), loader);

// The pack index, fetched by the page while the wasm downloads (the app's fetch of the same URL
// takes the preloaded answer).
editPage((page) => {
  if (!page.includes('</head>')) throw new Error('index.html: no </head> for the pack index preload');
  return page.replace('</head>', `<link rel="preload" href="${protocol.packIndex}" as="fetch" crossorigin></head>`);
});

// The standalone page's PWA shell (registers sw.js), with its subresource integrity in
// index.html (a copy changed in a cache or on the way is not run).
{
  const shell = await js(fill(readFileSync('pwa/pwa.js', 'utf8'), 'pwa/pwa.js', {
    __PROTOCOL__: pick(protocol, ['pageEvents', 'updateFlag', 'skipWaiting', 'saveScreenshots']),
  }), 'pwa.js');
  writeFileSync(join(out, 'pwa.js'), shell);
  const tag = /<script ([^>]*)src="?pwa\.js"?([^>]*)><\/script>/;
  editPage((page) => {
    if (!tag.test(page)) throw new Error('index.html: no <script src="pwa.js"> to give an integrity');
    return page.replace(tag, `<script $1src="pwa.js" integrity="${sri(shell)}"$2></script>`);
  });
}

// Paint before the wasm: Trunk's loader starts the wasm as soon as the page is parsed, which
// for a small prerendered page is before its first frame, so compiling and starting the app
// would delay the paint. It now waits for that frame first (not in a hidden tab, where no
// frame comes).
editPage((page) => {
  const start = 'const wasm = await init(';
  if (page.split(start).length !== 2) throw new Error(`index.html: no single "${start}" in Trunk's loader`);
  return page.replace(start, "if (document.visibilityState !== 'hidden') await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok)));\n" + start);
});

// The prerendered pages (stepwise-prerender: the app's components rendered natively): the
// page boot script inlined at the top of the template, then index.html (the first pack's list)
// and a landing page per pack, locale and landing route under pages/, from the pack files.
{
  const boot = await js(fill(readFileSync('page/boot.js', 'utf8'), 'page/boot.js', {
    __PROTOCOL__: pick(protocol, ['page', 'storage']),
  }), 'boot');
  editPage((page) => {
    const html = /<html[^>]*>/;
    if (!html.test(page)) throw new Error('index.html: no <html> to put the boot script after');
    return page.replace(html, (tag) => `${tag}<script>${boot}</script>`);
  });
  cargo(['run', '--quiet', '--release', '--features', 'ssr', '--bin', 'stepwise-prerender', '--', out], { stdio: ['ignore', 'inherit', 'inherit'] });
}

// The service worker: the app shell is every file of the build but itself and the loader.
const walk = (dir) => readdirSync(dir).flatMap((f) => {
  const p = join(dir, f);
  return statSync(p).isDirectory() ? walk(p) : [p];
});
const shell = walk(out)
  .map((p) => relative(out, p).split('\\').join('/'))
  .filter((p) => p !== 'sw.js' && p !== 'stepwise.js' && !/^stepwise-(widget|embed)-/.test(p))
  .sort();
const version = createHash('sha256');
for (const p of shell) version.update(p).update(readFileSync(join(out, p)));
const sw = await js(fill(readFileSync('pwa/sw.js', 'utf8'), 'pwa/sw.js', {
  __PROTOCOL__: pick(protocol, ['caches', 'skipWaiting', 'saveScreenshots']),
  __VERSION__: version.digest('hex').slice(0, 16),
  __SHELL__: JSON.stringify(shell.map((p) => ['./' + p, hash(readFileSync(join(out, p)))])),
}), 'sw.js', { compress: false });
writeFileSync(join(out, 'sw.js'), sw);

if (existsSync(join(out, 'demo'))) throw new Error('the build must not carry the demo (scripts/serve.mjs serves it)');
console.log(`sw.js: ${shell.length} files precached`);
console.log(`embed: stepwise.js (${loader.length} B) → ${embedName}.js (${runtime.length} B) and .css → ${names.__GLUE__}, ${names.__WASM__}`);
