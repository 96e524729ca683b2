/* Stepwise's service worker. Build constants (scripts/build/pwa.mjs): STEPWISE_BUILD.version (a
 * hash of every file of the build) and STEPWISE_BUILD.shell (the build's files, each with a
 * hash of its bytes): each release is a new worker with a cache of its own, and an update never
 * mixes versions; STEPWISE_BUILD.shotsLimit and STEPWISE_BUILD.quotaCap (the tests build a copy
 * with lower ones). The cache names and the page's messages come from stepwise_core::protocol.
 * - Caches are named by the worker's scope: two builds on one origin (`/a/`, `/b/`) keep their
 *   own and delete only their own old versions.
 * - The app shell (the build's files) is cached at install: each file the version in use has
 *   with the same bytes is copied from it, the others downloaded; screenshots are dropped when
 *   they leave it no room (the shell comes first). A shell file is served from the cache only
 *   while its bytes match the hash the build wrote here; otherwise it is dropped and fetched.
 * - Navigations to the app (the scope's page and the prerendered landing pages, any query) go
 *   to the network first, with the cached page as the fallback offline; other pages are not
 *   the worker's business.
 * - Screenshots: network first (with CORS where the host allows it, else opaque, as an <img>
 *   gets them), the cached copy when the network fails or is slow; an answer that cannot be
 *   shown (an error status) is never kept. At most SHOTS_LIMIT are kept, and at most
 *   SHOTS_SHARE of the origin's quota as the browser counts it, the oldest dropped first.
 *   "Save all" (a message from pwa.js) keeps them by the same rules and reports what it could
 *   not keep, and why.
 * - A new version waits until the page says so ('skip-waiting'); activating deletes this
 *   scope's old versions. */
import { saveScreenshots, skipWaiting } from '../generated/protocol.js';
import * as cacheNames from '../generated/caches.js';

const VERSION = STEPWISE_BUILD.version;
const SHELL = STEPWISE_BUILD.shell;
const SCOPE = self.registration.scope;
const SCOPE_PATH = new URL(SCOPE).pathname;
const SHELL_PREFIX = cacheNames.shellPrefix + SCOPE_PATH + '-';
const SHELL_CACHE = SHELL_PREFIX + VERSION;
const SHOTS_CACHE = cacheNames.shots + '-' + SCOPE_PATH;
const SHOTS_LIMIT = STEPWISE_BUILD.shotsLimit;
const SHOTS_SHARE = 0.5;
// The quota counted with, at most: the browser's (a test lowers it in a copy it builds: Chromium
// gives 10 GiB there and ignores DevTools' quota override).
const QUOTA_CAP = STEPWISE_BUILD.quotaCap;
const SHOT_TIMEOUT_MS = 4000;
const PAGE = new URL('index.html', SCOPE).href;
const REVISION = new Map(SHELL.map(([path, revision]) => [new URL(path, SCOPE).href, revision]));

