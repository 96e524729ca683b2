/* Stepwise's embed runtime: fetched by the loader (embed/loader.js) with the widget's stylesheet
 * and prerendered panel once the host page is idle (or when the buyer first wants the widget);
 * evaluating this module does nothing. Its `start`, called when the buyer first wants the widget,
 * loads the wasm, mounts the app in the loader's shadow root, checks every call the page makes
 * (warning once and ignoring a bad one, never throwing into the page), keeps the page's
 * listeners, and keeps the launcher in step with the panel: its `aria-expanded` follows the
 * dialog itself, its words the panel's locale.
 *
 * scripts/post-build.mjs fills in __PROTOCOL__ (the names shared with the wasm, from
 * stepwise_core::protocol) and __GLUE__ and __WASM__ (the build's hashed file names). */
const P = __PROTOCOL__;

// The prerendered panel comes as data (stepwise::prerender::markup_tree): `[tag, {attribute:
// value}, ...children]`, text as strings. It is built element by element, so no HTML is parsed
// and no Trusted Types policy is needed: a page whose CSP allows none sees no violation.
const element = (node) => {
  if (typeof node === 'string') return document.createTextNode(node);
  const [tag, attributes, ...children] = node;
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  for (const child of children) el.append(element(child));
  return el;
};

export async function start(ctx) {
  const { root, mount, launcher, host, warn, text, locales } = ctx;
  const EV = P.events, C = P.commands, A = P.attributes, events = Object.values(EV), valid = Object.values(P.attributes);
  // The content, fetched while the wasm downloads: the pack index the app will read (a
  // seller's, or the build's) and the pack file of the locale the launcher speaks (the panel's,
  // by the same negotiation). The app takes each answer once (`take`); what it asks for that
  // is not here, or failed here, it fetches itself.
  const indexUrl = (() => { try { return new URL(ctx.attrs[P.attributes.packUrl] || P.packIndex, ctx.base).href; } catch { return null; } })();
  const ahead = new Map();
  // The id of the pack shown (the index's answer to data-pack), once the index is in.
  let shown = null;
  const grab = (url) => fetch(url).then((r) => (r.ok ? r : Promise.reject(r.status)));
  // The downloads start in the task after this one: a click's prerendered list, shown in this
  // one, is laid out without waiting for their requests to be made (about 10 ms at 4× slowdown).
  // (What `f` throws, a page's replaced `fetch` for one, is no answer: never an error in the page.)
  const soon = (f) => new Promise((ok) => setTimeout(() => {
    try { ok(f()); } catch { ok(null); }
  }));
  const planned = soon(() => indexUrl && grab(indexUrl).then(async (r) => {
    ahead.set(indexUrl, r.clone());
    const index = await r.json();
    const packs = index.packs || {};
    shown = Object.hasOwn(packs, ctx.attrs[P.attributes.pack]) ? ctx.attrs[P.attributes.pack] : Object.keys(packs)[0];
    const chosen = packs[shown];
    const locale = chosen && (Object.hasOwn(chosen.locales, launcher.lang) ? launcher.lang : chosen.default);
    // Only a plain name in the index's folder is fetched (P.packFile, the rule the app applies
    // too): never a path out of it, nor another origin.
    const name = chosen && Object.hasOwn(chosen.locales, locale) && chosen.locales[locale].file;
    const file = typeof name === 'string' && new RegExp(P.packFile).test(name) && new URL(name, indexUrl).href;
    if (file) ahead.set(file, grab(file).catch(() => null));
  }).catch(() => {}));
  const take = async (url) => {
    await planned;
    const r = await ahead.get(url);
    ahead.delete(url);
    return r || null;
  };
  for (const k in ctx.attrs) if (!valid.includes(k)) warn(`unknown attribute data-${k}; valid: data-${valid.join(', data-')}.`);
  // The values the loader could not use (it kept the default): what each may be.
  const VALID = {
    [A.position]: ['bottom-right, bottom-left', 'bottom-right'],
    [A.zIndex]: ['an integer such as 1000', '2147483000'],
    [A.label]: ['1 to 40 characters'],
    [A.accent]: ['a colour with 4.5:1 contrast to white (WCAG AA)'],
  };
  for (const k of ctx.bad) warn(`data-${k}="${ctx.attrs[k]}" is not valid; valid: ${VALID[k][0]}. Using ${VALID[k][1] ?? 'the default'}.`);
  // The stylesheet (in the shadow root since the loader started this) and the prerendered
  // panel (fetched there, in the launcher's language then, or 0).
  const [styled, panel] = ctx.ahead;

  // Without WebAssembly (iOS Lockdown Mode, some managed browsers and old WebViews) the app
  // cannot run: the prerendered list still shows, and a link in it opens the page the build
  // prerendered for it (a procedure's first step, the checker, a language's list), which works
  // without JavaScript, in a new tab. The seller is told once.
  const wasmless = typeof WebAssembly !== 'object';
  if (wasmless) warn('this browser runs no WebAssembly: the prerendered list shows, and its links open the help pages in a new tab.');
  // The landing page of a link of the prerendered panel (`#/<locale>[/<slug>[/<step>]]`), by
  // the names stepwise_core::route::landing_page gives them: a procedure's first step or the
  // checker at `<slug>.html` when its slug is a plain name (it has a page), else the list;
  // the standalone page while the index (which names the pack) is not in.
  const landing = (href) => {
    const [locale, slug = 'index'] = href.slice(2).split('/');
    const page = /^[\w-]{1,80}$/.test(slug) ? slug : 'index';
    return new URL(shown ? `${P.panel.folder}/${shown}/${locale}/${page}.html` : './', ctx.base).href;
  };

  // The panel with the pack's list, prerendered by the build for the launcher's language. When
  // the buyer asks for the list (an open naming no procedure), it shows at once: on the click
  // itself when it is here (a hover, a touch or focus started the load), else as soon as it
  // and the stylesheet are; always before the wasm. The app renders behind it and replaces it
  // in one task once it has drawn its own. Only for the build's own packs with their prerendered links (no data-pack-url,
  // data-docs-base or data-procedure, and a data-pack the build has). A link clicked in it, or
  // its closing, is replayed to the app.
  // The loader fetched it (or not: see there) when it started this; its language is its own.
  const early = { built: undefined, lang: null, shell: null, route: null, mounted: false };
  const fragment = panel || null;
  // Parsed as soon as it arrives (detached: no style or layout yet), so that a click after a
  // hover only attaches it.
  // (A file that is not such a tree, from a build of another version for one, shows nothing:
  // the app renders the list.)
  const build = (text) => {
    const shell = document.createElement('div');
    shell.className = 'stepwise-root';
    shell.dataset.prerendered = '';
    try {
      for (const node of JSON.parse(text)) shell.append(element(node));
    } catch {
      return null;
    }
    early.lang = shell.querySelector('.app[lang]')?.lang;
    return shell.querySelector('dialog') ? shell : null;
  };
  // Shows the prerendered list (again, if it was closed while the app loads).
  const show = () => {
    if (early.shell) {
      const dialog = early.shell.querySelector('dialog');
      if (early.shell.isConnected && !dialog.open) dialog.showModal();
      return;
    }
    const shell = early.built;
    if (!shell || launcher.lang !== early.lang || ctx.gone()) return;
    const dialog = shell.querySelector('dialog');
    mount.append(shell);
    dialog.showModal();
    dialog.addEventListener('click', (e) => {
      const a = e.target.closest('a[href^="#/"]');
      if (a && wasmless) {
        e.preventDefault();
        window.open(landing(a.getAttribute('href')), '_blank', 'noopener');
      } else if (a) {
        e.preventDefault();
        early.route = a.getAttribute('href');
        dialog.querySelector('.main')?.setAttribute('aria-busy', 'true');
      } else if (e.target.closest('.panel-close')) dialog.close();
    });
    // Closed (Esc, its button) before the app took over: the app is told, after the calls
    // before. (The launcher follows it as it follows the app's panel: `watch` below.)
    new MutationObserver(() => shell.isConnected && !dialog.open && command(C.close))
      .observe(dialog, { attributes: true, attributeFilter: ['open'] });
    early.shell = shell;
  };
  // The prerendered list, parsed as soon as it and the stylesheet are here (`undefined` until then).
  const built = Promise.all([fragment, styled]).then(([text]) => { early.built = (text && build(text)) || null; });

  // The wasm downloads and compiles (off the main thread) from the start. Where a prerendered
  // list may be shown, the glue's own start (its evaluation, the wasm's instantiation, then
  // the app's first render) waits for the first open and, when that asks for the list, until
  // the list has been painted: whatever started the load (a hover, a touch, focus, a click),
  // nothing of the wasm runs before the list shows.
  const wasm = new URL('__WASM__', ctx.base);
  // (Where there is no streaming compile, the glue compiles the wasm itself.)
  const compiled = soon(() => (wasmless || !WebAssembly.compileStreaming ? null : WebAssembly.compileStreaming(fetch(wasm)).catch(() => null)));
  let app = null, tries = 0;
  const loadApp = () => (app ??= (async () => {
    // (A retry asks under another URL: browsers that keep a failed module in their module
    // map would fail it again under the same one. See the loader.)
    const glue = await import(new URL('__GLUE__', ctx.base).href + (tries ? '?' + tries : '')).catch((e) => { tries++; throw e; });
    // (Served without the wasm MIME type it could not compile streaming: the glue fetches it and copes.)
    await glue.default({ module_or_path: (await compiled) ?? fetch(wasm) });
    await styled;
    return glue;
  })().catch((e) => { app = null; throw e; }));
  // With no prerendered list to show first (a seller's pack or docs, a procedure to open), the
  // glue starts now, as the page's app does: the open then only renders.
  if (!fragment && !wasmless) loadApp().catch(() => { /* the open tries again, and says why */ });
  styled.then(() => ctx.style());

  // The launcher and the app follow the dialog itself (not an event a frame later): the
  // dialog's `open` attribute changes synchronously when the panel opens or closes, Esc
  // included, and this runs before the next task. The app is told of a closing it did not make
  // (Esc, a close request), whatever events the engine fires, so that the page's next call, an
  // open for one, finds the panel closed.
  const panelOpen = () => !!mount.querySelector('dialog.panel[open]');
  const watch = new MutationObserver(() => {
    const open = panelOpen();
    if (!open) widget?.command(C.close);
    if (launcher.getAttribute('aria-expanded') === String(open)) return;
    launcher.setAttribute('aria-expanded', String(open));
    // The dialog gives focus back to where it was; when that was nowhere (or inside the panel,
    // as after the app took over from the prerendered one), to the launcher.
    const at = root.activeElement || document.activeElement;
    if (!open && (!at || at === document.body || at === host || mount.contains(at))) launcher.focus();
  });
  watch.observe(mount, { subtree: true, attributes: true, attributeFilter: ['open'] });

  const listeners = new Map();
  const emit = (name, detail) => {
    if (name === EV.locale) ctx.speak(detail[P.fields.locale]);
    for (const fn of listeners.get(name) || []) {
      try { fn(detail); } catch (e) { console.error(e); }
    }
  };
  // The app mounts on the first open, so that a hover which loaded all this puts no rendering
  // on the host page; calls before that wait in `pending`.
  let widget = null;
  const pending = [];
  const mountApp = () => loadApp().then((glue) => {
    if (ctx.gone() || widget) return;
    widget = glue.mount_widget(mount, ctx.attrs, emit, new URL(P.packIndex, ctx.base).href, { take }, early.shell?.isConnected ? early.shell : null);
    for (const [m, a, b] of pending.splice(0)) widget.command(m, a, b);
    // Where the buyer went in the prerendered panel, after the calls that came before (its
    // closing is one of those calls).
    if (early.route && early.shell?.querySelector('dialog').open) {
      try {
        const [l, slug, step] = early.route.slice(2).split('/').map(decodeURIComponent);
        if (l !== early.lang) widget.command(C.setLocale, l);
        if (slug) widget.command(C.open, slug, step ? Number(step) : undefined);
      } catch { /* a malformed link: the list stays */ }
    }
  }, (e) => {
    // Nothing of the app ran: the next open tries again (the calls so far are kept).
    early.mounted = false;
    warn('could not load (' + e + '); will retry on the next open.');
  });
  const command = (m, a, b) => {
    try {
      if (widget) {
        // The dialog closed in this very task (a close request, then this open): the app hears
        // of the closing first.
        if (m === C.open && !panelOpen()) widget.command(C.close);
        return widget.command(m, a, b);
      }
      pending.push([m, a, b]);
      if (m === C.close) early.shell?.querySelector('dialog').close();
      if (m !== C.open) return;
      if (wasmless) {
        // No app: the prerendered list; a procedure asked for opens its page, as its link does.
        if (a == null) built.then(show);
        else if (fragment) window.open(landing(`#/${launcher.lang}/${encodeURIComponent(a)}`), '_blank', 'noopener');
        return;
      }
      // Opened again while the app loads: the prerendered list, if that is what was asked.
      if (early.mounted) return a == null && show();
      early.mounted = true;
      if (a != null || !fragment) return mountApp();
      // The list: the prerendered one shows as soon as it is here (at once after a hover or a
      // touch brought it), and the app starts two frames later, once it has been painted.
      const then = () => {
        show();
        if (early.shell && !document.hidden) requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(mountApp)));
        else mountApp();
      };
      if (early.built === undefined) built.then(then);
      else then();
    } catch (e) { warn(m + ' failed: ' + e); }
  };
  const listening = (what, event, fn) => {
    const name = text(event);
    if (!events.includes(name)) warn(`${what}(event, callback): unknown event; valid: ${events.join(', ')}.`);
    else if (typeof fn !== 'function') warn(`${what}(event, callback): callback must be a function.`);
    else return name;
  };
  const calls = {
    [C.open]: (procedure, step) => {
      if (procedure != null && typeof procedure !== 'string') return warn('open(procedure, step): procedure must be a string such as "invoice".');
      command(C.open, procedure, typeof step === 'number' || typeof step === 'string' ? Number(step) : undefined);
    },
    [C.close]: () => command(C.close),
    [C.setLocale]: (l) => {
      const v = text(l);
      // (The build's locales: the app resolves the one asked for against its pack's own.)
      if (locales.includes(v)) command(C.setLocale, v);
      else warn(`setLocale: "${v}" is not a locale of this help; valid: ${locales.join(', ')}.`);
    },
    on: (event, fn) => {
      const name = listening('on', event, fn);
      if (name) listeners.set(name, (listeners.get(name) || []).concat(fn));
    },
    off: (event, fn) => {
      const name = listening('off', event, fn);
      if (name) listeners.set(name, (listeners.get(name) || []).filter((f) => f !== fn));
    },
  };
  return {
    call: (m, a) => {
      try { calls[m](...a); } catch (e) { warn(m + ' failed: ' + e); }
    },
    // The app, its listeners and its memory go (the wasm module stays for the next mount).
    destroy: () => {
      watch.disconnect();
      try {
        widget?.command(C.destroy);
        widget?.free();
      } catch { /* already freed */ }
      widget = null;
      pending.length = 0;
      listeners.clear();
    },
  };
}
