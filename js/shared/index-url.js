// The pack index the widget reads: the seller's (`data-pack-url`) or the build's. The app
// applies the same rule (stepwise_core::embed::read, with stepwise_core::text::http_url);
// tests/fixtures/shared-rules.json holds the cases that both are tested on.
import { packIndex } from '../generated/protocol.js';
import * as attributes from '../generated/attributes.js';

/**
 * The pack index the widget reads: the seller's (`data-pack-url`) when it is an absolute
 * http(s) URL with a host and no credentials, else the build's, beside the loader (`base`).
 */
export function packIndexUrl(attrs, base) {
  return sellersUrl(attrs[attributes.packUrl]) ?? new URL(packIndex, base).href;
}

/** `value` if it is an absolute http(s) URL with a host and no user or password, else `null`. */
export function sellersUrl(value) {
  if (!value || !/^https?:\/\/[^/?#]/i.test(value) || /[\s<>"`\\^{|}]/.test(value)) return null;
  try {
    const url = new URL(value);
    return url.username || url.password || !url.hostname ? null : value;
  } catch {
    return null;
  }
}
