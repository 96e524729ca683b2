// The widget embedded on a marketplace listing page (demo/listing.html): one script tag,
// a launcher first and the wasm on demand, a modal panel in a shadow root isolated both
// ways, the JS API, data- settings, and a strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { serve, launch, newPage, axe, WITH_SCROLLBARS, idle, painted, until, askWidgetChecker, DIST, PANEL_READY } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const LISTING = 'demo/listing.html';
const WIDGET_FILES = /stepwise-(embed-|widget-)?[0-9a-f]+(_bg\.wasm|\.js|\.css)$/;

/** A page that records requests, CSP violations and console warnings, at `path`. */
async function visit(path = LISTING, options = {}) {
  const page = await newPage(browser, options);
  page.requests = [];
  page.warnings = [];
  page.on('request', (r) => page.requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'warning') page.warnings.push(m.text()); });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    window.__globals = Object.keys(window);
  });
  // `html` and `csp` change the page's markup and its Content-Security-Policy header.
  if (options.html || options.csp) {
    await page.route(server.url + path, async (route) => {
      const response = await route.fetch();
      const headers = response.headers();
      if (options.csp) headers['content-security-policy'] = options.csp(headers['content-security-policy']);
      route.fulfill({ response, headers, body: (options.html ?? ((h) => h))(await response.text()) });
    });
  }
  await page.goto(server.url + path);
  await page.locator('.launcher').waitFor();
  return page;
}

/** The loader's budget in bytes, brotli, as the build's minifier emits it (the brief's). */
const LOADER_BUDGET = 2048;
const panel = (page) => page.getByRole('dialog', { name: /帮助|Help/ });
async function openPanel(page) {
  await page.locator('.launcher').click();
  await panel(page).waitFor();
  await page.locator(PANEL_READY + ' h1').waitFor();
}
/** The widget's host element (it hangs from <html>, outside the page's <body>). */
const HOST = 'html > div';
/** The focused element inside the widget's shadow root (the document only sees the host). */
const focused = (page) => page.evaluate(() => {
  const host = [...document.documentElement.children].find((d) => d.shadowRoot?.querySelector('.launcher'));
  const el = host?.shadowRoot.activeElement;
  return el ? { tag: el.tagName, cls: el.className, text: el.textContent.trim().slice(0, 40), inPanel: !!el.closest('dialog'), id: el.id } : null;
});

