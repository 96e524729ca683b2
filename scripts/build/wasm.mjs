// The wasm and its wasm-bindgen glue: the imports and exports between them renamed short
// (./wasm-names.mjs) and the glue minified (Trunk 0.21's minifier fails on it and ships it
// whole). The wasm's custom sections are stripped by wasm-opt itself (its --strip-* options,
// index.html). The glue is minified as the JS is (./bundle.mjs).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minifyScript } from './bundle.mjs';
import { contentHash, findFile, rewriteWithIntegrity } from './page-file.mjs';
import { shortenExports, shortenImports } from './wasm-names.mjs';

/** The wasm's and glue's bytes, shrunk: `{ wasm, glue }` (a Buffer and a string). */
export async function shrink(wasm, glue, name) {
  const imports = shortenImports(wasm, glue);
  const short = shortenExports(imports.wasm, imports.glue);
  return { wasm: short.wasm, glue: await minifyScript(short.glue, name, true) };
}

/**
 * Shrinks the page's wasm and glue in `out` (Trunk's, which index.html names with their
 * subresource integrities, made to match); returns their names `{ glue, wasm }`.
 */
export async function shrinkPageWasm(out) {
  const glueName = findFile(out, /^stepwise-[0-9a-f]+\.js$/, 'wasm-bindgen glue');
  const wasmName = findFile(out, /^stepwise-[0-9a-f]+_bg\.wasm$/, 'wasm');
  const wasm = readFileSync(join(out, wasmName));
  const glue = readFileSync(join(out, glueName));
  const short = await shrink(wasm, glue.toString('utf8'), glueName);
  rewriteWithIntegrity(out, wasmName, wasm, short.wasm);
  rewriteWithIntegrity(out, glueName, glue, short.glue);
  return { glue: glueName, wasm: wasmName };
}

/** Writes shrunk `wasm` and `glue` bytes into `out` as `<stem>-<hash>_bg.wasm` and `.js`; returns their names. */
export async function writeShrunk(out, stem, wasm, glue) {
  const short = await shrink(wasm, glue, stem);
  const name = `${stem}-${contentHash(Buffer.concat([short.wasm, Buffer.from(short.glue)]))}`;
  writeFileSync(join(out, `${name}_bg.wasm`), short.wasm);
  writeFileSync(join(out, `${name}.js`), short.glue);
  return { glue: `${name}.js`, wasm: `${name}_bg.wasm` };
}
