/* Stepwise's embed runtime: loaded by the loader (embed/loader.js) when the buyer first wants
 * the widget, so the host page pays for none of it before. It loads the widget's stylesheet and
 * the wasm, mounts the app in the loader's shadow root, checks every call the page makes
 * (warning once and ignoring a bad one, never throwing into the page), keeps the page's
 * listeners, and keeps the launcher in step with the panel: its `aria-expanded` follows the
 * dialog itself, its words the panel's locale.
 *
 * scripts/post-build.mjs fills in __PROTOCOL__ (the names shared with the wasm, from
 * stepwise_core::protocol) and __GLUE__, __WASM__ and __CSS__ (the build's hashed file names). */
const P = __PROTOCOL__;

export async function start(ctx) {
  const { root, mount, launcher, host, warn, text, pack } = ctx;
  const EV = P.events, C = P.commands, events = Object.values(EV), valid = Object.values(P.attributes);
  // The content, fetched while the wasm downloads: the pack index the app will read (a
  // seller's, or the build's) and the pack file of the locale the launcher speaks (the panel's,
  // by the same negotiation). The app takes each answer once (`take`); what it asks for that
  // is not here, or failed here, it fetches itself.
  const indexUrl = (() => { try { return new URL(ctx.attrs[P.attributes.packUrl] || P.packIndex, ctx.base).href; } catch { return null; } })();
  const ahead = new Map();
  const grab = (url) => fetch(url).then((r) => (r.ok ? r : Promise.reject(r.status)));
  const planned = indexUrl ? grab(indexUrl).then(async (r) => {
    ahead.set(indexUrl, r.clone());
    const index = await r.json();
    const packs = index.packs || {};
    const chosen = Object.hasOwn(packs, ctx.attrs[P.attributes.pack]) ? packs[ctx.attrs[P.attributes.pack]] : Object.values(packs)[0];
    const locale = chosen && (Object.hasOwn(chosen.locales, launcher.lang) ? launcher.lang : chosen.default);
    const file = chosen && chosen.locales[locale] && new URL(chosen.locales[locale].file, indexUrl).href;
    if (file) ahead.set(file, grab(file).catch(() => null));
  }).catch(() => {}) : Promise.resolve();
  const take = async (url) => {
    await planned;
    const r = await ahead.get(url);
    ahead.delete(url);
    return r || null;
  };
  for (const k in ctx.attrs) if (!valid.includes(k)) warn(`unknown attribute data-${k}; valid: data-${valid.join(', data-')}.`);
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('__CSS__', ctx.base).href;
  const styled = new Promise((ok) => { link.onload = link.onerror = ok; });
  root.append(link);
  const glue = await import(new URL('__GLUE__', ctx.base).href);
  await glue.default({ module_or_path: new URL('__WASM__', ctx.base) });
  await styled;
  if (ctx.gone()) return null;
  ctx.style();

  // The launcher follows the dialog itself (not an event a frame later): the dialog's `open`
  // attribute changes synchronously when the panel opens or closes, Esc included.
  const watch = new MutationObserver(() => {
    const open = !!mount.querySelector('dialog.panel[open]');
    if (launcher.getAttribute('aria-expanded') === String(open)) return;
    launcher.setAttribute('aria-expanded', String(open));
    // The dialog gives focus back to where it was; when that was nowhere, to the launcher.
    const at = root.activeElement || document.activeElement;
    if (!open && (!at || at === document.body || at === host)) launcher.focus();
  });
  watch.observe(mount, { subtree: true, attributes: true, attributeFilter: ['open'] });

  const listeners = new Map();
  const emit = (name, detail) => {
    if (name === EV.locale) ctx.speak(detail[P.fields.locale]);
    for (const fn of listeners.get(name) || []) {
      try { fn(detail); } catch (e) { console.error(e); }
    }
  };
  let widget = glue.mount_widget(mount, ctx.attrs, emit, new URL(P.packIndex, ctx.base).href, take);
  const command = (m, a, b) => {
    try { widget && widget.command(m, a, b); } catch (e) { warn(m + ' failed: ' + e); }
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
      if (pack.includes(v)) command(C.setLocale, v);
      else warn(`setLocale: "${v}" is not a locale of this pack; valid: ${pack.join(', ')}.`);
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
      command(C.destroy);
      try { widget.free(); } catch { /* already freed */ }
      widget = null;
      listeners.clear();
    },
  };
}
