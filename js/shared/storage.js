// What the widget and the page keep in localStorage, per pack: the key format of
// stepwise_core::protocol::StorageKey, written once for the JS.
import * as storage from '../generated/storage.js';

/** The key of `what` (`storage.locale` or `storage.lastStep`) for the pack `pack`: `stepwise:<pack>:<what>`. */
export const storageKey = (pack, what) => `${storage.prefix}${pack}:${what}`;

/** The value kept under `storageKey(pack, what)`, or `null` (none, or storage disabled or full). */
export function loadStored(pack, what) {
  try {
    return localStorage.getItem(storageKey(pack, what));
  } catch {
    return null;
  }
}
