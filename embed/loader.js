/* Stepwise loader: the one script tag a seller adds.
 *   <script src="…/stepwise.js" data-pack="huaweicloud" data-locale="zh-CN" async></script>
 * Draws the launcher at once, in its own shadow root; loads the widget (wasm) only when the
 * buyer opens it (hovering or focusing the launcher starts the download early). Defines one
 * global, `Stepwise`, whose calls made before the wasm has loaded are queued and replayed.
 * Nothing here throws into the host page. __GLUE__, __WASM__ and __CSS__ are filled in by
 * embed/build.mjs with the build's hashed file names. */
(() => {
  const W = window, D = document;
  if (W.Stepwise) return; // loaded twice: one widget
  const warn = (m) => console.warn('Stepwise: ' + m);
  try {
    const me = D.currentScript;
    const base = new URL('./', (me && me.src) || location.href);
    const VALID = ['pack', 'locale', 'position', 'z-index', 'procedure', 'docs-base'];
    const POS = ['bottom-right', 'bottom-left'];
    const attrs = {};
    for (const a of me ? me.attributes : []) {
      const k = a.name.slice(5);
      if (a.name.slice(0, 5) !== 'data-') continue;
      if (VALID.includes(k)) attrs[k] = a.value;
      else warn(`unknown attribute data-${k}; valid: data-${VALID.join(', data-')}.`);
    }
    let pos = attrs.position || POS[0];
    if (!POS.includes(pos)) {
      warn(`data-position="${pos}" is not valid; valid: ${POS.join(', ')}. Using "${POS[0]}".`);
      pos = POS[0];
    }
    let z = attrs['z-index'] || '2147483000';
    if (!/^-?\d{1,10}$/.test(z)) {
      warn(`data-z-index="${z}" is not valid; valid: an integer such as 1000. Using 2147483000.`);
      z = '2147483000';
    }
    const zh = /^zh/i.test(attrs.locale || navigator.language || '');

    const host = D.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`:host{all:initial!important;display:block!important;position:fixed!important;bottom:16px!important;${pos === 'bottom-left' ? 'left' : 'right'}:16px!important;z-index:${z}!important;width:auto!important;height:auto!important}
.launcher{all:initial;display:flex;align-items:center;gap:8px;min-height:48px;padding:0 20px 0 14px;border-radius:24px;background:#0b57d0;color:#fff;font:600 16px/1 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.25);cursor:pointer}
.launcher:focus-visible{outline:3px solid #0b57d0;outline-offset:3px}
.launcher:hover{background:#0842a0}
.launcher b{display:grid;place-items:center;width:26px;height:26px;border-radius:50%;background:#fff;color:#0b57d0;font:700 16px/1 system-ui,sans-serif}`);
    root.adoptedStyleSheets = [sheet];
    const launcher = D.createElement('button');
    launcher.type = 'button';
    launcher.className = 'launcher';
    launcher.setAttribute('aria-haspopup', 'dialog');
    launcher.setAttribute('aria-expanded', 'false');
    const icon = D.createElement('b');
    icon.textContent = '?';
    icon.setAttribute('aria-hidden', 'true');
    launcher.append(icon, zh ? '帮助' : 'Help');
    const mount = D.createElement('div');
    mount.className = 'stepwise';
    mount.dataset.position = pos;
    root.append(launcher, mount);
    const attach = () => (D.body || D.documentElement).append(host);
    D.body ? attach() : D.addEventListener('DOMContentLoaded', attach, { once: true });

    let widget = null, loading = null;
    const queue = [], listeners = {};
    const emit = (name, detail) => {
      if (name === 'open' || name === 'close') launcher.setAttribute('aria-expanded', String(name === 'open'));
      if (name === 'close') launcher.focus();
      for (const cb of listeners[name] || []) {
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
      widget = glue.mount_widget(mount, attrs, emit);
      for (const [m, a] of queue.splice(0)) run(m, a);
    })().catch((e) => {
      warn('the widget could not load (' + e + '); the launcher will try again.');
      loading = null;
    }));
    const run = (m, a) => {
      try { widget[m](...a); } catch (e) { warn(m + ' failed: ' + e); }
    };
    const call = (m, a, wake) => {
      if (widget) return run(m, a);
      queue.push([m, a]);
      if (wake) load();
    };
    launcher.addEventListener('click', () => call('open', [], true));
    launcher.addEventListener('pointerenter', load, { once: true });
    launcher.addEventListener('focus', load, { once: true });
    const str = (v) => (v == null ? undefined : String(v));
    W.Stepwise = Object.freeze({
      open: (procedure, step) => call('open', [str(procedure), step == null ? undefined : Math.max(1, Number(step) | 0)], true),
      close: () => call('close', []),
      setLocale: (locale) => call('setLocale', [String(locale)]),
      on: (event, callback) => {
        if (typeof callback === 'function') (listeners[event] = listeners[event] || []).push(callback);
        else warn('on(event, callback): callback must be a function.');
      },
    });
  } catch (e) {
    warn('could not start: ' + e);
  }
})();
