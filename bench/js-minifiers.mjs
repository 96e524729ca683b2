import { buildSync } from 'esbuild';
import { minify } from 'terser';
import { brotliCompressSync, constants } from 'node:zlib';
const br = (t) => brotliCompressSync(Buffer.from(t), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const define = { 'STEPWISE_BUILD.embed': '"stepwise-embed-0123456789"', 'STEPWISE_BUILD.firstPack': '"billing"', 'STEPWISE_BUILD.accentProperty': '"--sw-abcdef-accent"', 'STEPWISE_BUILD.glue': '"stepwise-0123456789abcdef.js"', 'STEPWISE_BUILD.wasm': '"stepwise-0123456789abcdef_bg.wasm"' };
for (const [entry, format] of [['js/embed/loader.js', 'iife'], ['js/embed/runtime.js', 'esm'], ['js/page/boot.js', 'iife']]) {
  const opts = { entryPoints: [entry], bundle: true, write: false, format, target: 'es2022', charset: 'utf8', define };
  const es = buildSync({ ...opts, minify: true }).outputFiles[0].text;
  const plain = buildSync({ ...opts, minify: false }).outputFiles[0].text;
  const t = (await minify(plain, { ecma: 2020, module: format === 'esm', compress: { passes: 3 }, mangle: true, format: { comments: false } })).code;
  console.log(entry.padEnd(24), 'esbuild', es.length, br(es), ' terser', t.length, br(t));
}
