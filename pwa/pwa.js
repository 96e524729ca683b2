// The standalone page's PWA shell (plain JS, so the wasm carries none of it): registers the
// service worker, tells the app when a new version waits, switches to it on the app's word,
// and saves a pack's screenshots for offline use. It talks to the app with DOM events on
// `window`, whose names (and the cache's) scripts/post-build.mjs writes in from
// stepwise_core::protocol at build time (__PROTOCOL__). Without service-worker support it
// does nothing: the page works online.
(() => {
  const P = __PROTOCOL__, E = P.pageEvents;
  const sw = navigator.serviceWorker;
  const tell = (type, detail) => dispatchEvent(new CustomEvent(type, { detail }));
  if (sw) {
    sw.register('./sw.js').then((reg) => {
      // Some environments (blocked workers, stubs) resolve with no registration: nothing to do.
      if (!reg) return;
      // The app may mount after the news: it also reads this attribute.
      const ready = () => {
        if (reg.waiting && sw.controller) {
          document.documentElement.dataset[P.updateFlag.dataset] = 'ready';
          tell(E.updateReady);
        }
      };
      ready();
      reg.addEventListener('updatefound', () => {
        const w = reg.installing;
        if (w) w.addEventListener('statechange', () => { if (w.state === 'installed') ready(); });
      });
      addEventListener(E.applyUpdate, () => {
        sw.addEventListener('controllerchange', () => location.reload());
        if (reg.waiting) reg.waiting.postMessage(P.skipWaiting);
        else location.reload();
      });
    }, (e) => console.warn('Stepwise: offline use is unavailable (' + e + ')'));
  }
  addEventListener(E.saveAll, async (e) => {
    let saved = 0, failed = 0;
    let cache = null;
    try { cache = await caches.open(P.caches.shots); } catch { /* counted below */ }
    for (const url of e.detail) {
      try {
        // Another origin without CORS headers: fetched as an <img> would be (opaque).
        const r = await fetch(url, { mode: 'no-cors' });
        if (!cache || !(r.ok || r.type === 'opaque')) throw new Error(url);
        await cache.put(url, r);
        saved++;
      } catch {
        failed++;
      }
      tell(E.saveProgress, [saved, failed]);
    }
  });
})();
