// The embed: the runtime (js/embed/runtime.js, loaded on first use) and the widget's
// stylesheet under one hashed name, `stepwise-embed-<hash>.js` and `.css` (so that the loader
// names them once), then the loader, `stepwise.js`, that names them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundle } from './bundle.mjs';
import { contentHash } from './page-file.mjs';

/** Writes the embed's files into `out`; returns their names and sizes for the build's log. */
export async function writeEmbed({ out, wasm, widgetCss, firstPack, defaultLocale }) {
  const runtime = await bundle('js/embed/runtime.js', { format: 'esm', defines: { glue: wasm.glue, wasm: wasm.wasm, firstPack } });
  const embed = `stepwise-embed-${contentHash(runtime + widgetCss.css, 10)}`;
  writeFileSync(join(out, `${embed}.js`), runtime);
  writeFileSync(join(out, `${embed}.css`), widgetCss.css);
  const loader = await bundle('js/embed/loader.js', { defines: { embed, firstPack, defaultLocale, accentProperty: widgetCss.accentProperty } });
  writeFileSync(join(out, 'stepwise.js'), loader);
  return `stepwise.js (${loader.length} B) → ${embed}.js (${runtime.length} B) and .css → ${wasm.glue}, ${wasm.wasm}`;
}
