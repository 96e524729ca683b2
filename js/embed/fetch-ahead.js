// What a cold click waits for, fetched once: the panel's stylesheet and the runtime's module
// (evaluating it starts nothing: its `start` does), which may come at idle; and the prerendered
// list (the build's pack in the launcher's language), which comes when the buyer shows intent
// (a hover, a touch, focus, a click), so that what a page fetches before that stays small. The
// wasm is not among them.

/**
 * What the widget whose loader came from `base`, drawn in `root`, fetches ahead: `code()` gives
 * `{ stylesheet, runtime }`, the stylesheet applied in `root` (a promise, resolved loaded or
 * not) and the runtime module (a promise); `all()` gives those and `panel`, the prerendered
 * panel's text (a promise of it, or of `null` where it is not there; `null` itself where
 * `panelFile()` names none). Each is fetched once, but for a runtime that failed to load: it is
 * fetched afresh, under another URL (browsers that keep a failed module in their module map,
 * per the HTML spec before whatwg/html#10327, would fail it again).
 */
export function aheadFetcher(base, root, panelFile) {
  let code = null;
  let panel;
  let failures = 0;
  const fetchCode = () => {
    if (code) return code;
    const stylesheet = new Promise((done) => {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = new URL(`${STEPWISE_BUILD.embed}.css`, base);
      link.onload = link.onerror = done;
      root.append(link);
    });
    const retry = failures ? `?${failures}` : '';
    const runtime = import(new URL(`${STEPWISE_BUILD.embed}.js`, base).href + retry).catch((e) => {
      failures++;
      code = null;
      throw e;
    });
    code = { stylesheet, runtime };
    return code;
  };
  const fetchPanel = () => {
    // (A pack the build lacks has none: the answer is a 404, and the app shows the list.)
    const file = panelFile();
    return file ? fetch(new URL(file, base)).then((r) => (r.ok ? r.text() : null), () => null) : null;
  };
  return {
    code: fetchCode,
    all: () => ({ ...fetchCode(), panel: panel === undefined ? (panel = fetchPanel()) : panel }),
  };
}

/**
 * Runs `prefetch` (giving `{ runtime }`) once the page has loaded and is idle, unless the
 * buyer's browser asks to save data or the widget is gone. Nothing of it runs; a failure is the
 * open's to report. (A page's own requestIdleCallback, fetch or Promise that throws leaves the
 * files to the open.)
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
