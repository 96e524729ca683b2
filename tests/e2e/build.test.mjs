// The build's post-processing of the wasm (scripts/build/wasm-names.mjs, and wasm-opt's --strip-*
// options): no custom sections, and
// short import and export names in the wasm and its glue, on modules made here byte by byte
// and on the fixture build. That the renamed wasm and glue still run together is what every
// browser test shows. And the code's size budget (issue 9): a size, not a timing, the same in
// every run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { join } from 'node:path';
import { shortenExports, shortenImports, shortName } from '../../scripts/build/wasm-names.mjs';
import { DIST } from './harness.mjs';

const str = (s) => [s.length, ...Buffer.from(s)];
const leb = (n) => (n < 128 ? [n] : [(n % 128) | 0x80, ...leb(Math.floor(n / 128))]);
const section = (id, body) => [id, ...leb(body.length), ...body];
const F = '__wbg_f_0123456789abcdef';
const M = '__wbg_memory_fedcba9876543210';
const G = '__wbindgen_g_00112233aabbccdd';
const T = '__wbg_table_99887766554433ff';
/** A module importing a function, a memory, a global and a table from "./x_bg.js", with `exports`. */
const module = (exports = []) => Buffer.from([
  0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
  ...section(1, [1, 0x60, 0, 0]),
  ...section(2, [4,
    ...str('./x_bg.js'), ...str(F), 0, 0,
    ...str('./x_bg.js'), ...str(M), 2, 1, 1, 4,
    ...str('./x_bg.js'), ...str(G), 3, 0x7f, 0,
    ...str('./x_bg.js'), ...str(T), 1, 0x70, 0, 2,
  ]),
  ...section(7, [exports.length, ...exports.flatMap((name) => [...str(name), 0, 0])]),
]);
const glue = `const imports = { './x_bg.js': { ${F}: () => {}, ${M}: memory, ${G}: 1, ${T}: table } }; wasm.run(); // ${F}_not_it`;

test('short names run a…Z, then aa…', () => {
  assert.deepEqual([0, 1, 25, 26, 51, 52, 53, 103, 104].map(shortName), ['a', 'b', 'z', 'A', 'Z', 'aa', 'ab', 'aZ', 'ba']);
  const names = Array.from({ length: 3000 }, (_, i) => shortName(i));
  assert.equal(new Set(names).size, names.length);
});

test('every import is renamed in the wasm and the glue alike, kinds and module kept', () => {
  const { wasm, glue: renamed } = shortenImports(module(['run']), glue);
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(wasm));
  assert.deepEqual(imports, [
    { module: './x_bg.js', name: 'a', kind: 'function' },
    { module: './x_bg.js', name: 'b', kind: 'memory' },
    { module: './x_bg.js', name: 'c', kind: 'global' },
    { module: './x_bg.js', name: 'd', kind: 'table' },
  ]);
  assert.equal(renamed, `const imports = { './x_bg.js': { a: () => {}, b: memory, c: 1, d: table } }; wasm.run(); // ${F}_not_it`);
  assert.deepEqual(WebAssembly.Module.exports(new WebAssembly.Module(wasm)), [{ name: 'run', kind: 'function' }]);
});

test('exports the glue reads as wasm.<name> are renamed there and in the wasm; the others keep their names', () => {
  const exports = ['mount_widget', 'closure_invoke_true_', 'main'];
  const glue = 'export function mount_widget(a) { return wasm.mount_widget(a); } function closure_invoke_true_() { wasm.closure_invoke_true_(); wasm.closure_invoke_true_(); } wasm.memory;';
  const { wasm, glue: renamed } = shortenExports(module(exports), glue);
  assert.deepEqual(WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name), ['a', 'b', 'main']);
  assert.equal(renamed, 'export function mount_widget(a) { return wasm.a(a); } function closure_invoke_true_() { wasm.b(); wasm.b(); } wasm.memory;');
  assert.throws(() => shortenExports(module(['run']), "wasm.run(); wasm['run']();"), /"run" is spelled in quotes/);
});

test('a glue that does not spell an import exactly once, or an import that is also an export, stops the build', () => {
  assert.throws(() => shortenImports(module(), glue.replace(`${G}: 1, `, '')), /"__wbindgen_g_00112233aabbccdd" is spelled 0 times/);
  assert.throws(() => shortenImports(module(), glue + `; ${M}`), /"__wbg_memory_fedcba9876543210" is spelled 2 times/);
  assert.throws(() => shortenImports(module([F]), glue), /is both an import and an export/);
  assert.throws(() => shortenImports(Buffer.from('not wasm'), glue), /not a wasm module/);
  assert.throws(() => shortenImports(module().subarray(0, 40), glue), /cut short/);
});

// The page's wasm (Trunk's) and the widget's (scripts/build/widget-wasm.mjs).
for (const stem of ['stepwise', 'stepwise-widget']) test(`${stem}: short import names, and a glue with no hashed ones`, () => {
  const files = readdirSync(DIST);
  const named = (suffix) => files.filter((f) => f.startsWith(stem + '-') && /^[0-9a-f]{1,16}$/.test(f.slice(stem.length + 1, -suffix.length)) && f.endsWith(suffix));
  assert.equal(named('_bg.wasm').length, 1, files.join(', '));
  const wasm = readFileSync(join(DIST, named('_bg.wasm')[0]));
  const glue = readFileSync(join(DIST, named('.js')[0]), 'utf8');
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(wasm));
  assert.ok(imports.length > 50, `${imports.length} imports`);
  assert.deepEqual(imports.map((i) => i.name), imports.map((_, n) => shortName(n)));
  assert.doesNotMatch(glue, /__wb(g|indgen)_\w+_[0-9a-f]{16}\b/);
  const exported = WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name);
  assert.ok(exported.includes('memory') && exported.includes('a'), exported.join(' '));
  assert.ok(!exported.some((n) => n.startsWith('__wbindgen_') || n.includes('closures')), exported.join(' '));
  for (const name of ['producers', 'target_features', 'name']) assert.deepEqual(WebAssembly.Module.customSections(new WebAssembly.Module(wasm), name), [], name);
});

// The brief's budget: 110 KiB (issue 9 had set 100 KiB; the pack check of issue 21, which reads
// every pack file as untrusted input, took the code from 99.6 to 102.4 KiB).
// Each way of use is measured on the code its buyer downloads: the page's wasm, glue and
// stylesheet; the widget's wasm and glue and the embed's stylesheet (its loader and runtime
// have budgets of their own, in embed.test.mjs).
// (Trunk names them by a 64-bit hash in hex, without leading zeros: 1 to 16 digits.)
for (const [surface, pattern] of [['page', /^stepwise-[0-9a-f]{1,16}(_bg\.wasm|\.js|\.css)$/], ['widget', /^stepwise-(widget-[0-9a-f]{1,16}(_bg\.wasm|\.js)|embed-[0-9a-f]+\.css)$/]]) {
  test(`the ${surface}'s code (wasm, glue, stylesheet) is within its budget: 110 KiB brotli`, () => {
    const code = readdirSync(DIST).filter((f) => pattern.test(f));
    assert.equal(code.length, 3, code.join(', '));
    const br = code.reduce((sum, f) => sum + brotliCompressSync(readFileSync(join(DIST, f)), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length, 0);
    assert.ok(br <= 110 * 1024, `code ${br} B brotli (${code.join(', ')}); bench/sizes.mjs shows where it goes`);
  });
}
