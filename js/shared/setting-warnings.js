// The warning about a bad launcher setting: the runtime's (the loader only keeps the default).
import * as attributes from '../generated/attributes.js';
import { FALLBACKS, MAX_LABEL_LENGTH, POSITIONS } from './launcher-settings.js';

/** What each launcher setting may be. */
const VALID_SETTINGS = {
  [attributes.position]: POSITIONS.join(', '),
  [attributes.zIndex]: 'an integer such as 1000',
  [attributes.label]: `1 to ${MAX_LABEL_LENGTH} characters`,
  [attributes.accent]: 'a colour with 4.5:1 contrast to white (WCAG AA)',
};

/** The warning for the launcher setting `name`, given `value`. */
export function badSettingWarning(name, value) {
  return `data-${name}="${value}" is not valid; valid: ${VALID_SETTINGS[name]}. Using ${FALLBACKS[name] ?? 'the default'}.`;
}
