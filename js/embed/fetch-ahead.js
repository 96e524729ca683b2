// What a cold click waits for, fetched together and once: the panel's stylesheet, its
// prerendered list (the build's pack in the launcher's language), and the runtime's module
// (evaluating it starts nothing: its `start` does). The wasm is not among them.
/**
 * A function that gives `{ stylesheet, panel, runtime }` for the widget whose loader came from
 * `base`, drawn in `root`: the stylesheet applied in `root` (a promise, resolved loaded or
 * not); the prerendered panel's text (a promise of it, or of `null` where it is not there;
 * `null` itself where `panelFile()` names none); the runtime module (a promise). Called
 * again, it gives the same, unless the runtime failed to load: then it starts afresh (under
 * another URL: browsers that keep a failed module in their module map, per the HTML spec
 * before whatwg/html#10327, would fail it again).
 */
export function aheadFetcher(base, root, panelFile) {
  let fetched = null;
  let failures = 0;
  return () => {
    if (fetched) return fetched;
    const stylesheet = new Promise((done) => {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = new URL(`${STEPWISE_BUILD.embed}.css`, base);
      link.onload = link.onerror = done;
      root.append(link);
    });
    // (A pack the build lacks has none: the answer is a 404, and the app shows the list.)
    const file = panelFile();
    const panel = file ? fetch(new URL(file, base)).then((r) => (r.ok ? r.text() : null), () => null) : null;
    const retry = failures ? `?${failures}` : '';
    const runtime = import(new URL(`${STEPWISE_BUILD.embed}.js`, base).href + retry).catch((e) => {
      failures++;
      fetched = null;
      throw e;
    });
    fetched = { stylesheet, panel, runtime };
    return fetched;
  };
}

/**
 * Runs `prefetch` once the page has loaded and is idle, unless the buyer's browser asks to
 * save data or the widget is gone. Nothing of it runs; a failure is the open's to report. (A
 * page's own requestIdleCallback, fetch or Promise that throws leaves the files to the open.)
 */
export function whenIdle(prefetch, isGone) {
  const start = () => {
    try {
      const later = window.requestIdleCallback ?? setTimeout;
      later(() => {
        try {
          if (!isGone() && !navigator.connection?.saveData) prefetch().runtime.catch(() => {});
        } catch { /* the open loads them */ }
      });
    } catch { /* the open loads them */ }
  };
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start);
}