test('the host page pays for a launcher, then at idle for the code a click needs; the list and the wasm come when the buyer wants them', async () => {
  const loader = readFileSync(join(DIST, 'stepwise.js'));
  const br = brotliCompressSync(loader, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  assert.ok(br <= LOADER_BUDGET, `loader ${br} B brotli`);

  const page = await visit();
  assert.equal(await page.locator('.launcher').textContent(), '?帮助');
  // Once the page is idle: the runtime and the panel's stylesheet, once each, and nothing run
  // (no wasm, no glue, no content: the runtime's start fetches the pack index).
  await idle(page);
  const AHEAD = [/\/stepwise-embed-[0-9a-f]+\.js$/, /\/stepwise-embed-[0-9a-f]+\.css$/];
  const PANEL = /\/pages\/billing\/zh-CN\.panel\.json$/;
  await until(() => AHEAD.every((re) => page.requests.some((u) => re.test(u))), 'the code a click needs, fetched ahead');
  await idle(page);
  assert.deepEqual(AHEAD.map((re) => page.requests.filter((u) => re.test(u)).length), [1, 1], page.requests.join('\n'));
  assert.deepEqual(page.requests.filter((u) => /_bg\.wasm$|\/stepwise-(widget-)?[0-9a-f]+\.js$|\/packs\/|\.panel\.json$/.test(u)), [], 'nothing of the wasm, the list or the content before it is wanted');
  assert.equal(await page.locator('.stepwise > *').count(), 0, 'nothing rendered');
  // Hovering starts the download early (the prerendered list, the wasm); opening shows the panel.
  const wasm = page.waitForRequest((r) => r.url().endsWith('_bg.wasm'));
  await page.locator('.launcher').hover();
  await wasm;
  assert.equal(page.requests.filter((u) => PANEL.test(u)).length, 1, page.requests.join('\n'));
  await openPanel(page);
  assert.equal(page.requests.filter((u) => u.endsWith('_bg.wasm')).length, 1);
  // The content was fetched while the wasm downloaded (the index, the app's copy of it, then
  // the launcher's locale), and the app used those answers: one request each, the index before
  // the wasm was in.
  await page.locator('.panel .app .main:not([aria-busy])').waitFor();
  const content = page.requests.filter((u) => /\/packs\//.test(u));
  assert.equal(content.length, 3, content.join(' '));
  assert.ok(content[0].endsWith('/packs/index.json') && content[1].endsWith('/packs/index.swpi') && /\/packs\/billing\.zh-CN\.[0-9a-f]{16}\.swpk$/.test(content[2]), content.join(' '));
  assert.ok(page.requests.indexOf(content[0]) < page.requests.findIndex((u) => u.endsWith('_bg.wasm')) + 2, page.requests.join('\n'));
  await page.context().close();

  // A buyer whose browser asks to save data gets nothing of the widget before wanting it.
  const saver = await visit(LISTING, { saveData: true });
  await idle(saver);
  await idle(saver);
  assert.deepEqual(saver.requests.filter((u) => WIDGET_FILES.test(u) || /\.panel\.json$/.test(u)), [], 'nothing of the widget before it is wanted');
  await saver.context().close();

  // Focusing the launcher by keyboard starts it too.
  const keys = await visit(LISTING, { saveData: true });
  const fetched = keys.waitForRequest((r) => r.url().endsWith('_bg.wasm'));
  for (let i = 0; i < 30 && (await focused(keys))?.cls !== 'launcher'; i++) await keys.keyboard.press('Tab');
  await fetched;
  await keys.context().close();
});

test('the panel is a modal dialog: focus stays inside, Esc closes it and focus returns', async () => {
  const page = await visit();
  await openPanel(page);
  assert.equal(await page.locator('.launcher').getAttribute('aria-expanded'), 'true');
  assert.equal((await focused(page)).inPanel, true);
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    assert.ok(f?.inPanel, `Tab ${i + 1} left the panel: ${JSON.stringify(f)}`);
  }
  await page.keyboard.press('Escape');
  await panel(page).waitFor({ state: 'hidden' });
  // The launcher follows the dialog itself, so its state is right as soon as the dialog closed.
  assert.equal(await page.locator('.launcher').getAttribute('aria-expanded'), 'false');
  assert.equal((await focused(page)).cls, 'launcher');
  // The close button does the same.
  await openPanel(page);
  await page.getByRole('button', { name: '关闭' }).click();
  await panel(page).waitFor({ state: 'hidden' });
  assert.equal((await focused(page)).cls, 'launcher');
  await page.context().close();
});

test('opening shifts nothing; under 480 px the panel is a full-screen sheet', async () => {
  const page = await visit(LISTING, { viewport: { width: 1024, height: 800 } });
  const boxes = () => page.evaluate(() => ['h1', '#buy', '.description', '.market-bar', 'body'].map((s) => JSON.stringify(document.querySelector(s).getBoundingClientRect())).concat(String(scrollY)));
  const before = await boxes();
  await openPanel(page);
  assert.deepEqual(await boxes(), before);
  const desk = await panel(page).boundingBox();
  assert.ok(desk.width <= 440 && desk.x > 500, JSON.stringify(desk));
  await page.context().close();

  const phone = await visit(LISTING, { viewport: { width: 375, height: 667 } });
  await openPanel(phone);
  assert.deepEqual(await phone.locator('.panel').boundingBox(), { x: 0, y: 0, width: 375, height: 667 });
  await phone.context().close();

  // Where the page's scrollbar takes space (a narrow desktop window), the sheet ends at it: it
  // fills the visible width, and its own scrollbar is not hidden under the page's.
  const scrolling = await launch(WITH_SCROLLBARS);
  try {
    const narrow = await newPage(scrolling, { viewport: { width: 400, height: 600 } });
    await narrow.goto(server.url + LISTING);
    const visible = await narrow.evaluate(() => document.documentElement.clientWidth);
    assert.ok(visible < 400, `the page's scrollbar takes space (${visible} px visible)`);
    await openPanel(narrow);
    assert.deepEqual(await narrow.locator('.panel').boundingBox(), { x: 0, y: 0, width: visible, height: 600 });
  } finally {
    await scrolling.close();
  }
});

test('styles are isolated both ways', async () => {
  // The hostile page's own elements keep their computed styles while the widget is open.
  const page = await visit();
  const PROPS = ['font-family', 'font-size', 'line-height', 'color', 'display', 'letter-spacing', 'box-sizing', 'margin-top', 'background-color', 'text-decoration-line'];
  const styles = () => page.evaluate((props) => ['html', 'body', 'h1', '#buy', '.description p', '.description a', '.buy', 'li'].map((s) => {
    const cs = getComputedStyle(document.querySelector(s));
    return s + ' ' + props.map((p) => cs.getPropertyValue(p)).join('|');
  }), PROPS);
  const before = await styles();
  const head = await page.evaluate(() => document.head.innerHTML.length);
  await openPanel(page);
  await panel(page).getByRole('link', { name: /^发票/ }).first().click();
  await page.locator('.panel .step-of').waitFor();
  assert.deepEqual(await styles(), before);
  assert.equal(await page.evaluate(() => document.head.innerHTML.length), head, 'nothing added to <head>');
  assert.deepEqual(await page.evaluate(() => [document.documentElement.getAttribute('style'), document.body.getAttribute('style'), document.documentElement.className, document.body.className]), [null, null, '', '']);
  // Only one global name.
  assert.deepEqual(await page.evaluate(() => Object.keys(window).filter((k) => !window.__globals.includes(k) && !k.startsWith('__'))), ['Stepwise']);

  // The open widget looks the same on the hostile page as on a blank one.
  const shot = async (p) => {
    const box = await panel(p).boundingBox();
    return steadyShot(p, { x: box.x + 16, y: box.y + 16, width: box.width - 32, height: box.height - 32 });
  };
  const blank = await visit('demo/blank.html');
  await openPanel(blank);
  await panel(blank).getByRole('link', { name: /^发票/ }).first().click();
  await blank.locator('.panel .step-of').waitFor();
  assert.ok((await shot(page)).equals(await shot(blank)), 'the panel differs between the hostile and the blank page');
  await page.context().close();
  await blank.context().close();
});

test('the JS API: open at a step, events, locale, close; calls before load are replayed', async () => {
  const page = await visit();
  await page.evaluate(() => {
    window.events = [];
    for (const e of ['open', 'close', 'step', 'refund-check']) Stepwise.on(e, (d) => window.events.push([e, d && (d.procedure ? `${d.procedure}/${d.step}` : 'eligible' in d ? `${d.eligible} ${d.deadline.toISOString()}` : '')]));
    Stepwise.on('open', () => { throw new Error('a broken listener'); });
    // All before the wasm has loaded.
    Stepwise.setLocale('en');
    Stepwise.open('invoice', 2);
  });
  await panel(page).waitFor();
  await page.locator('.panel .step-of').waitFor();
  assert.equal(await page.locator('.panel .step-of').textContent(), 'Step 2 of 4');
  await page.keyboard.press('ArrowRight');
  await page.locator('.panel .step-of', { hasText: 'Step 3 of 4' }).waitFor();
  // setLocale keeps the place it is called at (not where the widget started).
  await page.evaluate(() => Stepwise.setLocale('zh-CN'));
  await page.locator('.panel .step-of', { hasText: '第 3 步，共 4 步' }).waitFor();
  await page.evaluate(() => Stepwise.setLocale('en'));
  const url = await page.evaluate(() => location.href);
  assert.equal(url, server.url + LISTING, "the host page's URL is never touched");
  await page.evaluate(() => Stepwise.open('refund-checker'));
  await page.locator('.panel #sw-when').fill('2022-11-24 14:30:30');
  await page.locator('.panel .checker button').click();
  await page.evaluate(() => Stepwise.close());
  await panel(page).waitFor({ state: 'hidden' });
  const events = await page.evaluate(() => window.events);
  assert.deepEqual(events, [
    ['open', ''], ['step', 'invoice/2'], ['step', 'invoice/3'], ['step', 'invoice/3'], ['step', 'invoice/3'],
    ['refund-check', 'false 2022-11-29T06:30:30.000Z'], ['close', ''],
  ]);
  // A listener that throws is reported on the console and harms nothing else.
  assert.ok(page.errors.some((e) => e.includes('a broken listener')), page.errors.join('\n'));
  // Closed and opened again at once: the panel ends open (a stale close must not win). The
  // test waits for that stale `close` event, if the dialog fires one, or else two frames.
  await page.evaluate(() => new Promise((ok) => {
    const dialog = [...document.documentElement.children].find((d) => d.shadowRoot?.querySelector('.launcher')).shadowRoot.querySelector('dialog.panel');
    const frames = () => new Promise((f) => requestAnimationFrame(() => requestAnimationFrame(f)));
    const closed = new Promise((c) => dialog.addEventListener('close', () => setTimeout(c), { once: true }));
    Stepwise.open(); Stepwise.close(); Stepwise.open();
    Promise.race([closed, frames()]).then(frames).then(ok);
  }));
  assert.ok(await panel(page).isVisible());
  assert.equal(await page.locator('.launcher').getAttribute('aria-expanded'), 'true');
  // Esc, then the page opens a step in the very next task (before the dialog's `close` event):
  // the panel shows that step, and listeners hear the close, then the open.
  await page.evaluate(() => {
    window.events = [];
    document.addEventListener('keydown', (e) => e.key === 'Escape' && setTimeout(() => Stepwise.open('invoice', 2)), { once: true, capture: true });
  });
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => window.events.some(([e]) => e === 'open'));
  await page.locator('.panel .step-of', { hasText: 'Step 2 of 4' }).waitFor();
  assert.ok(await panel(page).isVisible());
  assert.deepEqual((await page.evaluate(() => window.events)).filter(([e]) => e !== 'step'), [['close', ''], ['open', '']]);
  // A close request (Esc's own path) and an open in one task: both happen, the panel ends open.
  await page.evaluate(() => { window.events = []; });
  await page.evaluate(() => {
    const dialog = [...document.documentElement.children].find((d) => d.shadowRoot?.querySelector('.launcher')).shadowRoot.querySelector('dialog.panel');
    dialog.requestClose();
    Stepwise.open('invoice', 3);
  });
  await page.locator('.panel .step-of', { hasText: 'Step 3 of 4' }).waitFor();
  await page.waitForFunction(() => window.events.some(([e]) => e === 'open'));
  assert.ok(await panel(page).isVisible());
  assert.deepEqual((await page.evaluate(() => window.events)).filter(([e]) => e !== 'step'), [['close', ''], ['open', '']]);
  await page.evaluate(() => Stepwise.close());
  await panel(page).waitFor({ state: 'hidden' });
  // The page's own link uses the API.
  await page.locator('#open-invoice').click();
  await page.locator('.panel .step-of').waitFor();
  assert.equal(await page.locator('.panel h1').textContent(), 'Invoice');
  await page.context().close();
});

