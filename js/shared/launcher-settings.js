// The launcher's own `data-` settings (position, z-index, label, accent colour): read by the
// loader before any wasm, with their defaults. A bad value keeps the default, and the runtime
// warns of it (./setting-warnings.js). The app reads the other settings (stepwise_core::embed).
import * as attributes from '../generated/attributes.js';

export const POSITIONS = ['bottom-right', 'bottom-left'];
/** Above almost any page's own layers, below the browser's top layer. */
export const DEFAULT_Z_INDEX = '2147483000';
export const MAX_LABEL_LENGTH = 40;
/** What a setting without a valid value is (no label or accent: the widget's own). */
export const FALLBACKS = { [attributes.position]: POSITIONS[0], [attributes.zIndex]: DEFAULT_Z_INDEX };

/** Every `data-` attribute of `script`, trimmed, in an object with no prototype. */
export function dataAttributes(script) {
  const attrs = Object.create(null);
  for (const a of script?.attributes ?? []) if (a.name.startsWith('data-')) attrs[a.name.slice(5)] = a.value.trim();
  return attrs;
}

/**
 * The launcher's settings from `attrs`: `{ position, zIndex, label, accent }`, each the value
 * given when it is valid, else its fallback, and `bad`, the attributes given whose value is
 * not used (the runtime warns of each).
 */
export function readLauncherSettings(attrs) {
  const bad = [];
  // `rule` gives the value to use for a given one, or null for a bad one.
  const read = (name, rule) => {
    const given = attrs[name];
    const value = given == null ? null : rule(given);
    if (given != null && value == null) bad.push(name);
    return value ?? FALLBACKS[name] ?? null;
  };
  return {
    position: read(attributes.position, (v) => (POSITIONS.includes(v) ? v : null)),
    zIndex: read(attributes.zIndex, (v) => (/^-?\d{1,10}$/.test(v) ? v : null)),
    label: read(attributes.label, (v) => (v.length > 0 && v.length <= MAX_LABEL_LENGTH ? v : null)),
    accent: read(attributes.accent, readableAccent),
    bad,
  };
}

/**
 * The lightest a seller's accent may be (its relative luminance, WCAG): white text must read on
 * it, and it must read as text on the panel's light grey (#f5f6f8, luminance 0.921), each with
 * a contrast of at least 4.5:1 (WCAG AA). The grey is the lighter of the two, so the grey's
 * contrast decides: (0.921 + 0.05) / (L + 0.05) >= 4.5.
 */
const MAX_ACCENT_LUMINANCE = (0.921 + 0.05) / 4.5 - 0.05;

/**
 * `value` as `rgb(r,g,b)` if it is an opaque colour lit at most MAX_ACCENT_LUMINANCE, else
 * `null`. The canvas reads every CSS colour syntax the browser knows.
 */
export function readableAccent(value) {
  const canvas = document.createElement('canvas').getContext('2d');
  const unset = '#010203';
  canvas.fillStyle = unset;
  canvas.fillStyle = value;
  if (canvas.fillStyle === unset) return null;
  canvas.fillRect(0, 0, 1, 1);
  const [r, g, b, alpha] = canvas.getImageData(0, 0, 1, 1).data;
  const linear = (c) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  return alpha === 255 && luminance <= MAX_ACCENT_LUMINANCE ? `rgb(${r},${g},${b})` : null;
}
