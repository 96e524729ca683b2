// The launcher's own `data-` settings (position, z-index, label, accent colour): read by the
// loader before any wasm, with their defaults (stepwise_core::embed::LAUNCHER_DEFAULTS). A bad
// value keeps the default; the app warns of it, with what is valid, when it mounts.
import { launcherDefaults } from '../generated/protocol.js';
import * as attributes from '../generated/attributes.js';

export const POSITIONS = launcherDefaults.positions;
/** What a setting without a valid value is (no label or accent: the widget's own). */
const FALLBACKS = { [attributes.position]: POSITIONS[0], [attributes.zIndex]: launcherDefaults.zIndex };

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
    label: read(attributes.label, (v) => (v.length > 0 && v.length <= launcherDefaults.maxLabelLength ? v : null)),
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
function readableAccent(value) {
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
