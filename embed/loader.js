/* Stepwise loader: the one script tag a seller adds.
 *   <script src="…/stepwise.js" data-pack="huaweicloud" data-locale="zh-CN" async></script>
 * Draws the launcher at once, in its own shadow root, and defines one global, `Stepwise`. The
 * runtime (embed/runtime.js), the panel's stylesheet and its prerendered list are fetched once
 * the page is idle after its load (not run); the wasm loads only when the buyer opens the widget,
 * or early when the launcher is hovered, touched or focused. Calls made before that are queued and replayed.
 * Nothing here throws into the host page.
 *
 * scripts/post-build.mjs fills in at build time __PROTOCOL__ (the names it shares with the
 * wasm, from stepwise_core::protocol: this file spells none of them), __FIRST_PACK__ (the id of
 * the build's first pack, shown without data-pack), __LOCALES__ (every locale of the build's
 * packs, the first pack's default first, with the launcher's label and direction in it,
 * `[label, dir]`: UI strings), __EMBED__ (the runtime's and the widget stylesheet's hashed file
 * name, without its extension) and __ACCENT_PROPERTY__ (the panel's accent custom property,
 * renamed per build so that no page's @property can retype it). A placeholder it cannot fill
 * fails the build. What the loader knows of the content is the same size whatever the number
 * of packs: the runtime learns the pack's own locales from its index.
 *
 * Isolation: the host element hangs from <html> (outside <body>, so the body's zoom,
 * transform or filter cannot reach it) and resets everything the page could pass down
 * (`all: initial`, plus `direction` and `unicode-bidi`, which `all` leaves alone); the
 * launcher carries its own `lang` and `dir`; a CSS `zoom` on <html> is undone. */
