// Sizes of the per-format wasm builds (bench/formats.sh) next to the baseline, and the median
// time each takes to decode the encoded files of bench/out/formats at each scale.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const dir = process.argv[2];
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const base = readFileSync(join(dir, 'none.wasm'));
console.log(`${'wasm'.padEnd(10)}${'raw'.padStart(10)}${'brotli'.padStart(10)}${'added (br)'.padStart(12)}`);
console.log(`${'none'.padEnd(10)}${String(base.length).padStart(10)}${String(br(base)).padStart(10)}${'0'.padStart(12)}`);
const results = [];
for (const f of ['json', 'postcard', 'bincode']) {
  const wasm = readFileSync(join(dir, `${f}.wasm`));
  console.log(`${f.padEnd(10)}${String(wasm.length).padStart(10)}${String(br(wasm)).padStart(10)}${String(br(wasm) - br(base)).padStart(12)}`);
  const { instance } = await WebAssembly.instantiate(wasm, {});
  const { alloc, decode, memory } = instance.exports;
  for (const scale of [1, 10, 50]) {
    const bytes = readFileSync(join(dir, `${f}-${scale}.bin`));
    const times = [];
    let steps = 0;
    for (let i = 0; i < 31; i++) {
      const t = performance.now();
      const p = alloc(bytes.length);
      new Uint8Array(memory.buffer, p, bytes.length).set(bytes);
      steps = decode(p, bytes.length);
      times.push(performance.now() - t);
    }
    if (steps !== 27 * scale) throw new Error(`${f} ${scale}×: decoded ${steps} steps`);
    times.sort((a, b) => a - b);
    results.push(`${f.padEnd(10)}${(scale + '×').padStart(5)}${times[15].toFixed(2).padStart(10)} ms (median of 31, steps ${steps})`);
  }
}
console.log('\ndecode in wasm (V8)');
for (const r of results) console.log(r);