test('data- settings: valid ones apply, each bad one warns once with the valid values', async () => {
  const good = await visit(LISTING, {
    html: (h) => h.replace('data-locale="zh-CN"', 'data-locale="en" data-position="bottom-left" data-z-index="1000" data-procedure="invoice" data-docs-base="https://seller.example/docs"'),
  });
  const host = good.locator(HOST).last();
  assert.equal(await host.evaluate((h) => getComputedStyle(h).zIndex), '1000');
  assert.ok((await good.locator('.launcher').boundingBox()).x < 100, 'on the left');
  assert.equal(await good.locator('.launcher').textContent(), '?Help');
  await good.locator('.launcher').click();
  await good.locator('.panel .step-of').waitFor();
  assert.equal(await good.locator('.panel h1').textContent(), 'Invoice');
  await good.evaluate(() => Stepwise.open('unsubscribe-image'));
  await good.locator('.panel .step-of').waitFor();
  assert.equal(await good.getByRole('link', { name: 'change the operating system' }).getAttribute('href'), 'https://seller.example/docs/zh/stack-deployment.html#切换操作系统部署');
  assert.deepEqual(good.warnings, []);
  await good.context().close();

  const bad = await visit(LISTING, {
    html: (h) => h.replace('data-locale="zh-CN"', 'data-pack="aws" data-locale="fr" data-position="top" data-z-index="high" data-procedure="nope" data-docs-base="javascript:alert(1)" data-colour="red"'),
  });
  await bad.locator('.launcher').click();
  await panel(bad).waitFor();
  // The wasm's warnings are written before the panel shows; the console's reach us a little later.
  await until(() => bad.warnings.length >= 7, '7 warnings');
  const w = bad.warnings;
  assert.equal(w.length, 7, w.join('\n'));
  for (const [attr, valid] of [['data-colour', 'data-pack, data-locale'], ['data-position="top"', 'bottom-right, bottom-left'], ['data-z-index="high"', 'an integer'], ['data-pack="aws"', 'billing, calendar, no-refund, screens, xss'], ['data-locale="fr"', 'zh-CN, en'], ['data-procedure="nope"', 'invoice'], ['data-docs-base="javascript:alert(1)"', 'http']]) {
    assert.equal(w.filter((m) => m.includes(attr)).length, 1, `${attr}: ${w.join('\n')}`);
    assert.ok(w.find((m) => m.includes(attr)).includes(valid), `${attr} lists ${valid}`);
  }
  assert.equal(await bad.locator(HOST).last().evaluate((h) => getComputedStyle(h).zIndex), '2147483000');
  await bad.context().close();
});

