import { buildSync } from 'esbuild';
import { minify } from 'terser';
import { brotliCompressSync, constants } from 'node:zlib';
const entry = process.argv[2] || '/work/main/js/embed/loader.js';
const defines = { embed: 'stepwise-embed-0123456789', firstPack: 'billing', defaultLocale: 'zh-CN', accentProperty: '--sw-accent-x1' };
const define = Object.fromEntries(Object.entries(defines).map(([n, v]) => [`STEPWISE_BUILD.${n}`, JSON.stringify(v)]));
const mk = (extra={}) => buildSync({ entryPoints: [entry], bundle: true, write: false, format: 'iife', target: 'es2022', charset: 'utf8', legalComments: 'none', define, logLevel: 'silent', ...extra }).outputFiles[0].text;
const br = (c) => brotliCompressSync(c, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const src = mk();
const tries = {
  base: { ecma: 2020, compress: { passes: 3 }, mangle: true },
  e22: { ecma: 2022, compress: { passes: 3 }, mangle: true },
  unsafe: { ecma: 2022, compress: { passes: 3, unsafe: true, unsafe_arrows: true, pure_getters: true, unsafe_methods: true }, mangle: true },
  nohoist: { ecma: 2022, compress: { passes: 3, hoist_funs: false, reduce_vars: true, collapse_vars: true, join_vars: true, sequences: false }, mangle: true },
};
for (const [k, o] of Object.entries(tries)) { const r = await minify(src, { ...o, format: { comments: false } }); console.log(k, r.code.length, br(r.code)); }
const r2 = await minify(mk({ minifySyntax: true }), tries.base); console.log('esb-syntax+terser', r2.code.length, br(r2.code));
const r3 = await minify(mk({ minifySyntax: true }), tries.unsafe); console.log('esb-syntax+terser-unsafe', r3.code.length, br(r3.code));
const r4 = await minify(mk({ minifySyntax: true, minifyIdentifiers: true }), tries.base); console.log('esb-syntax-ident+terser', r4.code.length, br(r4.code));
const r5 = await minify(mk({ minifySyntax: true }), { ...tries.base, compress: { passes: 5 } }); console.log('esb-syntax+terser5', r5.code.length, br(r5.code));
for (const f of ['/work/main/js/embed/runtime.js']) {}
