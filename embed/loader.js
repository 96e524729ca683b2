/* Stepwise loader: the one script tag a seller adds.
 *   <script src="…/stepwise.js" data-pack="huaweicloud" data-locale="zh-CN" async></script>
 * Draws the launcher at once, in its own shadow root; loads the widget (wasm) only when the
 * buyer opens it (hovering or focusing the launcher starts the download early). Defines one
 * global, `Stepwise`, whose calls made before the wasm has loaded are queued and replayed.
 * Nothing here throws into the host page: every value the page passes is checked, a bad one
 * is warned about once and ignored.
 *
 * scripts/post-build.mjs fills in, at build time: __PROTOCOL__ (the names shared with the
 * wasm, from stepwise_core::protocol; this file spells none of them), __PACKS__ (each pack's
 * locales, default and launcher label), and __GLUE__, __WASM__, __CSS__ (the build's hashed
 * file names). A placeholder it cannot fill fails the build.
 *
 * Isolation: the host element hangs from <html> (outside <body>, so the body's zoom,
 * transform or filter cannot reach it) and resets everything the page could pass down
 * (`all: initial`, plus `direction` and `unicode-bidi`, which `all` leaves alone); the
 * launcher and the panel carry their own `lang` and `dir`; a CSS `zoom` on <html> is undone. */