test('a data-pack or data-locale naming an Object property is just a bad value', async () => {
  for (const id of ['__proto__', 'constructor', 'toString']) {
    const page = await visit(LISTING, { html: (h) => h.replace('data-locale="zh-CN"', `data-pack="${id}" data-locale="${id}"`) });
    await page.locator('.launcher').click();
    await panel(page).waitFor();
    // Both warnings, each as the console delivers it (they need not come in one turn).
    await until(() => page.warnings.some((w) => w.includes(`data-pack="${id}" is not a pack`)), `the data-pack="${id}" warning`);
    await until(() => page.warnings.some((w) => w.includes(`data-locale="${id}"`)), `the data-locale="${id}" warning`);
    assert.deepEqual(page.errors, [], id);
    await page.context().close();
  }
});

test('loading the script twice gives one widget', async () => {
  const page = await visit(LISTING, { html: (h) => h.replace('</head>', '<script src="../stepwise.js" data-pack="billing" async></script></head>') });
  // Async scripts run before the load event.
  await page.waitForLoadState('load');
  assert.equal(await page.locator('.launcher').count(), 1);
  await page.context().close();
});

test('a screenshot with regions in the panel: cropped to its region in the narrow column, zoomed in the lightbox, under the strict CSP', async () => {
  const page = await visit(LISTING, { viewport: { width: 1280, height: 800 }, html: (h) => h.replace('data-locale="zh-CN"', 'data-pack="screens" data-locale="en"') });
  await page.locator('.launcher').waitFor();
  await page.evaluate(() => Stepwise.open('find-the-invoices', 1));
  await page.locator(PANEL_READY + ' h1').waitFor();
  // The panel's column (about 400 px) draws the 1280 px picture below 0.6: the crop shows, the
  // region's ring at nearly its own 160 px.
  await page.locator('.panel .step .shot-crop').waitFor();
  const ring = await page.locator('.panel .step .shot-crop .shot-ring').first().boundingBox();
  assert.ok(ring.width / 160 >= 0.9, `ring ${JSON.stringify(ring)}`);
  await page.locator('.panel .step .shot-button').click();
  await page.locator('.panel dialog.lightbox[open]').waitFor();
  const width = () => page.locator('.panel dialog.lightbox[open] .lightbox-view .shot-whole').evaluate((el) => el.getBoundingClientRect().width);
  const before = await width();
  await page.keyboard.press('+');
  await until(async () => (await width()) > before * 1.05, 'the picture grows');
  await page.keyboard.press('Escape');
  await page.locator('.panel dialog.lightbox').waitFor({ state: 'detached' });
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a strict CSP sees no violation, and axe finds nothing on the page with the panel open', async () => {
  const page = await visit(LISTING, { images: 'ok' });
  await openPanel(page);
  await panel(page).getByRole('link', { name: /^发票/ }).first().click();
  await page.keyboard.press('ArrowRight');
  await page.locator('.panel .shot-button').click();
  await page.getByRole('dialog', { name: '发票管理' }).waitFor();
  await page.keyboard.press('Escape');
  await askWidgetChecker(page);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(page.errors, []);
  // axe injects <style> elements of its own, which this CSP refuses: count only what comes after.
  assert.deepEqual(await axe(page), []);
  const seen = await page.evaluate(() => window.__csp.length);
  await page.evaluate(() => Stepwise.open('invoice', 2));
  await page.locator('.panel .step-of').waitFor();
  await page.keyboard.press('ArrowRight');
  await page.locator('.panel .step-of', { hasText: '第 3 步' }).waitFor();
  await painted(page);
  assert.deepEqual(await page.evaluate((n) => window.__csp.slice(n), seen), []);
  assert.deepEqual(await axe(page), []);
  await page.context().close();
});

