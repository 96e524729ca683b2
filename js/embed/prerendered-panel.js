// The panel with the pack's list, prerendered by the build (stepwise::prerender, one per pack
// and locale), shown on the buyer's click while the wasm loads. It comes as data
// (stepwise::prerender::markup_tree): `[tag, {attribute: value}, ...children]`, text as strings,
// built element by element, so no HTML is parsed and no Trusted Types policy is needed: a page
// whose CSP allows none sees no violation. The app renders behind it and replaces it in one
// task once it has drawn its own; a link clicked in it, or its closing, is replayed to the app.

/** The DOM of one node of the tree. */
function element(node) {
  if (typeof node === 'string') return document.createTextNode(node);
  const [tag, attributes, ...children] = node;
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  for (const child of children) el.append(element(child));
  return el;
}

/**
 * The prerendered panel of the widget drawn in `launcher` (./launcher.js), shown in `mount`:
 * - `build(text)`: parses the file's text (detached: no style or layout yet), so that a click
 *   after a hover only attaches it; a file that is not such a tree (from a build of another
 *   version, for one) gives nothing, and the app renders the list;
 * - `show()`: shows it (again, if it was closed while the app loads), in the launcher's
 *   language only;
 * - `shell()`: its element, once shown; `lang`: its language; `route`: where the buyer went in it.
 * `onClose()` is called when it closes before the app took over (Esc, its button);
 * `openPage(page)` when a link in it is clicked and `wasmless` (no app will come), with the
 * page the build prerendered for it (its `data-page`).
 */
export function prerenderedPanel({ launcher, mount, isGone, onClose, wasmless, openPage }) {
  const state = { built: undefined, shell: null, lang: null, route: null };
  const build = (text) => {
    const shell = document.createElement('div');
    shell.className = 'stepwise-root';
    shell.dataset.prerendered = '';
    try {
      for (const node of JSON.parse(text)) shell.append(element(node));
    } catch {
      return null;
    }
    state.lang = shell.querySelector('.app[lang]')?.lang;
    return shell.querySelector('dialog') ? shell : null;
  };
  const dialog = () => state.shell?.querySelector('dialog');
  const show = () => {
    if (state.shell) {
      if (state.shell.isConnected && !dialog().open) dialog().showModal();
      return;
    }
    const shell = state.built;
    if (!shell || launcher.button.lang !== state.lang || isGone()) return;
    const panel = shell.querySelector('dialog');
    mount.append(shell);
    panel.showModal();
    panel.addEventListener('click', (e) => {
      const link = e.target.closest('a[href^="#/"]');
      if (link) {
        e.preventDefault();
        if (wasmless) return openPage(link.dataset.page);
        state.route = link.getAttribute('href');
        panel.querySelector('.main')?.setAttribute('aria-busy', 'true');
      } else if (e.target.closest('.panel-close')) {
        panel.close();
      }
    });
    // Closed (Esc, its button) before the app took over: the app is told, after the calls
    // before. (The launcher follows it as it follows the app's panel.)
    new MutationObserver(() => shell.isConnected && !panel.open && onClose())
      .observe(panel, { attributes: true, attributeFilter: ['open'] });
    state.shell = shell;
  };
  return {
    /** Parses `text` (or nothing: `null`) as the panel to show. */
    receive: (text) => { state.built = (text && build(text)) || null; },
    /** Whether the file has been received (and parsed, or found wanting). */
    received: () => state.built !== undefined,
    show,
    close: () => dialog()?.close(),
    isOpen: () => !!dialog()?.open,
    /** Its element while it is on the page, for the app to take over. */
    shell: () => (state.shell?.isConnected ? state.shell : null),
    shown: () => !!state.shell,
    lang: () => state.lang,
    route: () => state.route,
    /** The page the build prerendered for the link to `href`, if the panel has such a link. */
    pageOf: (href) => [...(state.built?.querySelectorAll('a[data-page]') ?? [])].find((a) => a.getAttribute('href') === href)?.dataset.page,
  };
}
