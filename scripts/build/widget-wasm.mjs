// The embedded widget's wasm and glue. The page's wasm (index.html, built by Trunk) has only
// the `page` feature; the widget's is the `stepwise-widget` binary with only the `widget`
// feature (Cargo.toml), so that neither buyer downloads the other's code. It is built here as
// Trunk builds the page's, with the same tools and options:
// - cargo: the same profile (`TRUNK_PROFILE`), offline as Trunk is (Trunk.toml), and the
//   environment Trunk was given (scripts/build.sh's std rebuild, when it ran Trunk);
// - wasm-bindgen: `--target=web --no-typescript`, as Trunk runs it;
// - wasm-opt (release only): the level and options of index.html's `data-wasm-opt` and
//   `data-wasm-opt-params`, read from there so the two wasms are optimised alike.
// Then it is shrunk as the page's is (./wasm.mjs) and written as `stepwise-widget-<hash>`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeShrunk } from './wasm.mjs';

export const WIDGET_BIN = 'stepwise-widget';

/** index.html's wasm-opt level and options for the page's wasm, as Trunk reads them. */
function wasmOptArgs(indexHtml) {
  const link = indexHtml.match(/<link\b[^>]*\bdata-trunk\b[^>]*\brel="rust"[^>]*>/)?.[0];
  if (!link) throw new Error('index.html: no Trunk rust link');
  const attr = (name) => link.match(new RegExp(`\\b${name}="([^"]*)"`))?.[1];
  const level = attr('data-wasm-opt');
  if (!level) throw new Error('index.html: the rust link has no data-wasm-opt');
  return [`-O${level}`, ...(attr('data-wasm-opt-params') ?? '').split(/\s+/).filter(Boolean)];
}

/** Builds the widget's wasm into `out`; returns the names `{ glue, wasm }`. */
export async function buildWidgetWasm(out) {
  const release = process.env.TRUNK_PROFILE === 'release';
  const run = (tool, args) => execFileSync(tool, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  run('cargo', ['build', '--target=wasm32-unknown-unknown', ...(release ? ['--release'] : []), '--offline',
    '--bin', WIDGET_BIN, '--no-default-features', '--features', 'widget']);
  const targetDir = JSON.parse(execFileSync('cargo', ['metadata', '--format-version=1', '--no-deps', '--offline'], { maxBuffer: 64 << 20 })).target_directory;
  const built = join(targetDir, 'wasm32-unknown-unknown', release ? 'release' : 'debug', `${WIDGET_BIN}.wasm`);
  const work = mkdtempSync(join(tmpdir(), 'stepwise-widget-'));
  try {
    run('wasm-bindgen', ['--target=web', '--no-typescript', `--out-dir=${work}`, `--out-name=${WIDGET_BIN}`, built]);
    const bound = join(work, `${WIDGET_BIN}_bg.wasm`);
    if (release) run('wasm-opt', [`--output=${bound}`, ...wasmOptArgs(readFileSync(process.env.TRUNK_HTML_FILE ?? 'index.html', 'utf8')), bound]);
    return await writeShrunk(out, WIDGET_BIN, readFileSync(bound), readFileSync(join(work, `${WIDGET_BIN}.js`), 'utf8'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
