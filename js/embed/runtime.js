/* Stepwise's embed runtime: fetched by the loader (./loader.js) with the widget's stylesheet once
 * the host page is idle (or when the buyer first wants the widget); evaluating this module does
 * nothing. Its `start`, called when the buyer first wants the widget, fetches and shows the
 * prerendered list, loads the wasm, mounts the app in the loader's shadow root, checks every
 * call the page makes (./page-calls.js; the app checks what only it can, a locale against its
 * pack's), keeps the page's listeners, and keeps the launcher in step with the panel: its
 * `aria-expanded` follows the dialog itself, its words the panel's locale.
 *
 * Build constants (scripts/build/embed.mjs): STEPWISE_BUILD.glue and STEPWISE_BUILD.wasm, the
 * build's hashed file names; STEPWISE_BUILD.firstPack, the pack shown without data-pack. */
import { packIndex } from '../generated/protocol.js';
import * as commands from '../generated/commands.js';
import * as events from '../generated/events.js';
import * as fields from '../generated/fields.js';
import { fetchContentAhead, inNextTask } from './content-ahead.js';
import { prerenderedPanel } from './prerendered-panel.js';
import { pageCalls } from './page-calls.js';
import { asText } from '../shared/page-values.js';
import { panelFile } from '../shared/route.js';
import * as attributes from '../generated/attributes.js';

/** Warns the seller in the console, once for each message. */
const warned = new Set();
function warn(message) {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn('Stepwise: ' + message);
}

/**
 * The prerendered list's text for the widget whose script tag says `attrs`, in the launcher's
 * language `locale` (a promise of it, or of `null` where it is not there), or `null` where
 * there is none to show: the build prerendered its own packs' lists, so none for a seller's
 * pack, docs or procedure.
 */
function fetchPanel(attrs, base, locale) {
  const ownContent = [attributes.packUrl, attributes.docsBase, attributes.procedure].every((a) => attrs[a] == null);
  const file = ownContent && panelFile(attrs[attributes.pack] || STEPWISE_BUILD.firstPack, locale);
  if (!file) return null;
  // (A pack the build lacks has none: the answer is a 404, and the app shows the list.)
  try {
    return fetch(new URL(file, base)).then((r) => (r.ok ? r.text() : null), () => null);
  } catch {
    return null; // a page's fetch that throws
  }
}

/**
 * The stylesheet at `url` applied in `root`: a promise, resolved once it has loaded or failed.
 * The one the loader applied at idle, when it has loaded, is kept (nothing to wait for).
 */
function applyStylesheet(root, url) {
  const applied = [...root.querySelectorAll('link[rel=stylesheet]')].some((link) => link.href === url.href && link.sheet);
  if (applied) return Promise.resolve();
  return new Promise((done) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = url;
    link.onload = link.onerror = done;
    root.append(link);
  });
}

/**
 * Starts the widget the loader drew (`launcher`, ./launcher.js) for the script tag's `attrs`
 * (`settings`: the launcher's, whose `bad` ones the app warns of), the build at `base`;
 * `stylesheet` is the panel stylesheet's URL (which the loader may have fetched ahead:
 * ./fetch-ahead.js); `isGone()` says the page destroyed the widget. Returns
 * `{ call(name, args), destroy() }`.
 */
