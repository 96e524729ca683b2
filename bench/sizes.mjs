// Prints the files of one or more built dist folders (what the standalone page loads): raw and brotli (quality 11) bytes,
// grouped by kind; then each build's code (the app's wasm, its glue and its stylesheet: the
// hashed `<name>-<hash>` files), the embedded widget's (where the build has a wasm of its own
// for it) and total, the last build's next to each one before it (the baselines), and the last
// build's code against its budget (BUDGET_KB, 110 KiB, the brief's).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const kinds = { ".wasm": "wasm", ".js": "js", ".css": "css", ".html": "html" };
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + ' KB';
const builds = process.argv.slice(2).map((arg) => {
  const [name, dir] = arg.split('=');
  const sums = {};
  const files = [];
  const code = { raw: 0, br: 0 };
  // The embedded widget's code: its own wasm and glue and the embed's stylesheet (a build from
  // before the split, which has no wasm of its own for it, loads the page's wasm and glue).
  const widget = { raw: 0, br: 0 };
  const pageWasmGlue = { raw: 0, br: 0 };
  let widgetWasm = false;
  for (const f of readdirSync(dir)) {
    const path = join(dir, f);
    // The page's own files; the embed loader (stepwise.js), its runtime and the widget's stylesheet are not part of the page.
    if (statSync(path).isFile() && /^stepwise-(widget-[0-9a-f]{1,16}(_bg\.wasm|\.js)|embed-[0-9a-f]+\.css)$/.test(f)) {
      const raw = readFileSync(path);
      widget.raw += raw.length;
      widget.br += brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
      widgetWasm ||= f.endsWith('.wasm');
    }
    if (!statSync(path).isFile() || f === 'stepwise.js' || /^stepwise-(widget|embed)-/.test(f)) continue;
    const kind = kinds[extname(f)] ?? 'other';
    const raw = readFileSync(path);
    const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    files.push(`${name.padEnd(12)}  ${f.padEnd(40)}${kb(raw.length)}${kb(br)}`);
    sums[kind] ??= { raw: 0, br: 0 };
    sums[kind].raw += raw.length;
    sums[kind].br += br;
    // (Trunk names them by a 64-bit hash in hex, without leading zeros: 1 to 16 digits.)
    if (/^[a-z]+-[0-9a-f]{1,16}(_bg\.wasm|\.js|\.css)$/.test(f)) {
      code.raw += raw.length;
      code.br += br;
      if (!f.endsWith('.css')) {
        pageWasmGlue.raw += raw.length;
        pageWasmGlue.br += br;
      }
    }
  }
  // Content the page fetches on a first visit: the pack index and the default pack's default
  // locale (every pack file is listed, each locale costs the same order of bytes).
  const packs = join(dir, 'packs');
  if (existsSync(join(packs, 'index.json'))) {
    const index = JSON.parse(readFileSync(join(packs, 'index.json'), 'utf8'));
    const [first] = Object.values(index.packs);
    const fetched = ['index.json', first.locales[first.default].file];
    for (const f of readdirSync(packs).sort()) {
      const raw = readFileSync(join(packs, f));
      const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
      files.push(`${name.padEnd(12)}  ${('packs/' + f).padEnd(40)}${kb(raw.length)}${kb(br)}${fetched.includes(f) ? '' : '  (not fetched first)'}`);
      if (!fetched.includes(f)) continue;
      sums.content ??= { raw: 0, br: 0 };
      sums.content.raw += raw.length;
      sums.content.br += br;
    }
  }
  const total = Object.values(sums).reduce((a, s) => ({ raw: a.raw + s.raw, br: a.br + s.br }), { raw: 0, br: 0 });
  if (!widgetWasm) {
    widget.raw += pageWasmGlue.raw;
    widget.br += pageWasmGlue.br;
  }
  return { name, sums, total, code, widget, files };
});
for (const b of builds) for (const line of b.files) console.log(line);
console.log();
console.log(`${'build'.padEnd(12)}${'kind'.padEnd(7)}${'raw'.padStart(11)}${'brotli'.padStart(11)}`);
for (const b of builds) {
  for (const [k, s] of Object.entries(b.sums)) console.log(`${b.name.padEnd(12)}${k.padEnd(7)}${kb(s.raw)}${kb(s.br)}`);
  console.log(`${b.name.padEnd(12)}${'TOTAL'.padEnd(7)}${kb(b.total.raw)}${kb(b.total.br)}   (${b.total.br} B brotli)`);
  console.log(`${b.name.padEnd(12)}${'CODE'.padEnd(7)}${kb(b.code.raw)}${kb(b.code.br)}   (${b.code.br} B brotli: wasm, glue, stylesheet)`);
  console.log(`${b.name.padEnd(12)}${'WIDGET'.padEnd(7)}${kb(b.widget.raw)}${kb(b.widget.br)}   (${b.widget.br} B brotli: the widget's wasm, glue, stylesheet)`);
}
const last = builds[builds.length - 1];
for (const b of builds.slice(0, -1)) {
  console.log(`\n${last.name} / ${b.name}: code ${(last.code.br / b.code.br).toFixed(2)}× brotli (${last.name} adds ${kb(last.code.br - b.code.br).trim()}); total ${(last.total.br / b.total.br).toFixed(2)}×`);
}
const budget = Number(process.env.BUDGET_KB ?? 110) * 1024;
const verdict = last.code.br <= budget ? 'within' : 'OVER';
console.log(`${last.name}: code ${last.code.br} B brotli, ${verdict} the ${budget / 1024} KiB budget (${((last.code.br / budget) * 100).toFixed(0)}%)`);
console.log(`${last.name}: widget code ${last.widget.br} B brotli, ${last.widget.br <= budget ? 'within' : 'OVER'} the ${budget / 1024} KiB budget (${((last.widget.br / budget) * 100).toFixed(0)}%)`);
