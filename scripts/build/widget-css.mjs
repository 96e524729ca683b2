// The widget's stylesheet: the page's, made to live inside a seller's page.
// - 1rem is 16px whatever the host page's root font size (inside a seller's page `rem` would
//   follow *their* <html>);
// - its custom properties get a per-build name, which no page's @property registers by chance
//   (a page's @property could retype `--sw-accent`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentHash, findFile } from './page-file.mjs';

/** The widget's stylesheet made from the page's in `out`: `{ css, accentProperty }`. */
export function widgetStylesheet(out) {
  const pageCss = readFileSync(join(out, findFile(out, /^stepwise-[0-9a-f]+\.css$/, 'stylesheet')), 'utf8');
  const tag = contentHash(pageCss).slice(0, 6);
  const css = pageCss
    .replace(/(\d*\.?\d+)rem\b/g, (_, n) => `${+(Number(n) * 16).toFixed(3)}px`)
    .replaceAll('--sw-', `--sw-${tag}-`);
  if (/\drem\b/.test(css)) throw new Error('the widget stylesheet still has rem units');
  const accentProperty = `--sw-${tag}-accent`;
  if (!css.includes(accentProperty + ':')) throw new Error(`the widget stylesheet has no ${accentProperty}`);
  return { css, accentProperty };
}