(() => {
  const W = window, D = document, make = (tag) => D.createElement(tag);
  if (W.Stepwise) return; // loaded twice: one widget
  const P = __PROTOCOL__, FIRST_PACK = __FIRST_PACK__, LOCALES = __LOCALES__, A = P.attributes, C = P.commands;
  const warned = new Set();
  const warn = (m) => { if (!warned.has(m)) { warned.add(m); console.warn('Stepwise: ' + m); } };
  // What a page passes may be a Symbol or an object whose toString throws.
  const text = (v) => { try { return v == null ? v : String(v); } catch { /* undefined */ } };
  // The page's words as keys: only the table's own entries (never `__proto__` or `constructor`),
  // else false.
  const own = (table, key) => Object.hasOwn(table, key) && table[key];
  try {
    const me = D.currentScript;
    const base = new URL('./', me?.src || location.href);
    // Every data- attribute (the runtime warns of unknown ones), in an object with no prototype.
    const attrs = Object.create(null);
    for (const a of me?.attributes || []) if (a.name.slice(0, 5) === 'data-') attrs[a.name.slice(5)] = a.value.trim();
    // `read` gives the value to use (a non-empty string), or a falsy one for a bad value: the
    // default is kept, and the runtime warns of it when it loads (with the valid values), as of
    // every other attribute.
    const bad = [];
    const setting = (name, read, fallback) => {
      const v = attrs[name], got = v != null && read(v);
      if (v != null && !got) bad.push(name);
      return got || fallback;
    };
    const POS = ['bottom-right', 'bottom-left'];
    const pos = setting(A.position, (v) => POS.includes(v) && v, POS[0]);
    const z = setting(A.zIndex, (v) => /^-?\d{1,10}$/.test(v) && v, '2147483000');
    const label = setting(A.label, (v) => v.length <= 40 && v);
    const accent = setting(A.accent, readable);
    // The pack the page names (the app warns if the index has no such pack), else the first.
    const packId = attrs[A.pack] || FIRST_PACK;
    // The build's locales (a pack may have fewer: the panel then picks among its own, and the
    // launcher follows it).
    const locales = Object.keys(LOCALES);
    // The panel's own negotiation (stepwise_core::model::PackInfo::negotiate_locale), so the
    // launcher speaks the language the panel will: data-locale, the last one chosen, the browser's.
    const primary = (t) => t.split(/[-_]/)[0].toLowerCase();
    const negotiate = (wanted) => {
      for (const w of wanted) {
        const l = locales.find((l) => l.toLowerCase() === w.toLowerCase()) || locales.find((l) => primary(l) === primary(w));
        if (l) return l;
      }
      return locales[0];
    };
    let saved;
    try { saved = localStorage.getItem(P.storage.prefix + packId + ':' + P.storage.locale); } catch { /* storage disabled */ }
    const nav = navigator;
    const locale = [attrs[A.locale], saved].find((l) => locales.includes(l)) || negotiate(nav.languages?.length ? nav.languages : [nav.language || '']);

    const host = make('div');
    const root = host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    // Undoes a CSS zoom on <html> (it multiplies down to every descendant).
    // No custom property carries the colour: a page's @property could retype any name.
    const a = accent || '#0b57d0';
    const style = () => sheet.replaceSync(`:host{all:initial!important;direction:ltr!important;unicode-bidi:isolate!important;zoom:${1 / (parseFloat(getComputedStyle(D.documentElement).zoom) || 1)}!important;display:block!important;position:fixed!important;bottom:16px!important;${pos === POS[1] ? 'left' : 'right'}:16px!important;z-index:${z}!important}
.launcher{all:initial;display:flex;align-items:center;gap:8px;min-height:48px;padding:0 20px 0 14px;border-radius:24px;background:${a};color:#fff;font:600 16px/1 system-ui,sans-serif;box-shadow:0 4px 16px #0004;cursor:pointer}
.launcher:focus-visible{outline:3px solid ${a};outline-offset:3px}
.launcher:hover{background:color-mix(in srgb,${a} 82%,#000)}
b{display:grid;place-items:center;width:26px;height:26px;border-radius:50%;background:#fff;color:${a};font-weight:700}
${accent ? `.stepwise.stepwise{__ACCENT_PROPERTY__:${accent}}` : ''}`);
    style();
    root.adoptedStyleSheets = [sheet];
    const launcher = make('button');
    launcher.className = 'launcher';
    launcher.ariaHasPopup = 'dialog';
    launcher.ariaExpanded = 'false';
    const icon = make('b');
    icon.textContent = '?';
    icon.ariaHidden = 'true';
    const words = make('span');
    launcher.append(icon, words);
    const speak = (l) => {
      const known = own(LOCALES, l);
      if (known) {
        launcher.lang = l;
        [words.textContent, launcher.dir] = known;
        if (label) words.textContent = label;
      }
    };
    speak(locale);
    const mount = make('div');
    mount.className = 'stepwise';
    mount.dataset.position = pos;
    root.append(launcher, mount);
    D.documentElement.append(host);

    // Until the runtime has loaded, calls wait in `queue`; then `run` is the runtime's.
    const queue = [];
    let loading, runtime, gone;
    let run = (m, a) => queue.push([m, a]);
    // What a cold click waits for, fetched together: the stylesheet, the prerendered panel of
    // the build's pack in the launcher's language (not wanted with a seller's pack or docs, or a
    // procedure to open), and the runtime's module (evaluating it starts nothing: its `start` does).
    // (The runtime and the stylesheet share a name but for their extension: __EMBED__.)
    let ahead, tries = 0;
    const prefetch = () => ahead || (ahead = [
      new Promise((ok) => {
        const l = make('link');
        l.rel = 'stylesheet';
        l.href = new URL('__EMBED__.css', base);
        l.onload = l.onerror = ok;
        root.append(l);
      }),
      // (A pack the build lacks has none: the answer is a 404, and the app shows the list.)
      (attrs[A.packUrl] ?? attrs[A.docsBase] ?? attrs[A.procedure]) != null ? 0
        : fetch(new URL(`${P.panel.folder}/${packId}/${launcher.lang}${P.panel.suffix}`, base)).then((r) => r.ok && r.text(), () => 0),
      // Browsers that keep a failed module in their module map (the HTML spec before
      // whatwg/html#10327; Chromium 156 fetches it again) would fail a retry under the same URL:
      // a retry asks under another. Any failure starts afresh on the next try.
      import(new URL('__EMBED__.js', base).href + (tries ? '?' + tries : '')).catch((e) => {
        tries++;
        ahead = null;
        throw e;
      }),
    ]);
    // (A page's fetch or Promise that throws at once is a failure like any other.)
    const failed = (e) => {
      warn('could not load (' + e + '); will retry on the next open.');
      loading = null;
    };
    const load = () => {
      try {
        return loading || (loading = prefetch()[2]
          .then((r) => r.start({ attrs, bad, base, root, mount, launcher, host, speak, style, warn, text, locales, ahead, gone: () => gone }))
          .then((r) => {
            if (!r) return;
            runtime = r;
            run = r.call;
            for (const [m, a] of queue.splice(0)) run(m, a);
          })
          .catch(failed));
      } catch (e) {
        failed(e);
      }
    };
    // Once the host page has loaded and is idle, the small files a click waits for come ahead
    // (the runtime, the panel's stylesheet and its prerendered list, about 5.8 KB brotli; never
    // the wasm, and nothing of them runs), unless the buyer's browser asks to save data. A
    // click with nothing before it then only lays the panel out.
    // (A failure here is the open's to report.)
    // (A page's own requestIdleCallback, fetch or Promise that throws leaves the files to the open.)
    const early = () => {
      try {
        (W.requestIdleCallback || setTimeout)(() => {
          try { gone || nav.connection?.saveData || prefetch()[2].catch(() => 0); } catch { /* the open loads them */ }
        });
      } catch { /* the open loads them */ }
    };
    D.readyState == 'complete' ? early() : W.addEventListener('load', early);
    // Nothing the page passes may throw into it: every call is checked (by the runtime, which
    // warns once and ignores a bad one) and guarded here.
    const api = (m, wake, first) => (...a) => {
      try {
        if (gone) return;
        first?.(...a);
        run(m, a);
        if (wake) load();
      } catch (e) {
        warn(m + ' failed: ' + e);
      }
    };
    const open = api(C.open, 1);
    launcher.addEventListener('click', () => open());
    // (A touch or a pen enters before it goes down, as a mouse does: `pointerenter` comes first.
    // `load` is started once; after a failure, the next hover tries again.)
    for (const e of ['pointerenter', 'focus']) launcher.addEventListener(e, load);
    W.Stepwise = Object.freeze({
      open,
      close: api(C.close),
      // The launcher changes at once, before any wasm (a bad locale changes nothing: the runtime warns).
      setLocale: api(C.setLocale, 0, (l) => speak(text(l))),
      on: api('on'),
      off: api('off'),
      // For single-page apps: the launcher, the listeners, the app and this global go.
      destroy: () => {
        if (gone) return;
        gone = true;
        runtime?.destroy();
        queue.length = 0;
        host.remove();
        delete W.Stepwise;
      },
    });
  } catch (e) {
    warn('could not start: ' + e);
  }
  // A colour that white text reads on, and that reads as text on the panel's light grey
  // (#f5f6f8, luminance 0.921): opaque, contrast ≥ 4.5:1 both ways (WCAG AA), as `rgb(r,g,b)`,
  // else falsy. The canvas reads every CSS colour syntax the browser knows.
  function readable(v) {
    const g = make('canvas').getContext('2d'), unset = '#010203';
    g.fillStyle = unset;
    g.fillStyle = v;
    if (g.fillStyle === unset) return;
    g.fillRect(0, 0, 1, 1);
    const [r, gr, b, a] = g.getImageData(0, 0, 1, 1).data;
    const lin = (c) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return a > 254 && 0.971 / (0.2126 * lin(r) + 0.7152 * lin(gr) + 0.0722 * lin(b) + 0.05) >= 4.5 && `rgb(${r},${gr},${b})`;
  }
})();
