/* Stepwise's service worker. scripts/post-build.mjs fills in __VERSION__ (a hash of every file
 * of the build), __SHELL__ (the build's files, each with a hash of its bytes) and __PROTOCOL__ (the cache names and the
 * page's message, from stepwise_core::protocol): each release is a new worker with a cache of
 * its own, and an update never mixes versions.
 * - The app shell (the build's files) is cached at install (each file the version in use has
 *   with the same bytes copied from it, the others downloaded); the shell is served cache-first.
 * - Navigations go to the network first, with the cached page as the fallback offline.
 * - Screenshots are cached when seen (cache-first), at most SHOTS_LIMIT of them, the oldest
 *   dropped first.
 * - A new version waits until the page says so ('skip-waiting'); activating deletes old caches. */
const P = __PROTOCOL__;
const VERSION = '__VERSION__';
const SHELL = __SHELL__;
const SHELL_CACHE = P.caches.shellPrefix + VERSION;
const SHOTS_CACHE = P.caches.shots;
const SHOTS_LIMIT = 200;
const PAGE = new URL('index.html', self.registration.scope).href;

// Each shell cache keeps the hash of every file it holds (under REVISIONS, a URL no file has).
// An update copies each file whose hash is unchanged from the version in use instead of
// downloading it again: a content-only release downloads the changed pack file and the index
// that names it, nothing else.
const REVISIONS = new URL('.stepwise-revisions', self.registration.scope).href;
self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL_CACHE);
    const older = [];
    for (const key of await caches.keys()) {
      if (!key.startsWith(P.caches.shellPrefix) || key === SHELL_CACHE) continue;
      const old = await caches.open(key);
      const revisions = await (await old.match(REVISIONS))?.json().catch(() => null);
      if (revisions) older.push([old, revisions]);
    }
    await Promise.all(SHELL.map(async ([path, revision]) => {
      const url = new URL(path, self.registration.scope).href;
      for (const [old, revisions] of older) {
        const kept = revisions[path] === revision && (await old.match(url));
        if (kept) return cache.put(url, kept);
      }
      // Fails the install on an error answer, as addAll does: a version is whole or not at all.
      return cache.add(url);
    }));
    // Last: a cache without its revisions is not whole, and no later version copies from it.
    await cache.put(REVISIONS, new Response(JSON.stringify(Object.fromEntries(SHELL))));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(P.caches.shellPrefix) && key !== SHELL_CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === P.skipWaiting) self.skipWaiting();
});

// The order screenshots were kept in, oldest first, in a cache of its own (only this worker
// reads it): the Cache API does not promise that keys() lists entries in the order they were
// put. Changes are chained, so two screenshots arriving at once cannot lose each other's place.
const ORDER_CACHE = SHOTS_CACHE + '-order';
const ORDER = new URL('order.json', self.registration.scope).href;
let keeping = Promise.resolve();
function keep(cache, request, response) {
  keeping = keeping.then(async () => {
    const index = await caches.open(ORDER_CACHE);
    const order = (await (await index.match(ORDER))?.json().catch(() => null)) || [];
    await cache.put(request, response);
    const next = order.filter((u) => u !== request.url).concat(request.url);
    for (const url of next.splice(0, Math.max(0, next.length - SHOTS_LIMIT))) await cache.delete(url);
    await index.put(ORDER, new Response(JSON.stringify(next)));
  }).catch(() => {});
  return keeping;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (request.mode === 'navigate' && url.origin === location.origin) {
    event.respondWith(fetch(request).catch(async () => (await caches.match(PAGE, { cacheName: SHELL_CACHE })) || Response.error()));
    return;
  }
  if (url.origin === location.origin) {
    event.respondWith(caches.match(request, { cacheName: SHELL_CACHE }).then((hit) => hit || fetch(request)));
    return;
  }
  if (request.destination === 'image') {
    event.respondWith((async () => {
      const cache = await caches.open(SHOTS_CACHE);
      const hit = await cache.match(request, { ignoreVary: true });
      if (hit) return hit;
      const response = await fetch(request);
      if (response.ok || response.type === 'opaque') {
        await keep(cache, request, response.clone());
      }
      return response;
    })());
  }
});
