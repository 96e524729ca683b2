// The content, fetched while the wasm downloads: the pack index (a seller's, or the build's),
// its binary copy that the app reads, and the pack file the app will read first
// (stepwise_core::pack_index's choice, ../shared/pack-choice.js). The app takes each answer once (`take`, its
// `Prefetched`); what it asks for that is not here, or failed here, it fetches itself.
import { binaryIndex } from '../generated/protocol.js';
import * as attributes from '../generated/attributes.js';
import * as storage from '../generated/storage.js';
import { browserLanguages } from '../shared/locale.js';
import { choosePack, chooseFile } from '../shared/pack-choice.js';
import { packIndexUrl } from '../shared/index-url.js';
import { loadStored } from '../shared/storage.js';

/** Runs `f` in the task after this one, its result (or `null` where it throws: a page's replaced `fetch`, for one). */
export const inNextTask = (f) => new Promise((done) => setTimeout(() => {
  try {
    done(f());
  } catch {
    done(null);
  }
}));

/**
 * Starts fetching ahead for the widget whose script tag says `attrs` (loaded from `base`).
 * Returns `{ take(url) }`, which gives the answer fetched ahead for `url` once (a promise of a
 * `Response` or `null`).
 */
export function fetchContentAhead(attrs, base) {
  const answers = new Map();
  const get = (url) => fetch(url).then((r) => (r.ok ? r : Promise.reject(r.status)));
  let indexUrl = null;
  try {
    indexUrl = packIndexUrl(attrs, base);
  } catch { /* no index to fetch ahead: the app says why */ }
  // The downloads start in the task after this one: a click's prerendered list, shown in this
  // one, is laid out without waiting for their requests to be made.
  const planned = inNextTask(() => indexUrl && get(indexUrl).then(async (response) => {
    const binary = new URL(binaryIndex, indexUrl).href;
    answers.set(binary, get(binary).catch(() => null));
    const index = await response.json();
    const pack = choosePack(index, attrs[attributes.pack]);
    if (pack == null) return;
    // The buyer's languages as the app reads them for this pack (its WidgetHost::preferences).
    const wanted = [attrs[attributes.locale], loadStored(pack, storage.locale), ...browserLanguages()].filter(Boolean);
    const chosen = chooseFile(index, pack, wanted);
    if (!chosen) return;
    const file = new URL(chosen.file, indexUrl).href;
    answers.set(file, get(file).catch(() => null));
  }).catch(() => {}));
  const take = async (url) => {
    await planned;
    const answer = await answers.get(url);
    answers.delete(url);
    return answer || null;
  };
  return { take };
}