(() => {
  const W = window, D = document;
  if (W.Stepwise) return; // loaded twice: one widget
  const P = __PROTOCOL__, PACKS = __PACKS__;
  const warned = new Set();
  const warn = (m) => { if (!warned.has(m)) { warned.add(m); console.warn('Stepwise: ' + m); } };
  // What a page may pass: String() throws on a Symbol or an object whose toString throws.
  const text = (v) => { try { return v == null ? undefined : String(v); } catch { return undefined; } };
  try {
    const me = D.currentScript;
    const base = new URL('./', (me && me.src) || location.href);
    const VALID = Object.values(P.attributes), A = P.attributes, EV = P.events, C = P.commands;
    const POS = ['bottom-right', 'bottom-left'];
    const attrs = {};
    for (const a of me ? me.attributes : []) {
      const k = a.name.slice(5);
      if (a.name.slice(0, 5) !== 'data-') continue;
      if (VALID.includes(k)) attrs[k] = a.value.trim();
      else warn(`unknown attribute data-${k}; valid: data-${VALID.join(', data-')}.`);
    }
    // `read` gives the value to use, or null for a bad one (warned about; the default is kept).
    const setting = (name, read, valid, fallback) => {
      const v = attrs[name];
      const got = v == null ? null : read(v);
      if (v == null || got != null) return got ?? fallback;
      warn(`data-${name}="${v}" is not valid; valid: ${valid}. Using ${fallback ?? 'the default'}.`);
      return fallback;
    };
    const pos = setting(A.position, (v) => POS.includes(v) ? v : null, POS.join(', '), POS[0]);
    const z = setting(A.zIndex, (v) => /^-?\d{1,10}$/.test(v) ? v : null, 'an integer such as 1000', '2147483000');
    const label = setting(A.label, (v) => v.length > 0 && v.length <= 40 ? v : null, 'a text of 1 to 40 characters', null);
    const accent = setting(A.accent, readable, 'a CSS colour with a contrast of at least 4.5:1 against white text (WCAG AA)', null);
    // The pack and its locales; the wasm checks data-pack and data-locale again and warns.
    const packId = PACKS[attrs[A.pack]] ? attrs[A.pack] : Object.keys(PACKS)[0];
    const pack = PACKS[packId];
    // The panel's own negotiation (stepwise_core::model::Pack::negotiate_locale), so the
    // launcher speaks the language the panel will: data-locale, the last one chosen, the browser's.
    const primary = (t) => t.split(/[-_]/)[0].toLowerCase();
    const negotiate = (wanted) => {
      for (const w of wanted) {
        const exact = Object.keys(pack.locales).find((l) => l.toLowerCase() === w.toLowerCase());
        const same = exact || Object.keys(pack.locales).find((l) => primary(l) === primary(w));
        if (same) return same;
      }
      return pack.default;
    };
    let saved = null;
    try { saved = localStorage.getItem(P.storage.prefix + packId + ':' + P.storage.locale); } catch { /* storage disabled */ }
    let locale = pack.locales[attrs[A.locale]] ? attrs[A.locale]
      : pack.locales[saved] ? saved
        : negotiate(navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || '']);

    const host = D.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    // Undoes a CSS zoom on <html> (it multiplies down to every descendant).
    const zoom = () => 1 / (parseFloat(getComputedStyle(D.documentElement).zoom) || 1);
    const style = () => sheet.replaceSync(`:host{all:initial!important;direction:ltr!important;unicode-bidi:isolate!important;zoom:${zoom()}!important;display:block!important;position:fixed!important;bottom:16px!important;${pos === POS[1] ? 'left' : 'right'}:16px!important;z-index:${z}!important;width:auto!important;height:auto!important}
.launcher{all:initial;display:flex;align-items:center;gap:8px;min-height:48px;padding:0 20px 0 14px;border-radius:24px;background:var(--a);color:#fff;font:600 16px/1 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.25);cursor:pointer}
.launcher:focus-visible{outline:3px solid var(--a);outline-offset:3px}
.launcher:hover{background:color-mix(in srgb,var(--a) 82%,#000)}
.launcher b{display:grid;place-items:center;width:26px;height:26px;border-radius:50%;background:#fff;color:var(--a);font:700 16px/1 system-ui,sans-serif}
:host,.stepwise.stepwise{--a:${accent || '#0b57d0'}${accent ? ';--sw-accent:' + accent : ''}}`);
    style();
    root.adoptedStyleSheets = [sheet];
    const launcher = D.createElement('button');
    launcher.type = 'button';
    launcher.className = 'launcher';
    launcher.setAttribute('aria-haspopup', 'dialog');
    launcher.setAttribute('aria-expanded', 'false');
    const icon = D.createElement('b');
    icon.textContent = '?';
    icon.setAttribute('aria-hidden', 'true');
    const words = D.createElement('span');
    launcher.append(icon, words);
    const speak = (l) => {
      if (!pack.locales[l]) return;
      locale = l;
      launcher.lang = l;
      launcher.dir = pack.locales[l].dir;
      words.textContent = label || pack.locales[l].label;
    };
    speak(locale);
    const mount = D.createElement('div');
    mount.className = 'stepwise';
    mount.dataset.position = pos;
    root.append(launcher, mount);
    D.documentElement.append(host);

    // The launcher follows the dialog itself (not an event a frame later): its `open`
    // attribute changes synchronously when the panel opens or closes, Esc included.
    const panelOpen = () => !!mount.querySelector('dialog.panel[open]');
    const watch = new MutationObserver(() => {
      const open = panelOpen();
      if (launcher.getAttribute('aria-expanded') === String(open)) return;
      launcher.setAttribute('aria-expanded', String(open));
      // The dialog gives focus back to where it was; when that was nowhere, to the launcher.
      const at = root.activeElement || D.activeElement;
      if (!open && (!at || at === D.body || at === host)) launcher.focus();
    });
    watch.observe(mount, { subtree: true, attributes: true, attributeFilter: ['open'] });

    let widget = null, loading = null, gone = false;
    const queue = [], listeners = new Map();
    const emit = (name, detail) => {
      if (name === EV.locale) speak(detail[P.fields.locale]);
      for (const cb of [...(listeners.get(name) || [])]) {
        try { cb(detail); } catch (e) { console.error(e); }
      }
    };
    const load = () => loading || (loading = (async () => {
      const link = D.createElement('link');
      link.rel = 'stylesheet';
      link.href = new URL('__CSS__', base).href;
      const styled = new Promise((ok) => { link.onload = link.onerror = ok; });
      root.append(link);
      const glue = await import(new URL('__GLUE__', base).href);
      await glue.default({ module_or_path: new URL('__WASM__', base) });
      await styled;
      if (gone) return;
      style();
      widget = glue.mount_widget(mount, attrs, emit);
      for (const [m, a] of queue.splice(0)) run(m, a);
    })().catch((e) => {
      warn('the widget could not load (' + e + '); the launcher will try again.');
      loading = null;
    }));
    const run = (m, a) => {
      try { widget.command(m, a[0], a[1]); } catch (e) { warn(m + ' failed: ' + e); }
    };
    const call = (m, a, wake) => {
      if (gone) return;
      if (widget) return run(m, a);
      queue.push([m, a]);
      if (wake) load();
    };
    const eventName = (event, fn, what) => {
      const name = text(event);
      if (!Object.values(EV).includes(name)) warn(`${what}(event, callback): unknown event; valid: ${Object.values(EV).join(', ')}.`);
      else if (typeof fn !== 'function') warn(`${what}(event, callback): callback must be a function.`);
      else return name;
    };
    launcher.addEventListener('click', () => call(C.open, [], true));
    launcher.addEventListener('pointerenter', load, { once: true });
    launcher.addEventListener('focus', load, { once: true });
    W.Stepwise = Object.freeze({
      open: (procedure, step) => {
        const p = typeof procedure === 'string' ? procedure : procedure == null ? undefined : null;
        const n = typeof step === 'number' || typeof step === 'string' ? Number(step) : undefined;
        if (p === null) warn('open(procedure, step): procedure must be a string such as "invoice".');
        else call(C.open, [p, n], true);
      },
      close: () => call(C.close, []),
      setLocale: (l) => {
        const v = text(l);
        if (!pack.locales[v]) return warn(`setLocale: "${v}" is not a locale of this pack; valid: ${Object.keys(pack.locales).join(', ')}.`);
        speak(v);
        call(C.setLocale, [v]);
      },
      on: (event, fn) => {
        const name = eventName(event, fn, 'on');
        if (name) listeners.set(name, (listeners.get(name) || []).concat(fn));
      },
      off: (event, fn) => {
        const name = eventName(event, fn, 'off');
        if (name) listeners.set(name, (listeners.get(name) || []).filter((f) => f !== fn));
      },
      // For single-page apps: the launcher, the listeners and the app go, and the wasm's
      // memory is freed for the next mount (loading the script again mounts anew).
      destroy: () => {
        if (gone) return;
        gone = true;
        watch.disconnect();
        if (widget) {
          run(C.destroy, []);
          try { widget.free(); } catch { /* already freed */ }
        }
        widget = null;
        queue.length = 0;
        listeners.clear();
        host.remove();
        delete W.Stepwise;
      },
    });
  } catch (e) {
    warn('could not start: ' + e);
  }
  // A colour the launcher's white text stays readable on (opaque, contrast ≥ 4.5:1, WCAG AA),
  // as `rgb(r,g,b)`; null otherwise. The canvas reads every CSS colour syntax the browser knows.
  function readable(v) {
    const g = D.createElement('canvas').getContext('2d', { willReadFrequently: true });
    const unset = '#010203';
    g.fillStyle = unset;
    g.fillStyle = v;
    if (g.fillStyle === unset) return null;
    g.fillRect(0, 0, 1, 1);
    const [r, gr, b, a] = g.getImageData(0, 0, 1, 1).data;
    const lin = (c) => (c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    const lum = 0.2126 * lin(r) + 0.7152 * lin(gr) + 0.0722 * lin(b);
    return a === 255 && 1.05 / (lum + 0.05) >= 4.5 ? `rgb(${r},${gr},${b})` : null;
  }
})();
