// Bundling and minifying the JS (js/): esbuild resolves each entry's imports (the shared rules
// in js/shared/, the names in js/generated/) and replaces the build's constants
// (`STEPWISE_BUILD.<name>`, given as `defines`) and simplifies its syntax; terser minifies the
// bundle (smaller than esbuild's own minifier: bench/js-minifiers.mjs compares them). The
// sources are written for readers; the bytes are the tools'.
import { buildSync } from 'esbuild';
import { minify } from 'terser';
import { execFileSync } from 'node:child_process';

/** The generated modules' folder, and the module of the protocol's single values. */
export const GENERATED = 'js/generated';
export const PROTOCOL_MODULE = `${GENERATED}/protocol.js`;

/**
 * Writes js/generated/ from stepwise_core::protocol::Protocol (`stepwise-cli protocol --js`),
 * with `cargo` (nativeCargo's).
 */
export function writeProtocolModules(cargo) {
  cargo(['run', '--quiet', '-p', 'stepwise-cli', '--', 'protocol', '--js', GENERATED], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * The minified bundle of `entry`: `format` is `iife` (a classic script: the loader, the boot
 * script, the PWA shell, the service worker) or `esm` (a module: the embed runtime); `defines`
 * gives each `STEPWISE_BUILD.<name>` its value (JSON-encoded here). A constant the code reads
 * that `defines` lacks fails the build.
 */
export async function bundle(entry, { format = 'iife', defines = {} } = {}) {
  const define = Object.fromEntries(Object.entries(defines).map(([name, value]) => [`STEPWISE_BUILD.${name}`, JSON.stringify(value)]));
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format,
    target: 'es2022',
    charset: 'utf8',
    legalComments: 'none',
    // esbuild's syntax pass first (it folds what its bundling leaves, such as the generated
    // modules' namespaces), then terser's.
    minifySyntax: true,
    define,
    logLevel: 'silent',
  });
  const left = result.outputFiles[0].text.match(/(?<!<define:)STEPWISE_BUILD\.\w+/);
  if (left) throw new Error(`${entry}: no value for the build constant ${left[0]}`);
  return minifyScript(result.outputFiles[0].text, entry, format === 'esm');
}

/** `code` minified (a module if `module`); `name` names it in an error. */
export async function minifyScript(code, name, module = false) {
  const result = await minify(code, { ecma: 2020, module, compress: { passes: 3 }, mangle: true, format: { comments: false } });
  if (!result.code) throw new Error(`${name}: the minifier produced nothing`);
  return result.code;
}

/** `cargo` without the wasm build's settings (scripts/build.sh), for the native tools the build runs. */
export function nativeCargo() {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) =>
    !['RUSTC_BOOTSTRAP', 'CARGO_UNSTABLE_BUILD_STD', 'CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS', 'CARGO_TARGET_DIR'].includes(k)));
  return (args, options) => execFileSync('cargo', args, { ...options, env });
}