test("a page whose CSP allows no Trusted Types policy at all sees no violation, and the prerendered list still shows first", async () => {
  const page = await visit(LISTING, { csp: (csp) => `${csp}; trusted-types 'none'` });
  assert.match(await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy')), /trusted-types 'none'/);
  // The wasm held until the prerendered list has been seen (the app replaces it once it runs).
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.context().route(/_bg\.wasm$/, async (r) => { await held; await r.continue(); });
  await page.locator('.launcher').click();
  // The build's list, from the prerendered panel (the runtime's, before the app's).
  await page.locator('[data-prerendered] dialog.panel[open] h1').waitFor();
  assert.equal(await page.locator('[data-prerendered] dialog.panel h1').textContent(), '订单');
  release();
  await page.locator(PANEL_READY + ' h1').waitFor();
  await panel(page).getByRole('link', { name: /^发票/ }).first().click();
  await page.locator('.panel .step-of').waitFor();
  await page.keyboard.press('Escape');
  await panel(page).waitFor({ state: 'hidden' });
  await page.evaluate(() => Stepwise.open('invoice', 2));
  await page.locator('.panel .step-of', { hasText: '第 2 步' }).waitFor();
  await askWidgetChecker(page);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a host page whose requestIdleCallback, fetch or Promise throws gets no uncaught error from the widget', async () => {
  for (const what of ['requestIdleCallback', 'fetch', 'Promise']) {
    const page = await newPage(browser);
    await page.addInitScript((what) => {
      // `data-idle` on <html>: the idle period after the load has passed (the widget's work ahead
      // ran in it), seen with the browser's own functions, taken before the page replaces them
      // (and read from Playwright's own world: a broken Promise breaks evaluating in the page's).
      const idle = requestIdleCallback, later = setTimeout;
      addEventListener('load', () => idle(() => later(() => { document.documentElement.dataset.idle = ''; })));
      window[what] = function () { throw new Error(`the page's ${what}`); };
    }, what);
    await page.goto(server.url + LISTING);
    await page.locator('.launcher').waitFor();
    await page.locator('html[data-idle]').waitFor({ state: 'attached' });
    await page.locator('.launcher').click();
    // With the page's own requestIdleCallback broken, the widget works; with its fetch or Promise
    // broken it may stay out, with a warning.
    if (what === 'requestIdleCallback') await panel(page).waitFor();
    assert.deepEqual(page.errors, [], what);
    await page.context().close();
  }
});

test('the panel keeps the locale the buyer chose when the page opens it at a step', async () => {
  const page = await visit();
  await openPanel(page);
  await panel(page).getByRole('link', { name: 'English' }).click();
  await page.locator('.panel .app[lang="en"]').waitFor();
  await page.getByRole('button', { name: 'Close' }).click();
  await panel(page).waitFor({ state: 'hidden' });
  // The page's own "如何索取发票？" link calls Stepwise.open('invoice', 1).
  await page.locator('#open-invoice').click();
  await page.locator('.panel .step-of').waitFor();
  assert.equal(await page.locator('.panel h1').textContent(), 'Invoice');
  assert.equal(await page.locator('.panel .step-of').textContent(), 'Step 1 of 4');
  assert.equal(await page.locator('.panel .app').getAttribute('lang'), 'en');
  await page.context().close();
});

test('the launcher speaks the language the panel will, and follows it', async () => {
  const noLocale = (h) => h.replace(' data-locale="zh-CN"', '');
  // [browser language, what is saved, the launcher's words and lang]
  for (const [browserLocale, saved, words, lang] of [['en-GB', null, '?Help', 'en'], ['zh-TW', null, '?帮助', 'zh-CN'], ['fr-FR', null, '?帮助', 'zh-CN'], ['zh-CN', 'en', '?Help', 'en'], ['en-US', 'xx', '?Help', 'en']]) {
    const page = await newPage(browser, { locale: browserLocale });
    if (saved) await page.addInitScript((v) => localStorage.setItem('stepwise:billing:locale', v), saved);
    await page.route(server.url + LISTING, async (route) => {
      const response = await route.fetch();
      route.fulfill({ response, body: noLocale(await response.text()) });
    });
    await page.goto(server.url + LISTING);
    const launcher = page.locator('.launcher');
    assert.equal(await launcher.textContent(), words, `${browserLocale}, saved ${saved}`);
    assert.equal(await launcher.getAttribute('lang'), lang);
    await launcher.click();
    await page.locator('.panel h1').waitFor();
    assert.equal(await page.locator('.panel .app').getAttribute('lang'), lang, `the panel agrees (${browserLocale})`);
    await page.context().close();
  }
  // setLocale before the wasm has loaded changes the launcher at once; the panel's own
  // language links change it too.
  const page = await visit();
  await page.evaluate(() => Stepwise.setLocale('en'));
  assert.equal(await page.locator('.launcher').textContent(), '?Help');
  await openPanel(page);
  await panel(page).getByRole('link', { name: '中文' }).click();
  await page.locator('.launcher', { hasText: '帮助' }).waitFor();
  assert.equal(await page.locator('.launcher').getAttribute('lang'), 'zh-CN');
  await page.context().close();
});

/** Host pages built to push one channel each across the shadow boundary: attributes on <html>, and a stylesheet. */
const CHANNELS = {
  'root font size 62.5%': ['lang="zh-CN"', 'html { font-size: 62.5% } body { font-size: 1.6rem }'],
  'right-to-left, Arabic': ['lang="ar" dir="rtl"', 'body { direction: rtl }'],
  'Japanese page': ['lang="ja"', ''],
  'zoomed page': ['lang="zh-CN"', 'html { zoom: 1.25 } body { zoom: 2 }'],
  'body transform and filter': ['lang="zh-CN"', 'body { transform: translateX(40px); filter: sepia(1); min-height: 100vh }'],
  'inherited properties': ['lang="zh-CN"', `:root { color: red; font: italic 30px/3 serif; letter-spacing: .3em; word-spacing: 1em; text-transform: uppercase;
    text-align: right; text-indent: 3em; white-space: pre; visibility: visible; cursor: wait; color-scheme: dark; forced-color-adjust: none;
    -webkit-text-size-adjust: 300%; text-size-adjust: 300%; line-break: anywhere; word-break: break-all; hyphens: auto; tab-size: 20;
    font-feature-settings: "smcp"; font-variant: small-caps; text-shadow: 2px 2px red; -webkit-text-stroke: 1px red; caret-color: red; accent-color: red; quotes: "x" "y" }`],
  'custom properties and font faces': ['lang="zh-CN"', `:root { --sw-accent: red; --sw-fg: red; --sw-line: red; --sw-radius: 0; --a: red }
    @font-face { font-family: "PingFang SC"; src: local("DejaVu Serif") } @font-face { font-family: "Segoe UI"; src: local("DejaVu Serif") }
    @font-face { font-family: "Microsoft YaHei"; src: local("DejaVu Serif") } @font-face { font-family: "Noto Sans CJK SC"; src: local("DejaVu Serif") }`],
  'vertical writing': ['lang="zh-CN"', 'html { writing-mode: vertical-rl }'],
  'registered custom properties': ['lang="zh-CN"', ['--sw-accent', '--sw-fg', '--sw-line', '--sw-radius', '--sw-bg', '--a'].map((p) => `@property ${p} { syntax: '<length>'; inherits: true; initial-value: 3px }`).join('\n')],
};
const channelHtml = (attrs) => `<!doctype html><html ${attrs}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>channel</title><link rel="stylesheet" href="channel.css"><script src="../stepwise.js" data-pack="billing" data-locale="zh-CN" async></script></head>
<body><h1>Host</h1><p class="para">Host text <a href="#">link</a></p><button type="button">Host button</button></body></html>`;

/** A screenshot of `clip` once the page has stopped changing (two frames alike in a row). */
async function steadyShot(page, clip) {
  let last = await page.screenshot({ clip });
  for (let i = 0; i < 20; i++) {
    await painted(page);
    const next = await page.screenshot({ clip });
    if (next.equals(last)) return next;
    last = next;
  }
  throw new Error('the page never settled');
}

/** How two PNG screenshots of the same size differ, decoded in `page`: how many pixels differ
 * at all, and by how much at most in any channel (0–255). */
const pixelDiff = (page, a, b) => page.evaluate(async ([a, b]) => {
  const data = async (b64) => {
    const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
  };
  const [x, y] = await Promise.all([data(a), data(b)]);
  if (x.width !== y.width || x.height !== y.height) return { size: false, pixels: x.width * x.height, differing: x.width * x.height, max: 255 };
  let differing = 0, max = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    const d = Math.max(...[0, 1, 2, 3].map((k) => Math.abs(x.data[i + k] - y.data[i + k])));
    if (d) { differing++; max = Math.max(max, d); }
  }
  return { size: true, pixels: x.width * x.height, differing, max };
}, [a.toString('base64'), b.toString('base64')]);

