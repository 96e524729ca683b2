// The widget's stylesheet: the page's, made to live inside a seller's page.
// - without the rules only the page can use: those whose every selector names the page's
//   document (`:root`, `html`, `body`) or its element (`[data-stepwise-page]`);
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
  const css = withoutPageRules(pageCss)
    .replace(/(\d*\.?\d+)rem\b/g, (_, n) => `${+(Number(n) * 16).toFixed(3)}px`)
    .replaceAll('--sw-', `--sw-${tag}-`);
  if (/\drem\b/.test(css)) throw new Error('the widget stylesheet still has rem units');
  const accentProperty = `--sw-${tag}-accent`;
  if (!css.includes(accentProperty + ':')) throw new Error(`the widget stylesheet has no ${accentProperty}`);
  return { css, accentProperty };
}

/** `css` (minified: rules one after another, no comments) without its top-level rules whose
 * every selector starts with one of the page's own: `:root`, `html`, `body`, `[data-stepwise-page]`.
 * At-rules (`@media`, `@supports`, …) are kept whole. */
export function withoutPageRules(css) {
  const pageOnly = (selectors) => selectors.split(',').every((s) => /^(:root|html|body|\[data-stepwise-page\])(?![\w-])/.test(s.trim()));
  // The index just past the block that opens at `open`, nested blocks included.
  const blockEnd = (open) => {
    let depth = 0;
    for (let i = open; i < css.length; i++) {
      if (css[i] === '{') depth++;
      else if (css[i] === '}' && --depth === 0) return i + 1;
    }
    throw new Error('the stylesheet ends inside a block');
  };
  let out = '';
  for (let at = 0; at < css.length;) {
    const open = css.indexOf('{', at);
    if (open < 0) return out + css.slice(at);
    const end = blockEnd(open);
    const prelude = css.slice(at, open);
    if (prelude.trimStart().startsWith('@') || !pageOnly(prelude)) out += css.slice(at, end);
    at = end;
  }
  return out;
}
