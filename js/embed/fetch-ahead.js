// The code a cold click needs first, fetched ahead once the host page is idle after its load,
// none of it run: the runtime's module (`modulepreload`: fetched and parsed, not evaluated) and
// the panel's stylesheet (applied to the launcher's shadow root, where nothing is yet for it to
// style, so that a click does not wait for it to be parsed). They go in the launcher's shadow
// root, and go with it. Nothing when the buyer's browser asks to save data, or once the widget
// is gone. The prerendered list, the content and the wasm are the runtime's to fetch, when the
// buyer shows intent.

/** The runtime's and the panel stylesheet's files, beside the loader. */
export const RUNTIME_FILE = `${STEPWISE_BUILD.embed}.js`;
export const STYLESHEET_FILE = `${STEPWISE_BUILD.embed}.css`;

/**
 * Once the page has loaded and is idle, asks for the runtime and the stylesheet of the widget
 * whose loader came from `base`, in `root`, unless `isGone()`. A failure is the open's to find
 * and report: the open asks for them again. (A page's own requestIdleCallback or DOM methods
 * that throw leave the files to the open.)
 */
export function fetchAheadWhenIdle(base, root, isGone) {
  const hint = (rel, file) => {
    const link = document.createElement('link');
    link.rel = rel;
    link.href = new URL(file, base);
    root.append(link);
  };
  const start = () => {
    try {
      const later = window.requestIdleCallback ?? setTimeout;
      later(() => {
        try {
          if (isGone() || navigator.connection?.saveData) return;
          hint('modulepreload', RUNTIME_FILE);
          hint('stylesheet', STYLESHEET_FILE);
        } catch { /* the open loads them */ }
      });
    } catch { /* the open loads them */ }
  };
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start);
}
