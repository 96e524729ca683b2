// Reading a place from a hash (`#/zh-CN/invoice/2`) and naming the page the build prerendered
// for it: the rules of stepwise_core::route (Route::parse, Route::to_hash, landing_page,
// panel_fragment), written once for the JS. tests/fixtures/shared-rules.json holds the cases
// that both are tested on.
import * as panel from '../generated/panel.js';

/** The route's name for the refund checker (stepwise_core::route::CHECKER). */
const CHECKER = 'refund-checker';

/**
 * `%XX` decoded where it is valid, byte by byte, invalid UTF-8 replaced (as Rust's lossy
 * decoding). `decodeURIComponent` gives the same wherever it does not throw (on a `%` that
 * starts no escape, or bytes that are not UTF-8), and it is fast: a deep link is read before
 * the first paint.
 */
function percentDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    // Byte by byte: each piece is a `%XX` escape or one character (an astral one whole).
    const bytes = [];
    for (const [piece] of text.matchAll(/%[0-9a-fA-F]{2}|[^]/gu)) {
      if (piece.length === 3 && piece[0] === '%') bytes.push(parseInt(piece.slice(1), 16));
      else bytes.push(...new TextEncoder().encode(piece));
    }
    return new TextDecoder().decode(new Uint8Array(bytes));
  }
}

/**
 * Every byte of the UTF-8 but ASCII letters, digits and `-_.~` as `%XX`: `encodeURIComponent`,
 * which also keeps `!'()*`, and those five escaped.
 */
const percentEncode = (text) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

/**
 * The route in a hash: `{ locale, view }`, where `view` is `{ list: true }`,
 * `{ checker: true }` or `{ slug, step }` (1-based; 1 where the hash has none or a bad one).
 * `locale` is `null` where the hash names none.
 */
export function parseRoute(hash) {
  const path = hash.replace(/^#*/, '').replace(/^\/*/, '').split('?')[0];
  const [locale = null, slug, step] = path.split('/').filter(Boolean).map(percentDecode);
  if (slug === undefined) return { locale, view: { list: true } };
  if (slug === CHECKER) return { locale, view: { checker: true } };
  const n = /^\+?\d+$/.test(step ?? '') ? Number(step) : 0;
  return { locale, view: { slug, step: n >= 1 && Number.isSafeInteger(n) ? n : 1 } };
}

/** The hash for a route: `#/en/invoice/2`. */
export function routeHash({ locale, view }) {
  const at = `#/${percentEncode(locale ?? '')}`;
  if (view.list) return at;
  if (view.checker) return `${at}/${CHECKER}`;
  return `${at}/${percentEncode(view.slug)}/${view.step}`;
}

/** A plain file name: ASCII letters, digits, `-` and `_`, 1 to 80 of them (a pack's id is one). */
const plainName = (text) => /^[A-Za-z0-9_-]{1,80}$/.test(text ?? '');

/**
 * The build's prerendered page for `route` of `pack`, relative to the build's root, or `null`
 * where the build writes none (stepwise_core::route::landing_page).
 */
export function landingPage(pack, { locale, view }) {
  if (!plainName(locale) || !plainName(pack)) return null;
  let name = null;
  if (view.list) name = 'index';
  else if (view.checker) name = CHECKER;
  else if (plainName(view.slug) && view.slug !== 'index') name = view.step === 1 ? view.slug : `${view.slug}/${view.step}`;
  return name && `${panel.folder}/${pack}/${locale}/${name}.html`;
}

/** The build's prerendered widget panel of `pack` in `locale`, or `null` (stepwise_core::route::panel_fragment). */
export const panelFile = (pack, locale) => (plainName(pack) && plainName(locale) ? `${panel.folder}/${pack}/${locale}${panel.suffix}` : null);
