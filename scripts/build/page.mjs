// The standalone page (index.html and the prerendered pages made from it):
// - the app's pack index preloaded (its binary copy; the app's fetch of the same URL takes the
//   preloaded answer);
// - the PWA shell `pwa.js` (registers sw.js), with its subresource integrity (a copy changed
//   in a cache or on the way is not run);
// - the wasm started after the page's first frame;
// - the boot script inlined at the top, then the prerendered pages (stepwise-prerender: the
//   app's components rendered natively) written from it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundle } from './bundle.mjs';
import { integrity, replaceOnce } from './page-file.mjs';

export async function preparePage({ out, packIndex, binaryIndex, cargo }) {
  const appsIndex = new URL(binaryIndex, new URL(packIndex, 'https://build/')).pathname.slice(1);
  replaceOnce(out, '</head>', `<link rel="preload" href="${appsIndex}" as="fetch" crossorigin></head>`, 'the end of <head>');

  const shell = await bundle('js/pwa/pwa.js');
  writeFileSync(join(out, 'pwa.js'), shell);
  replaceOnce(out, /<script ([^>]*)src="?pwa\.js"?([^>]*)><\/script>/, `<script $1src="pwa.js" integrity="${integrity(shell)}"$2></script>`, '<script src="pwa.js">');

  // Paint before the wasm: Trunk's loader starts the wasm as soon as the page is parsed, which
  // for a small prerendered page is before its first frame, so compiling and starting the app
  // would delay the paint. It waits for that frame first (not in a hidden tab, where no frame
  // comes). (Trunk 0.21 has no option for this; the one line is matched exactly once.)
  const start = 'const wasm = await init(';
  replaceOnce(out, start, "if (document.visibilityState !== 'hidden') await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok)));\n" + start, "Trunk's loader's start");

  const boot = await bundle('js/page/boot.js');
  replaceOnce(out, /<html[^>]*>/, (tag) => `${tag}<script>${boot}</script>`, '<html>');
  cargo(['run', '--quiet', '--release', '--features', 'ssr', '--bin', 'stepwise-prerender', '--', out], { stdio: ['ignore', 'inherit', 'inherit'] });
}
