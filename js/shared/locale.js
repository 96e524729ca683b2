// Which locale a buyer gets: the rule of stepwise_core::model::negotiate, written once for the
// JS. tests/fixtures/shared-rules.json holds the cases that both are tested on.

/** ASCII lower case, as Rust's `to_ascii_lowercase` (a tag is ASCII; anything else stays). */
const asciiLower = (text) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** A tag's primary language, in lower case: `zh` of `zh-CN` (or `zh_CN`). */
export const primaryLanguage = (tag) => asciiLower(tag.split(/[-_]/)[0]);

/**
 * The locale to show among `available` for the buyer's `wanted` languages, best first: for
 * each wanted one, the same tag (in any case), then one of the same primary language; else
 * `fallback`.
 */
export function negotiate(available, wanted, fallback) {
  for (const want of wanted) {
    const same = available.find((l) => asciiLower(l) === asciiLower(want));
    const related = available.find((l) => primaryLanguage(l) === primaryLanguage(want));
    if (same ?? related) return same ?? related;
  }
  return fallback;
}

/** The browser's languages, best first. */
export const browserLanguages = () => (navigator.languages?.length ? [...navigator.languages] : [navigator.language || '']);
