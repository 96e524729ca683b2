/* Stepwise loader: the one script tag a seller adds.
 *   <script src="…/stepwise.js" data-pack="huaweicloud" data-locale="zh-CN" async></script>
 * Draws the launcher at once (./launcher.js) and defines one global, `Stepwise`. The runtime
 * (./runtime.js) and the panel's stylesheet are fetched once the page is idle after its load,
 * not run (./fetch-ahead.js); the runtime starts (fetching the prerendered list, the content and
 * the wasm) when the buyer opens the widget, or early when the launcher is hovered, touched or
 * focused. Calls made before that wait in a queue and are replayed. Nothing here throws
 * into the host page.
 *
 * Build constants (scripts/build/embed.mjs): STEPWISE_BUILD.firstPack, the build's first pack
 * (shown without data-pack), and STEPWISE_BUILD.defaultLocale, its default locale;
 * STEPWISE_BUILD.embed, the runtime's and the stylesheet's hashed name;
 * STEPWISE_BUILD.accentProperty. What the loader knows of the content is the same whatever the
 * number of packs: the runtime and the app learn a pack's locales from its index. */
import * as attributes from '../generated/attributes.js';
import * as commands from '../generated/commands.js';
import * as storage from '../generated/storage.js';
import { browserLanguages } from '../shared/locale.js';
import { dataAttributes, readLauncherSettings } from '../shared/launcher-settings.js';
import { loadStored } from '../shared/storage.js';
import { drawLauncher, isLauncherLocale, wordsFor } from './launcher.js';
import { RUNTIME_FILE, STYLESHEET_FILE, fetchAheadWhenIdle } from './fetch-ahead.js';

// (The runtime has its own, which says each warning once.)
const warn = (message) => console.warn('Stepwise: ' + message);

function startLoader() {
  const script = document.currentScript;
  const base = new URL('./', script?.src || location.href);
  const attrs = dataAttributes(script);
  const settings = readLauncherSettings(attrs);
  // The pack the page names (the app warns if the index has no such pack), else the first.
  const pack = attrs[attributes.pack] || STEPWISE_BUILD.firstPack;
  // The launcher speaks the widget's own words for the languages the buyer likely wants:
  // data-locale, the last one chosen, the browser's; else the build's first pack's default,
  // as the panel falls back to its pack's.
  const wanted = [attrs[attributes.locale], loadStored(pack, storage.locale), ...browserLanguages(), STEPWISE_BUILD.defaultLocale];
  const launcher = drawLauncher(settings, wordsFor(wanted).locale);

  let gone = false;
  const isGone = () => gone;

  // Until the runtime has loaded, the page's calls wait in `queue`; then `run` is the runtime's.
  const queue = [];
  let run = (name, args) => queue.push([name, args]);
  let loading = null;
  let started = null;
  // A retry asks under another URL: browsers that keep a failed module in their module map (per
  // the HTML spec before whatwg/html#10327) would fail it again.
  let failures = 0;
  // (A page's Promise that throws at once is a failure like any other.)
  const failed = (e) => {
    warn(`could not load (${e}); will retry on the next open.`);
    failures++;
    loading = null;
  };
  const load = () => {
    try {
      const retry = failures ? `?${failures}` : '';
      loading ??= import(new URL(RUNTIME_FILE, base).href + retry)
        .then((module) => module.start({ attrs, settings, base, launcher, stylesheet: new URL(STYLESHEET_FILE, base), isGone }))
        .then((widget) => {
          if (!widget) return;
          started = widget;
          run = widget.call;
          for (const [name, args] of queue.splice(0)) run(name, args);
        })
        .catch(failed);
    } catch (e) {
      failed(e);
    }
  };
  fetchAheadWhenIdle(base, launcher.root, isGone);

  // Every call the page makes is guarded here (nothing may throw into it) and checked by the
  // runtime (which warns once and ignores a bad one).
  const guarded = (name, f) => (...args) => {
    try {
      if (!gone) f(args);
    } catch (e) {
      warn(`${name} failed: ${e}`);
    }
  };
  const queued = (name) => guarded(name, (args) => run(name, args));
  const open = guarded(commands.open, (args) => {
    run(commands.open, args);
    load();
  });
  launcher.button.addEventListener('click', () => open());
  // A touch or a pen enters before it goes down, as a mouse does: `pointerenter` comes first.
  // The load starts once; after a failure, the next hover tries again.
  for (const event of ['pointerenter', 'focus']) launcher.button.addEventListener(event, load);
  window.Stepwise = Object.freeze({
    open,
    close: queued(commands.close),
    // The launcher changes at once, before any wasm, to one of the widget's own languages (the
    // app warns of a locale the pack lacks; the launcher then follows the panel).
    setLocale: guarded(commands.setLocale, (args) => {
      if (isLauncherLocale(args[0])) launcher.speak(args[0]);
      run(commands.setLocale, args);
    }),
    on: queued('on'),
    off: queued('off'),
    // For single-page apps: the launcher, the listeners, the app and this global go.
    destroy: () => {
      if (gone) return;
      gone = true;
      started?.destroy();
      queue.length = 0;
      launcher.host.remove();
      delete window.Stepwise;
    },
  });
}

// Loaded twice: one widget.
if (!window.Stepwise) {
  try {
    startLoader();
  } catch (e) {
    warn(`could not start: ${e}`);
  }
}
