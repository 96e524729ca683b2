// The widget embedded on a marketplace listing page (demo/listing.html): one script tag,
// a launcher first and the wasm on demand, a modal panel in a shadow root isolated both
// ways, the JS API, data- settings, and a strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { serve, launch, newPage, axe } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const LISTING = 'demo/listing.html';
const WIDGET_FILES = /stepwise-[0-9a-f]+(_bg\.wasm|\.js|\.css)$/;

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
  if (options.html) {
    await page.route(server.url + path, async (route) => {
      const response = await route.fetch();
      route.fulfill({ response, body: options.html(await response.text()) });
    });
  }
  await page.goto(server.url + path);
  await page.locator('.launcher').waitFor();
  return page;
}

const panel = (page) => page.getByRole('dialog', { name: /帮助|Help/ });
async function openPanel(page) {
  await page.locator('.launcher').click();
  await panel(page).waitFor();
  await page.locator('.panel h1').waitFor();
}
/** The focused element inside the widget's shadow root (the document only sees the host). */
const focused = (page) => page.evaluate(() => {
  const host = [...document.querySelectorAll('body > div')].find((d) => d.shadowRoot?.querySelector('.launcher'));
  const el = host?.shadowRoot.activeElement;
  return el ? { tag: el.tagName, cls: el.className, text: el.textContent.trim().slice(0, 40), inPanel: !!el.closest('dialog'), id: el.id } : null;
});

test('the host page pays for a launcher only; the wasm comes when the buyer opens it', async () => {
  const loader = readFileSync(new URL('../../dist/stepwise.js', import.meta.url));
  const br = brotliCompressSync(loader, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  assert.ok(br <= 2048, `loader ${br} B brotli`);

  const page = await visit();
  assert.equal(await page.locator('.launcher').textContent(), '?帮助');
  await page.waitForTimeout(500);
  assert.deepEqual(page.requests.filter((u) => WIDGET_FILES.test(u)), [], 'nothing of the widget before it is wanted');
  // Hovering starts the download early; opening shows the panel.
  const wasm = page.waitForRequest((r) => r.url().endsWith('_bg.wasm'));
  await page.locator('.launcher').hover();
  await wasm;
  await openPanel(page);
  assert.equal(page.requests.filter((u) => u.endsWith('_bg.wasm')).length, 1);
  await page.context().close();

  // Focusing the launcher by keyboard starts it too.
  const keys = await visit();
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
  assert.equal((await focused(page)).cls, 'launcher');
  assert.equal(await page.locator('.launcher').getAttribute('aria-expanded'), 'false');
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
    return p.screenshot({ clip: { x: box.x + 16, y: box.y + 16, width: box.width - 32, height: box.height - 32 } });
  };
  const blank = await visit('demo/blank.html');
  await openPanel(blank);
  await panel(blank).getByRole('link', { name: /^发票/ }).first().click();
  await blank.locator('.panel .step-of').waitFor();
  await page.waitForTimeout(200);
  await blank.waitForTimeout(200);
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
  await page.waitForFunction(() => document.querySelector('body > div:last-of-type')?.shadowRoot?.querySelector('.step-of')?.textContent === 'Step 3 of 4');
  // setLocale keeps the place it is called at (not where the widget started).
  await page.evaluate(() => Stepwise.setLocale('zh-CN'));
  await page.waitForFunction(() => document.querySelector('body > div:last-of-type')?.shadowRoot?.querySelector('.step-of')?.textContent === '第 3 步，共 4 步');
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
  // Closed and opened again at once: the panel ends open (a stale close must not win).
  await page.evaluate(() => { Stepwise.open(); Stepwise.close(); Stepwise.open(); });
  await page.waitForTimeout(200);
  assert.ok(await panel(page).isVisible());
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
  const host = good.locator('body > div').last();
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
    html: (h) => h.replace('data-pack="huaweicloud" data-locale="zh-CN"', 'data-pack="aws" data-locale="fr" data-position="top" data-z-index="high" data-procedure="nope" data-docs-base="javascript:alert(1)" data-colour="red"'),
  });
  await bad.locator('.launcher').click();
  await panel(bad).waitFor();
  await bad.waitForTimeout(100);
  const w = bad.warnings;
  assert.equal(w.length, 7, w.join('\n'));
  for (const [attr, valid] of [['data-colour', 'data-pack, data-locale'], ['data-position="top"', 'bottom-right, bottom-left'], ['data-z-index="high"', 'an integer'], ['data-pack="aws"', 'huaweicloud'], ['data-locale="fr"', 'zh-CN, en'], ['data-procedure="nope"', 'invoice'], ['data-docs-base="javascript:alert(1)"', 'http']]) {
    assert.equal(w.filter((m) => m.includes(attr)).length, 1, `${attr}: ${w.join('\n')}`);
    assert.ok(w.find((m) => m.includes(attr)).includes(valid), `${attr} lists ${valid}`);
  }
  assert.equal(await bad.locator('body > div').last().evaluate((h) => getComputedStyle(h).zIndex), '2147483000');
  await bad.context().close();
});

test('loading the script twice gives one widget', async () => {
  const page = await visit(LISTING, { html: (h) => h.replace('</head>', '<script src="../stepwise.js" data-pack="huaweicloud" async></script></head>') });
  await page.waitForTimeout(300);
  assert.equal(await page.locator('.launcher').count(), 1);
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
  await page.evaluate(() => Stepwise.open('refund-checker'));
  await page.locator('.panel #sw-when').fill('2022-11-24 14:30:30');
  await page.locator('.panel .checker button').click();
  await page.locator('.panel .verdict').waitFor();
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(page.errors, []);
  // axe injects <style> elements of its own, which this CSP refuses: count only what comes after.
  assert.deepEqual(await axe(page), []);
  const seen = await page.evaluate(() => window.__csp.length);
  await page.evaluate(() => Stepwise.open('invoice', 2));
  await page.locator('.panel .step-of').waitFor();
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(100);
  assert.deepEqual(await page.evaluate((n) => window.__csp.slice(n), seen), []);
  assert.deepEqual(await axe(page), []);
  await page.context().close();
});