/** The same look, to the pixel, but for anti-aliasing: Chromium rasterizes the antialiased
 * edge of a rounded box a few levels apart from one raster to the next (measured: 211 of
 * 149,408 pixels, at most 7/255, on the corners of the step card and the nav buttons, in one
 * run of ~20 under load). Any channel that reaches the panel moves glyphs, colours or boxes:
 * thousands of pixels, by far more than that. */
async function sameLook(page, got, want, what) {
  if (got.equals(want)) return;
  const d = await pixelDiff(page, got, want);
  if (process.env.DUMP) { (await import('node:fs')).writeFileSync('/tmp/got.png', got); (await import('node:fs')).writeFileSync('/tmp/want.png', want); }
  assert.ok(d.size && d.max <= 12 && d.differing <= d.pixels / 200, `${what} differ from the blank page's: ${JSON.stringify(d)}`);
}

/** The panel's pixels (at a step, with a screenshot) and the launcher's, on `page`. */
async function pixels(page) {
  await page.locator('.launcher').waitFor();
  await painted(page);
  const box = await page.locator('.launcher').boundingBox();
  // The pill's straight part: its round ends show the page's own background through.
  const launcher = await steadyShot(page, { ...box, x: box.x + box.height / 2, width: box.width - box.height });
  await page.evaluate(() => Stepwise.open('invoice', 2));
  await page.locator('.panel .step-of').waitFor();
  await page.locator('.panel .shot img').evaluate((img) => img.decode());
  await painted(page);
  const p = await panel(page).boundingBox();
  // Inside the rounded corners (where the page behind shows through the backdrop).
  const inner = { x: p.x + 16, y: p.y + 16, width: p.width - 32, height: p.height - 32 };
  return { launcher, launcherBox: box, panelBox: p, panel: await steadyShot(page, inner) };
}