export async function start({ attrs, settings, base, launcher, stylesheet: stylesheetUrl, isGone }) {
  // What a click waits for first: the prerendered list and the stylesheet.
  const panelText = fetchPanel(attrs, base, launcher.button.lang);
  const stylesheet = applyStylesheet(launcher.root, stylesheetUrl);
  // Where the panel goes: beside the launcher, in its shadow root, on the side it is on.
  const mount = Object.assign(document.createElement('div'), { className: 'stepwise' });
  mount.dataset.position = settings.position;
  launcher.root.append(mount);
  // (The app warns of every bad or unknown setting, with what is valid, when it mounts.)
  const content = fetchContentAhead(attrs, base);

  // Without WebAssembly (iOS Lockdown Mode, some managed browsers and old WebViews) the app
  // cannot run: the prerendered list still shows, and a link in it opens the page the build
  // prerendered for it (a procedure's first step, the checker, a language's list), which works
  // without JavaScript, in a new tab. The seller is told once.
  const wasmless = typeof WebAssembly !== 'object';
  if (wasmless) warn('this browser runs no WebAssembly: the prerendered list shows, and its links open the help pages in a new tab.');
  // A page the build prerendered (a link's `data-page`), in a new tab; the standalone page
  // where there is none.
  const openPage = (page) => window.open(new URL(page || './', base).href, '_blank', 'noopener');

  // The panel with the pack's list, prerendered by the build for the launcher's language. When
  // the buyer asks for the list (an open naming no procedure), it shows at once: on the click
  // itself when it is here (a hover, a touch or focus fetched it), else as soon as it and the
  // stylesheet are; always before the wasm. Only for the build's own packs (see fetchPanel).
  const panel = prerenderedPanel({ launcher, mount, isGone, onClose: () => command(commands.close), wasmless, openPage });
  const hasPanel = panelText !== null;
  const panelReceived = Promise.all([panelText, stylesheet]).then(([text]) => panel.receive(text));

  // The wasm downloads and compiles (off the main thread) from the start. Where a prerendered
  // list may be shown, the glue's own start (its evaluation, the wasm's instantiation, then
  // the app's first render) waits for the first open and, when that asks for the list, until
  // the list has been painted: whatever started the load, nothing of the wasm runs before the
  // list shows.
  const wasmUrl = new URL(STEPWISE_BUILD.wasm, base);
  // (Where there is no streaming compile, the glue compiles the wasm itself.)
  const compiled = inNextTask(() => (wasmless || !WebAssembly.compileStreaming ? null : WebAssembly.compileStreaming(fetch(wasmUrl)).catch(() => null)));
  let glue = null;
  let glueFailures = 0;
  const loadGlue = () => (glue ??= (async () => {
    // A retry asks under another URL (see ./loader.js).
    const retry = glueFailures ? `?${glueFailures}` : '';
    const module = await import(new URL(STEPWISE_BUILD.glue, base).href + retry).catch((e) => {
      glueFailures++;
      throw e;
    });
    // (Served without the wasm MIME type it could not compile streaming: the glue fetches it and copes.)
    await module.default({ module_or_path: (await compiled) ?? fetch(wasmUrl) });
    await stylesheet;
    return module;
  })().catch((e) => {
    glue = null;
    throw e;
  }));
  // With no prerendered list to show first (a seller's pack or docs, a procedure to open), the
  // glue starts now, as the page's app does: the open then only renders.
  if (!hasPanel && !wasmless) loadGlue().catch(() => { /* the open tries again, and says why */ });
  stylesheet.then(() => launcher.restyle());

  // The launcher and the app follow the dialog itself (not an event a frame later): the
  // dialog's `open` attribute changes synchronously when the panel opens or closes, Esc
  // included, and this runs before the next task. The app is told of a closing it did not make
  // (Esc, a close request), whatever events the engine fires, so that the page's next call, an
  // open for one, finds the panel closed.
  const { button, root, host } = launcher;
  const panelOpen = () => !!mount.querySelector('dialog.panel[open]');
  const watch = new MutationObserver(() => {
    const open = panelOpen();
    if (!open) widget?.command(commands.close);
    if (button.getAttribute('aria-expanded') === String(open)) return;
    button.setAttribute('aria-expanded', String(open));
    // The dialog gives focus back to where it was; when that was nowhere (or inside the panel,
    // as after the app took over from the prerendered one), to the launcher.
    const at = root.activeElement || document.activeElement;
    if (!open && (!at || at === document.body || at === host || mount.contains(at))) button.focus();
  });
  watch.observe(mount, { subtree: true, attributes: true, attributeFilter: ['open'] });

  const listeners = new Map();
  const emit = (name, detail) => {
    if (name === events.locale) launcher.speak(detail[fields.locale], detail[fields.direction]);
    for (const callback of listeners.get(name) ?? []) {
      try {
        callback(detail);
      } catch (e) {
        console.error(e);
      }
    }
  };

  // The app mounts on the first open, so that a hover which loaded all this puts no rendering
  // on the host page; calls before that wait in `pending`.
  let widget = null;
  let mounting = false;
  const pending = [];
  const mountApp = () => loadGlue().then((module) => {
    if (isGone() || widget) return;
    // (The build's index: the app reads a seller's, data-pack-url, itself.)
    widget = module.mount_widget(mount, attrs, settings.bad, emit, new URL(packIndex, base).href, { take: content.take }, panel.shell());
    for (const [name, text, number] of pending.splice(0)) widget.command(name, text, number);
    // Where the buyer went in the prerendered panel, after the calls that came before (its
    // closing is one of those calls): the link's hash, read by the app.
    if (panel.route() && panel.isOpen()) widget.command(commands.navigate, panel.route());
  }, (e) => {
    // Nothing of the app ran: the next open tries again (the calls so far are kept).
    mounting = false;
    warn(`could not load (${e}); will retry on the next open.`);
  });

  const command = (name, text, number) => {
    try {
      if (widget) {
        // The dialog closed in this very task (a close request, then this open): the app hears
        // of the closing first.
        if (name === commands.open && !panelOpen()) widget.command(commands.close);
        return widget.command(name, text, number);
      }
      pending.push([name, text, number]);
      if (name === commands.close) panel.close();
      if (name !== commands.open) return;
      if (wasmless) {
        // No app: the prerendered list; a procedure asked for opens its page, as its link does.
        if (text == null) panelReceived.then(panel.show);
        else if (hasPanel) panelReceived.then(() => openPage(panel.pageOf(`#/${launcher.button.lang}/${encodeURIComponent(text)}/1`)));
        return;
      }
      // Opened again while the app loads: the prerendered list, if that is what was asked.
      if (mounting) return text == null && panel.show();
      mounting = true;
      if (text != null || !hasPanel) return mountApp();
      // The list: the prerendered one shows as soon as it is here (at once after a hover or a
      // touch brought it), and the app starts two frames later, once it has been painted.
      const showThenMount = () => {
        panel.show();
        if (panel.shown() && !document.hidden) requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(mountApp)));
        else mountApp();
      };
      if (panel.received()) showThenMount();
      else panelReceived.then(showThenMount);
    } catch (e) {
      warn(`${name} failed: ${e}`);
    }
  };

  const calls = pageCalls({ command, listeners, warn, asText });
  return {
    call: (name, args) => {
      try {
        calls[name](...args);
      } catch (e) {
        warn(`${name} failed: ${e}`);
      }
    },
    // The app, its listeners and its memory go (the wasm module stays for the next mount).
    destroy: () => {
      watch.disconnect();
      try {
        widget?.command(commands.destroy);
        widget?.free();
      } catch { /* already freed */ }
      widget = null;
      pending.length = 0;
      listeners.clear();
    },
  };
}
