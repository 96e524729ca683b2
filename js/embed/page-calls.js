// The page's calls (`Stepwise.open(…)` and the rest), checked before they reach the app: a bad
// one is warned of once (with what is valid) and ignored, never thrown into the page.
import * as commands from '../generated/commands.js';
import * as events from '../generated/events.js';

const EVENT_NAMES = events.ALL;

/**
 * The calls by name, for a widget that runs `command(name, text, number)` and tells
 * `listeners` (a Map of event name to callbacks). The app checks a locale against its pack.
 */
export function pageCalls({ command, listeners, warn, asText }) {
  const eventName = (what, event, callback) => {
    const name = asText(event);
    if (!EVENT_NAMES.includes(name)) warn(`${what}(event, callback): unknown event; valid: ${EVENT_NAMES.join(', ')}.`);
    else if (typeof callback !== 'function') warn(`${what}(event, callback): callback must be a function.`);
    else return name;
    return null;
  };
  return {
    [commands.open]: (procedure, step) => {
      if (procedure != null && typeof procedure !== 'string') return warn('open(procedure, step): procedure must be a string such as "invoice".');
      const number = typeof step === 'number' || typeof step === 'string' ? Number(step) : undefined;
      command(commands.open, procedure, number);
    },
    [commands.close]: () => command(commands.close),
    [commands.setLocale]: (locale) => {
      const tag = asText(locale);
      if (typeof tag === 'string') command(commands.setLocale, tag);
      else warn('setLocale(locale): locale must be a string such as "en".');
    },
    on: (event, callback) => {
      const name = eventName('on', event, callback);
      if (name) listeners.set(name, (listeners.get(name) ?? []).concat(callback));
    },
    off: (event, callback) => {
      const name = eventName('off', event, callback);
      if (name) listeners.set(name, (listeners.get(name) ?? []).filter((f) => f !== callback));
    },
  };
}
