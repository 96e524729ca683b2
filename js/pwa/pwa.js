// The standalone page's PWA shell (plain JS, so the wasm carries none of it): registers the
// service worker, tells the app when a new version waits, switches to it on the app's word,
// and asks it to save a pack's screenshots for offline use. It talks to the app with DOM events
// on `window`, named by stepwise_core::protocol. Without service-worker support it does
// nothing: the page works online.
import { saveScreenshots, skipWaiting } from '../generated/protocol.js';
import * as page from '../generated/page.js';
import * as pageEvents from '../generated/pageEvents.js';
import * as updateFlag from '../generated/updateFlag.js';

{
  const E = pageEvents;
  const sw = navigator.serviceWorker;
  const tell = (type, detail) => dispatchEvent(new CustomEvent(type, { detail }));
  // Registered once the page has loaded and painted what it shows: installing downloads the
  // whole build, which on a first visit would otherwise compete with the first paint
  // (bench/paint.mjs shows the cost). The load can come first: a deep link's markup, which the
  // boot script fetches, and markup hidden for the app, wait (`page.waiting` on <html>).
  const html = document.documentElement;
  const afterFirstPaint = (then) => {
    const shown = () => !html.classList.contains(page.waiting);
    const painted = () => requestAnimationFrame(() => setTimeout(then));
    if (shown()) return painted();
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      observer.disconnect();
      painted();
    });
    observer.observe(html, { attributes: true, attributeFilter: ['class'] });
  };
  const register = () => {
    // Under a CSP that requires Trusted Types, the worker's URL must be one: a policy that
    // allows this one URL only (where policies can be made).
    let url = './sw.js';
    try { url = trustedTypes.createPolicy('stepwise-pwa', { createScriptURL: (u) => (u === './sw.js' ? u : '') }).createScriptURL(url); } catch { /* no Trusted Types */ }
    sw.register(url).then((reg) => {
      // Some environments (blocked workers, stubs) resolve with no registration: nothing to do.
      if (!reg) return;
      // The app may mount after the news: it also reads this attribute.
      const ready = () => {
        if (reg.waiting && sw.controller) {
          html.dataset[updateFlag.dataset] = 'ready';
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
        if (reg.waiting) reg.waiting.postMessage(skipWaiting);
        else location.reload();
      });
    }, (e) => console.warn('Stepwise: offline use is unavailable (' + e + ')'));
  };
  if (sw) {
    if (document.readyState === 'complete') afterFirstPaint(register);
    else addEventListener('load', () => afterFirstPaint(register), { once: true });
  }
  // "Save all" is the worker's (the same rules as a screenshot seen): it reports
  // [saved, failed, not kept for lack of room] after each. Without a worker, none is saved.
  addEventListener(E.saveAll, (e) => {
    const urls = Array.isArray(e.detail) ? e.detail : [];
    const worker = sw && sw.controller;
    if (!worker) return tell(E.saveProgress, [0, urls.length, 0]);
    const channel = new MessageChannel();
    channel.port1.onmessage = (m) => tell(E.saveProgress, m.data);
    worker.postMessage({ [saveScreenshots]: urls }, [channel.port2]);
  });
}