test('no channel of the host page reaches the panel: it looks the same, pixel for pixel, as on a blank page', async () => {
  for (const forced of ['none', 'active']) {
    const blank = await visit('demo/blank.html');
    await blank.emulateMedia({ forcedColors: forced });
    const want = await pixels(blank);
    await blank.context().close();
    for (const [name, [attrs, css]] of Object.entries(CHANNELS)) {
      const page = await newPage(browser);
      await page.route(server.url + 'demo/channel.html', (route) => route.fulfill({ contentType: 'text/html', body: channelHtml(attrs) }));
      await page.route(server.url + 'demo/channel.css', (route) => route.fulfill({ contentType: 'text/css', body: css }));
      await page.emulateMedia({ forcedColors: forced });
      await page.goto(server.url + 'demo/channel.html');
      // The host page's own look, before and after the widget opens.
      const look = () => page.evaluate(() => ['html', 'body', 'h1', '.para', 'a', 'button'].map((s) => {
        const cs = getComputedStyle(document.querySelector(s));
        return [s, cs.fontSize, cs.fontFamily, cs.direction, cs.color, cs.zoom, cs.writingMode, JSON.stringify(document.querySelector(s).getBoundingClientRect())].join('|');
      }).concat([document.documentElement.getAttribute('lang'), document.documentElement.getAttribute('dir')]));
      const before = await look();
      const got = await pixels(page);
      assert.deepEqual(await look(), before, `${name}: the host page changed`);
      assert.deepEqual(got.panelBox, want.panelBox, `${name} (forced colours ${forced}): the panel's box`);
      await sameLook(page, got.panel, want.panel, `${name} (forced colours ${forced}): the panel's pixels`);
      assert.deepEqual(got.launcherBox, want.launcherBox, `${name} (forced colours ${forced}): the launcher's box`);
      await sameLook(page, got.launcher, want.launcher, `${name} (forced colours ${forced}): the launcher's pixels`);
      await page.context().close();
    }
  }
});

