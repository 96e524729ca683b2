// The launcher: a button in a shadow root of its own, hung from <html>, that opens the widget
// (the runtime adds the element the panel goes in beside it). Nothing of the host page reaches it:
// - the host element hangs from <html> (outside <body>, so the body's zoom, transform or filter
//   cannot reach it) and resets everything the page could pass down (`all: initial`, plus
//   `direction` and `unicode-bidi`, which `all` leaves alone);
// - a CSS `zoom` on <html> (which multiplies down to every descendant) is undone;
// - the launcher carries its own `lang` and `dir`;
// - no custom property carries a colour (a page's @property could retype any name), except the
//   panel's accent, whose name the build makes its own (`STEPWISE_BUILD.accentProperty`).
import { launcher as launcherWords } from '../generated/protocol.js';
import { primaryLanguage } from '../shared/locale.js';
import { POSITIONS } from '../shared/launcher-settings.js';

const DEFAULT_ACCENT = '#0b57d0';
/**
 * The widget's own words (`{ locale, label, dir }`) for the first of the buyer's `wanted`
 * languages it speaks, by primary language, as the app picks its words for a language
 * (stepwise_core::i18n::messages; tests/fixtures/shared-rules.json), skipping empty ones; else
 * the fallback (the last).
 */
export function wordsFor(wanted) {
  for (const tag of wanted) {
    const own = tag && launcherWords.find((w) => primaryLanguage(w.locale) === primaryLanguage(tag));
    if (own) return own;
  }
  return launcherWords[launcherWords.length - 1];
}

/** A new element `tag` with `properties`. */
const element = (tag, properties) => Object.assign(document.createElement(tag), properties);

/** The launcher's stylesheet for `settings` and the page's zoom now. */
function launcherCss({ position, zIndex, accent }) {
  const zoom = parseFloat(getComputedStyle(document.documentElement).zoom) || 1;
  const side = position === POSITIONS[1] ? 'left' : 'right';
  const colour = accent ?? DEFAULT_ACCENT;
  const host = `all:initial!important;direction:ltr!important;unicode-bidi:isolate!important;zoom:${1 / zoom}!important;`
    + `display:block!important;position:fixed!important;bottom:16px!important;${side}:16px!important;z-index:${zIndex}!important`;
  return `:host{${host}}
.launcher{all:initial;display:flex;align-items:center;gap:8px;min-height:48px;padding:0 20px 0 14px;border-radius:24px;background:${colour};color:#fff;font:600 16px/1 system-ui,sans-serif;box-shadow:0 4px 16px #0004;cursor:pointer}
.launcher:focus-visible{outline:3px solid ${colour};outline-offset:3px}
.launcher:hover{background:color-mix(in srgb,${colour} 82%,#000)}
b{display:grid;place-items:center;width:26px;height:26px;border-radius:50%;background:#fff;color:${colour};font-weight:700}
${accent ? `.stepwise.stepwise{${STEPWISE_BUILD.accentProperty}:${accent}}` : ''}`;
}

/**
 * Draws the launcher for `settings` (`readLauncherSettings`), speaking `locale`. Returns its
 * parts: `host` (on the page), `root` (its shadow root, where the runtime puts the panel),
 * `button`, `speak(locale, dir)` (its words and direction follow the panel's language) and
 * `restyle()` (the page's zoom read again).
 */
export function drawLauncher(settings, locale) {
  const host = element('div');
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  const restyle = () => sheet.replaceSync(launcherCss(settings));
  restyle();
  root.adoptedStyleSheets = [sheet];

  const button = element('button', { className: 'launcher', ariaHasPopup: 'dialog', ariaExpanded: 'false' });
  const words = element('span');
  button.append(element('b', { textContent: '?', ariaHidden: 'true' }), words);

  // The panel's language `tag`, written `dir` (the widget's own languages know theirs).
  const speak = (tag, dir) => {
    const own = wordsFor([tag]);
    button.lang = tag;
    button.dir = dir ?? own.dir;
    words.textContent = settings.label ?? own.label;
  };
  speak(locale);

  root.append(button);
  document.documentElement.append(host);
  return { host, root, button, speak, restyle };
}


/** Whether `tag` is one of the widget's own languages (the launcher may switch to it before any wasm). */
export const isLauncherLocale = (tag) => launcherWords.some((w) => w.locale === tag);
