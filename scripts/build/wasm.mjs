// The wasm and its wasm-bindgen glue: the imports and exports between them renamed short
// (./wasm-names.mjs), the glue minified (Trunk 0.21's minifier fails on it and ships it whole),
// and both subresource integrities in index.html made to match. The wasm's custom sections
// are stripped by wasm-opt itself (its --strip-* options, index.html). The glue is minified as the JS is (./bundle.mjs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { minifyScript } from './bundle.mjs';
import { findFile, rewriteWithIntegrity } from './page-file.mjs';
import { shortenExports, shortenImports } from './wasm-names.mjs';

/** Shrinks the wasm and glue in `out`; returns their names `{ glue, wasm }`. */
export async function shrinkWasm(out) {
  const glueName = findFile(out, /^stepwise-[0-9a-f]+\.js$/, 'wasm-bindgen glue');
  const wasmName = findFile(out, /^stepwise-[0-9a-f]+_bg\.wasm$/, 'wasm');
  const wasm = readFileSync(join(out, wasmName));
  const glue = readFileSync(join(out, glueName));
  const imports = shortenImports(wasm, glue.toString('utf8'));
  const short = shortenExports(imports.wasm, imports.glue);
  rewriteWithIntegrity(out, wasmName, wasm, short.wasm);
  const minified = await minifyScript(short.glue, glueName, true);
  rewriteWithIntegrity(out, glueName, glue, minified);
  return { glue: glueName, wasm: wasmName };
}