/** The first 16 hex digits of the SHA-256 of a response's bytes (as post-build writes them). */
async function revisionOf(response) {
  const digest = await crypto.subtle.digest('SHA-256', await response.arrayBuffer());
  return [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const isQuota = (e) => e && (e.name === 'QuotaExceededError' || e.code === 22);

// Each shell cache keeps the hash of every file it holds (under REVISIONS, a URL no file has).
// An update copies each file whose hash is unchanged from the version in use instead of
// downloading it again: a content-only release downloads the changed pack file and the index
// that names it, nothing else.
const REVISIONS = new URL('.stepwise-revisions', SCOPE).href;
async function install() {
  const cache = await caches.open(SHELL_CACHE);
  const older = [];
  for (const key of await caches.keys()) {
    if (!key.startsWith(SHELL_PREFIX) || key === SHELL_CACHE) continue;
    const old = await caches.open(key);
    const revisions = await (await old.match(REVISIONS))?.json().catch(() => null);
    if (revisions) older.push([old, revisions]);
  }
  await Promise.all(SHELL.map(async ([path, revision]) => {
    const url = new URL(path, SCOPE).href;
    for (const [old, revisions] of older) {
      const kept = revisions[path] === revision && (await old.match(url));
      if (kept) return cache.put(url, kept);
    }
    // Fails the install on an error answer, as addAll does: a version is whole or not at all.
    return cache.add(url);
  }));
  // Last: a cache without its revisions is not whole, and no later version copies from it.
  await cache.put(REVISIONS, new Response(JSON.stringify(Object.fromEntries(SHELL))));
}
self.addEventListener('install', (event) => {
  event.waitUntil(install().catch(async (e) => {
    if (!isQuota(e)) throw e;
    // The shell comes first: screenshots give way to it, and the install runs again.
    await caches.delete(SHOTS_CACHE);
    await caches.delete(ORDER_CACHE);
    await caches.delete(SHELL_CACHE);
    return install();
  }));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(SHELL_PREFIX) && key !== SHELL_CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

// The order screenshots were kept in, oldest first, in a cache of its own (only this worker
// reads it): the Cache API does not promise that keys() lists entries in the order they were
// put. Changes are chained, so two screenshots arriving at once cannot lose each other's place.
const ORDER_CACHE = SHOTS_CACHE + '-order';
const ORDER = new URL('.stepwise-shots-order', SCOPE).href;
let keeping = Promise.resolve();

/** Whether the screenshots, with `more` bytes to come, stay within their share of the quota. */
async function within(more) {
  try {
    const { usage, quota } = await navigator.storage.estimate();
    return usage + more <= Math.min(quota, QUOTA_CAP) * SHOTS_SHARE;
  } catch {
    return true; // no estimate: the put itself tells when storage is full
  }
}

/** Keeps `response` for `url`, the oldest dropped to make room (never one in `batch`, those
 * "save all" kept in this run); resolves to 'kept', or 'full' when there is no room even with
 * every other screenshot it may drop gone. */
function keep(url, response, batch = new Set()) {
  const done = keeping.then(async () => {
    const cache = await caches.open(SHOTS_CACHE);
    const index = await caches.open(ORDER_CACHE);
    const order = ((await (await index.match(ORDER))?.json().catch(() => null)) || []).filter((u) => u !== url);
    const size = Number(response.headers.get('content-length')) || 0;
    const dropOldest = async () => {
      const i = order.findIndex((u) => !batch.has(u));
      if (i < 0) return false;
      await cache.delete(order.splice(i, 1)[0]);
      return true;
    };
    const put = async () => {
      for (;;) {
        try {
          await cache.put(url, response.clone());
          order.push(url);
          return true;
        } catch (e) {
          if (!isQuota(e) || !(await dropOldest())) return false;
        }
      }
    };
    while (order.length >= SHOTS_LIMIT && (await dropOldest()));
    while (!(await within(size)) && (await dropOldest()));
    let kept = order.length < SHOTS_LIMIT && (await within(size)) && (await put());
    // Over the share after the put (an opaque answer counts for more than its bytes): older
    // ones go, never this one (it is last).
    while (kept && order.length > 1 && !(await within(0)) && (await dropOldest()));
    if (kept && batch.size > 1 && !(await within(0))) {
      // "Save all" went past the share with this one: it goes again, and is not counted kept.
      await cache.delete(url);
      order.pop();
      kept = false;
    }
    await index.put(ORDER, new Response(JSON.stringify(order))).catch(() => {});
    return kept ? 'kept' : 'full';
  });
  keeping = done.catch(() => {});
  return done.catch(() => 'full');
}

// Hosts that answer screenshots with CORS (a real status and size) or not (opaque), as learnt.
const cors = new Map();
/** A screenshot from the network: with CORS where its host allows it, else as an <img> gets it. */
async function fetchShot(url) {
  const origin = new URL(url).origin;
  if (cors.get(origin) !== false) {
    try {
      const r = await fetch(url, { mode: 'cors', credentials: 'omit' });
      cors.set(origin, true);
      return r;
    } catch { /* no CORS, or no network: the plain request tells which */ }
  }
  const r = await fetch(url, { mode: 'no-cors', credentials: 'omit' });
  cors.set(origin, false);
  return r;
}

/** Whether an answer can be shown, as far as can be told (an opaque one cannot be read). */
const showable = (r) => r.type === 'opaque' || (r.ok && /^image\//.test(r.headers.get('content-type') || ''));

/** A screenshot: the network first, the cached copy when it fails or takes too long. */
async function screenshot(event, url) {
  const cache = await caches.open(SHOTS_CACHE);
  const cached = () => cache.match(url, { ignoreVary: true });
  const network = fetchShot(url).then((r) => {
    if (showable(r)) event.waitUntil(keep(url, r.clone()));
    return r;
  });
  event.waitUntil(network.catch(() => {}));
  const slow = new Promise((ok) => setTimeout(ok, SHOT_TIMEOUT_MS)).then(async () => (await cached()) || network);
  try {
    return await Promise.race([network, slow]);
  } catch {
    return (await cached()) || unreachable();
  }
}

/** The answer for a screenshot neither the network nor the cache has: an HTTP error, which the
 * page's image takes as a failed load (it shows its fallback) with no console noise; a network
 * error (`Response.error()`) made Firefox log a service worker error for every such image. */
const unreachable = () => new Response(null, { status: 504, statusText: 'Gateway Timeout', headers: { 'cache-control': 'no-store' } });

/** A shell file from the cache, if its bytes are the build's; a changed one is dropped. */
async function shellFile(request) {
  const url = request.url.split('#')[0];
  const cache = await caches.open(SHELL_CACHE);
  const hit = await cache.match(url);
  if (hit && (await revisionOf(hit.clone())) === REVISION.get(url)) return hit;
  if (hit) await cache.delete(url);
  return null;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (request.mode === 'navigate') {
    // Only the app's own pages (`/a/`, `/a/index.html`, the prerendered landing pages, any
    // query): other pages on the origin are not this worker's to answer, online or off.
    const page = url.pathname === SCOPE_PATH ? PAGE : url.href.split(/[?#]/)[0];
    if (url.origin !== location.origin || !(page.endsWith('.html') && REVISION.has(page))) return;
    event.respondWith(fetch(request).catch(async () => (await shellFile(new Request(page))) || Response.error()));
    return;
  }
  if (url.origin === location.origin) {
    if (!REVISION.has(url.href.split('#')[0])) return;
    event.respondWith(shellFile(request).then((hit) => hit || fetch(request).then(async (r) => {
      // Fetched again (not cached yet, or dropped as changed): kept when it is the build's.
      if (r.ok && (await revisionOf(r.clone())) === REVISION.get(url.href.split('#')[0])) {
        await (await caches.open(SHELL_CACHE)).put(url.href.split('#')[0], r.clone()).catch(() => {});
      }
      return r;
    })));
    return;
  }
  if (request.destination === 'image') event.respondWith(screenshot(event, request.url));
});

self.addEventListener('message', (event) => {
  if (event.data === skipWaiting) {
    self.skipWaiting();
    return;
  }
  // "Save all": { [saveScreenshots]: urls } with a port for progress, [saved, failed, full]
  // after each.
  const urls = event.data && event.data[saveScreenshots];
  const port = event.ports && event.ports[0];
  if (!Array.isArray(urls) || !port) return;
  event.waitUntil((async () => {
    let saved = 0, failed = 0, full = 0;
    const batch = new Set();
    for (const url of urls.filter((u) => typeof u === 'string' && /^https?:/.test(u))) {
      try {
        const r = await fetchShot(url);
        if (!showable(r)) throw new Error(url);
        if ((await keep(url, r, batch.add(url))) === 'kept') saved++;
        else full++;
      } catch {
        failed++;
      }
      port.postMessage([saved, failed, full]);
    }
  })());
});
