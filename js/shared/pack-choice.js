// Which pack of an index the widget shows, and which locale's pack file it reads first: the
// rules of stepwise_core::pack_index (PackIndex::pack, IndexedPack::negotiate), written once
// for the JS, which fetches that file ahead while the wasm downloads.
// tests/fixtures/shared-rules.json holds the cases that both are tested on.
//
// (JS lists an object's integer-like keys first, whatever their place: an index whose first
// pack has an id like `2024` is read in another order here than by the app. Pack ids are
// folder names; give them a letter.)
import { packFile } from '../generated/protocol.js';
import { negotiate } from './locale.js';

/** The pack `wanted` if the index has it, else its first; `null` for no index or no pack. */
export function choosePack(index, wanted) {
  const packs = index?.packs;
  if (!packs || typeof packs !== 'object') return null;
  return Object.hasOwn(packs, wanted) ? wanted : (Object.keys(packs)[0] ?? null);
}

/**
 * The file of `pack` in the index to read first for the buyer's `wanted` languages (best
 * first): `{ pack, locale, file }`, `file` a plain name in the index's folder; `null` for a pack
 * with no such file (nothing is then fetched).
 */
export function chooseFile(index, pack, wanted) {
  const entry = pack == null ? null : index.packs[pack];
  const locales = entry?.locales;
  if (!locales || typeof locales !== 'object') return null;
  const locale = negotiate(Object.keys(locales), wanted, entry.default);
  const file = Object.hasOwn(locales, locale) ? locales[locale]?.file : null;
  return typeof file === 'string' && new RegExp(packFile).test(file) ? { pack, locale, file } : null;
}
