// Trunk's post_build hook: what the build adds to Trunk's output, one step a module under
// scripts/build/, in this order:
// 1. js/generated/, the names the JS shares with the app (bundle.mjs);
// 2. the content: pack files and their index (content.mjs);
// 3. the wasms and their glue, shrunk and minified: the page's, Trunk's (wasm.mjs), and the
//    widget's, built here (widget-wasm.mjs);
// 4. the embed: loader, runtime and the widget's stylesheet (widget-css.mjs, embed.mjs);
// 5. the standalone page: preload, PWA shell, boot script, prerendered pages (page.mjs);
// 6. the service worker, over every file before it (pwa.mjs).
// The demo pages are not part of the build: scripts/serve.mjs serves them from demo/.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { nativeCargo, PROTOCOL_MODULE, writeProtocolModules } from './build/bundle.mjs';
import { buildContent } from './build/content.mjs';
import { shrinkPageWasm } from './build/wasm.mjs';
import { buildWidgetWasm } from './build/widget-wasm.mjs';
import { widgetStylesheet } from './build/widget-css.mjs';
import { writeEmbed } from './build/embed.mjs';
import { preparePage } from './build/page.mjs';
import { writeServiceWorker } from './build/pwa.mjs';

const out = process.env.TRUNK_STAGING_DIR;
if (!out) throw new Error('run by trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
// The native tools this hook runs (the CLI, the prerenderer) build as the native tests do.
const cargo = nativeCargo();

writeProtocolModules(cargo);
const { packIndex, binaryIndex } = await import(pathToFileURL(PROTOCOL_MODULE).href);
const { firstPack, defaultLocale } = buildContent({ out, content: process.env.STEPWISE_CONTENT_DIR ?? 'content', packIndex, cargo });
await shrinkPageWasm(out);
const widgetWasm = await buildWidgetWasm(out);
const embed = await writeEmbed({ out, wasm: widgetWasm, widgetCss: widgetStylesheet(out), firstPack, defaultLocale });
await preparePage({ out, packIndex, binaryIndex, cargo });
const precached = await writeServiceWorker(out);

if (existsSync(join(out, 'demo'))) throw new Error('the build must not carry the demo (scripts/serve.mjs serves it)');
console.log(`sw.js: ${precached} files precached`);
console.log(`embed: ${embed}`);