test('a bad call from the page warns and harms nothing; off removes a listener', async () => {
  const page = await visit();
  const result = await page.evaluate(() => {
    const thrown = [];
    const bad = Object.create(null);
    const evil = { toString() { throw new Error('evil'); } };
    const calls = [
      () => Stepwise.on('__proto__', () => {}), () => Stepwise.on('constructor', () => {}), () => Stepwise.on('toString', () => {}),
      () => Stepwise.on(Symbol('x'), () => {}), () => Stepwise.on('open', 'not a function'), () => Stepwise.off(bad, () => {}),
      () => Stepwise.open(Symbol('x')), () => Stepwise.open(bad), () => Stepwise.open(evil), () => Stepwise.open('invoice', Symbol('y')),
      () => Stepwise.setLocale(Symbol('x')), () => Stepwise.setLocale(bad), () => Stepwise.setLocale(evil), () => Stepwise.setLocale('fr'),
      () => Stepwise.setLocale('__proto__'), () => Stepwise.setLocale('constructor'), () => Stepwise.setLocale('toString'),
      () => Stepwise.off('hasOwnProperty', () => {}), () => Stepwise.open({ toString: () => 'invoice' }, { valueOf() { throw new Error('evil'); } }),
    ];
    for (const c of calls) { try { c(); } catch (e) { thrown.push(String(e)); } }
    window.heard = [];
    const a = () => window.heard.push('a'), b = () => window.heard.push('b');
    Stepwise.on('open', a);
    Stepwise.on('open', b);
    Stepwise.off('open', a);
    return thrown;
  });
  assert.deepEqual(result, []);
  // Of all those calls, only open('invoice', <a Symbol for a step>) was good: it opens at step 1.
  await page.locator('.panel .step-of').waitFor();
  assert.equal(await page.locator('.panel .step-of').textContent(), '第 1 步，共 4 步');
  await until(() => page.evaluate(() => window.heard.length > 0), 'the open event');
  assert.deepEqual(await page.evaluate(() => window.heard), ['b']);
  // No bad call changed the locale.
  assert.equal(await page.locator('.panel .app').getAttribute('lang'), 'zh-CN');
  assert.ok(page.warnings.some((w) => w.includes('unknown event')), page.warnings.join('\n'));
  assert.ok(page.warnings.some((w) => w.includes('"fr" is not a locale')), page.warnings.join('\n'));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('seller theming: data-accent colours the launcher and the panel, an unreadable one is refused; data-label names the launcher', async () => {
  const themed = await visit(LISTING, { html: (h) => h.replace('data-locale="zh-CN"', 'data-locale="zh-CN" data-accent="#b3261e" data-label="售后帮助"') });
  assert.equal(await themed.locator('.launcher').textContent(), '?售后帮助');
  assert.equal(await themed.locator('.launcher').evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(179, 38, 30)');
  await openPanel(themed);
  await panel(themed).getByRole('link', { name: /^发票/ }).first().click();
  assert.equal(await themed.locator('.panel .step-nav .primary').evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(179, 38, 30)');
  assert.deepEqual(themed.warnings, []);
  await themed.context().close();

  // #1a73e8 carries white text at 4.51:1 but reads at only 4.17:1 as link text on the panel's grey.
  for (const accent of ['#ffeb3b', '#1a73e8', 'rgba(11, 87, 208, .5)', 'not-a-colour', 'red;}*{display:none']) {
    const page = await visit(LISTING, { html: (h) => h.replace('data-locale="zh-CN"', `data-locale="zh-CN" data-accent="${accent}" data-label=""`) });
    assert.equal(await page.locator('.launcher').evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(11, 87, 208)', accent);
    assert.equal(await page.locator('.launcher').textContent(), '?帮助');
    // The warnings come with the app, which an open mounts.
    await page.locator('.launcher').click();
    await until(() => page.warnings.length >= 2, 'two warnings');
    assert.ok(page.warnings.some((w) => w.includes(`data-accent="${accent}"`) && w.includes('WCAG AA')), page.warnings.join('\n'));
    assert.ok(page.warnings.some((w) => w.includes('data-label=""')), page.warnings.join('\n'));
    await page.context().close();
  }
});

test('destroy: the launcher, listeners and app go; 100 mount/destroy cycles leave no growth', async () => {
  const page = await visit(LISTING, { images: 'fail' });
  await openPanel(page);
  const cdp = await page.context().newCDPSession(page);
  // One cycle, as a single-page app would: the tag added, the panel opened, then destroyed.
  const cycles = (n) => page.evaluate(async (n) => {
    const shadowPanel = () => [...document.documentElement.children].find((d) => d.shadowRoot?.querySelector('.launcher'))?.shadowRoot.querySelector('dialog.panel[open] h1');
    const frame = () => new Promise((ok) => requestAnimationFrame(ok));
    // The demo page requires Trusted Types for script URLs.
    window.__policy ??= trustedTypes.createPolicy('stepwise-test', { createScriptURL: (u) => u });
    for (let i = 0; i < n; i++) {
      window.Stepwise.destroy();
      if (window.Stepwise || [...document.documentElement.children].some((d) => d.shadowRoot)) throw new Error('not destroyed');
      document.querySelectorAll('script[data-pack]').forEach((s) => s.remove());
      const tag = document.createElement('script');
      tag.src = window.__policy.createScriptURL('../stepwise.js');
      tag.dataset.pack = 'billing';
      tag.dataset.locale = 'zh-CN';
      document.head.append(tag);
      while (!window.Stepwise) await frame();
      window.Stepwise.open();
      while (!shadowPanel()) await frame();
    }
  }, n);
  const measure = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return page.evaluate(async (glueUrl) => {
      const glue = await import(glueUrl);
      const wasm = await glue.default();
      return { heap: performance.memory.usedJSHeapSize, wasm: wasm.memory.buffer.byteLength, nodes: document.getElementsByTagName('*').length + [...document.documentElement.children].reduce((n, d) => n + (d.shadowRoot ? d.shadowRoot.querySelectorAll('*').length : 0), 0) };
    }, page.requests.find((u) => /stepwise-(widget-)?[0-9a-f]+\.js$/.test(u)));
  };
  // Warm up to the allocator's steady state: its high-water mark may take one more 64 KiB page
  // within the first hundred cycles (measured: once, at 10→110 cycles, then flat for 300 more).
  // After that, a leak of more than 655 B a cycle (a 64 KiB page over 100 cycles) shows as growth.
  await cycles(110);
  const warm = await measure();
  await cycles(100);
  const after = await measure();
  console.log(`# 100 mount/destroy cycles: JS heap ${warm.heap} → ${after.heap} B, wasm memory ${warm.wasm} → ${after.wasm} B, DOM nodes ${warm.nodes} → ${after.nodes}`);
  assert.equal(after.wasm, warm.wasm, 'wasm memory grew');
  assert.equal(after.nodes, warm.nodes, 'DOM nodes grew');
  assert.ok(after.heap - warm.heap < 128 * 1024, `JS heap grew by ${after.heap - warm.heap} B over 100 cycles`);
  // Destroyed for good: nothing left, and the API is gone.
  await page.evaluate(() => window.Stepwise.destroy());
  assert.equal(await page.evaluate(() => typeof window.Stepwise), 'undefined');
  assert.equal(await page.locator('.launcher').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// (Yew renders after a command returns, so the events reach listeners outside the wasm's call.)
test('a listener may call back into the API, even destroy', async () => {
  const page = await visit();
  await page.evaluate(() => {
    Stepwise.on('open', () => Stepwise.open('invoice', 2));
    Stepwise.on('step', ({ step }) => { if (step === 3) Stepwise.destroy(); });
  });
  await page.locator('.launcher').click();
  await page.locator('.panel .step-of', { hasText: '第 2 步，共 4 步' }).waitFor();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => !('Stepwise' in window));
  await page.locator('.launcher').waitFor({ state: 'detached' });
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.warnings.filter((w) => /failed|recursive/.test(w)), []);
  await page.context().close();
});

test('without WebAssembly the prerendered list shows and a card opens its landing page in a new tab; nothing throws', async () => {
  const page = await newPage(browser);
  page.warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') page.warnings.push(m.text()); });
  // As in iOS Lockdown Mode and some managed browsers.
  await page.addInitScript(() => { delete window.WebAssembly; });
  await page.goto(server.url + LISTING);
  // The runtime learns the pack's id (which its pages are named by) from the pack index it
  // fetches on the open, and asks for the pack file once it has read it; a card clicked before
  // that opens the standalone page instead.
  const indexRead = page.waitForRequest((r) => /\/packs\/billing\.zh-CN\.[0-9a-f]+\.swpk$/.test(r.url()));
  await page.locator('.launcher').click();
  await panel(page).waitFor();
  await indexRead;
  const card = panel(page).getByRole('link', { name: /^发票/ }).first();
  const [tab] = await Promise.all([page.context().waitForEvent('page'), card.click()]);
  await tab.waitForLoadState();
  assert.equal(new URL(tab.url()).pathname, '/pages/billing/zh-CN/invoice.html');
  await tab.getByRole('heading', { name: '发票' }).first().waitFor();
  assert.equal(await page.locator('.stepwise-root[data-prerendered] .main[aria-busy]').count(), 0, 'the panel is not left busy');
  // The panel closes and opens again.
  await page.keyboard.press('Escape');
  await until(async () => (await panel(page).count()) === 0 || !(await panel(page).isVisible()), 'the panel closed');
  await page.locator('.launcher').click();
  await panel(page).waitFor();
  assert.deepEqual(page.errors, []);
  assert.equal(page.warnings.filter((w) => /WebAssembly/.test(w)).length, 1, page.warnings.join('\n'));
  await page.context().close();
});
