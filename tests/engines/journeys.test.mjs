// The buyer's main journeys in every engine buyers use (Chromium, Firefox, WebKit), through W3C
// WebDriver, on the fixture build: the standalone page (the list before the wasm and after the
// takeover, search, a procedure by button and by key, a deep link and Back, the language switch,
// the checker with a good and a bad input, offline after one visit) and the widget on the demo
// listing page (under the strict CSP, and under one that allows no Trusted Types policy at all).
// An error on the console or uncaught in a page fails the journey, and so does an error the
// browser itself logs where its driver tells (Firefox, through WebDriver BiDi).
//   ENGINES=webkit node --test tests/engines/journeys.test.mjs   (scripts/test.sh runs each engine)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Key } from 'selenium-webdriver';
import { serve, DIST } from '../e2e/harness.mjs';
import { serve as serveDir } from '../../scripts/serve.mjs';
import { ENGINES, session } from './drivers.mjs';

let server;
before(async () => { server = await serve(); });
after(async () => { await server?.close(); });

/** Records what a page reports as an error: uncaught errors, unhandled rejections, console.error
 * and CSP violations. WebKitWebDriver has no BiDi to listen with, so this goes into each page
 * after it loads (what happens before is seen by the journey's own checks). It also gives the
 * journeys `__widget()`, the widget's shadow root (its host hangs from <html>). */
const RECORDER = () => {
  window.__widget = () => [...document.documentElement.children].find((d) => d.shadowRoot?.querySelector('.launcher'))?.shadowRoot;
  if (window.__errors) return;
  window.__errors = [];
  addEventListener('error', (e) => { if (e instanceof ErrorEvent) __errors.push(`uncaught: ${e.message}`); });
  addEventListener('unhandledrejection', (e) => __errors.push(`unhandled rejection: ${e.reason}`));
  document.addEventListener('securitypolicyviolation', (e) => __errors.push(`CSP: ${e.violatedDirective} ${e.blockedURI}`));
  const error = console.error;
  console.error = (...a) => { __errors.push(`console.error: ${a.join(' ')}`); error.apply(console, a); };
};

/** Runs `fn` (a function, sent as source) in the page with `args`. */
const run = (browser, fn, ...args) => browser.executeScript(`return (${fn})(...arguments)`, ...args);

/** Waits until `fn` (run in the page) returns something truthy, and returns it. */
async function until(browser, what, fn, ...args) {
  let last;
  try {
    return await browser.wait(async () => (last = await run(browser, fn, ...args)), 15_000);
  } catch {
    throw new Error(`${browser.engine}: timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
  }
}

/** Loads `url` afresh and installs the recorder. */
async function go(browser, url) {
  await browser.get('about:blank');
  await browser.get(url);
  await run(browser, RECORDER);
}

/** The standalone page's app has taken over and shows its place (harness APP_READY). */
const appReady = (browser) => until(browser, 'the app', () => !!document.querySelector('html:not([data-prerendered]) .app main:not([aria-busy])'));
const text = (browser, selector) => run(browser, (s) => document.querySelector(s)?.textContent.trim() ?? null, selector);
const textIs = (browser, selector, want) => until(browser, `${selector} to read ${want}`, (s, w) => document.querySelector(s)?.textContent.trim() === w, selector, want);

async function noErrors(browser) {
  assert.deepEqual(await run(browser, () => window.__errors ?? []), [], `${browser.engine}: errors in the page`);
  assert.deepEqual(browser.logged.splice(0), [], `${browser.engine}: errors the browser logged`);
}

/** The widget's shadow root's `selector` (as an element the driver can click). */
const inWidget = (browser, selector) => run(browser, (s) => __widget()?.querySelector(s), selector);
const widgetText = (browser, selector) => run(browser, (s) => __widget()?.querySelector(s)?.textContent.trim() ?? null, selector);
const widgetTextIs = (browser, selector, want) => until(browser, `the widget's ${selector} to read ${want}`, (s, w) => __widget()?.querySelector(s)?.textContent.trim() === w, selector, want);

/** Sets a text field's value as typing does (WebKitWebDriver's typing turns `:` into `;`). */
const type = (browser, element, value) => run(browser, (el, v) => { el.focus(); el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); }, element, value);

for (const engine of ENGINES) {
  test(`${engine}: the standalone page: the list before and after the wasm, search, a procedure by button and by key, a deep link and Back, the language switch`, async () => {
    const browser = await session(engine);
    try {
      await browser.get(server.url + '#/zh-CN');
      // The prerendered list (before or after the takeover, whichever this engine shows first).
      assert.equal(await until(browser, 'the list', () => document.querySelector('.app h1')?.textContent.trim()), '订单');
      await appReady(browser);
      await run(browser, RECORDER);
      assert.equal(await text(browser, '.app h1'), '订单');
      // Search.
      const search = await browser.findElement({ css: 'input[type=search]' });
      await search.sendKeys('invoice');
      await until(browser, 'the search result', () => [...document.querySelectorAll('.card-title')].map((c) => c.textContent.trim()).join('|') === '发票');
      await run(browser, (el) => { el.value = ''; el.dispatchEvent(new Event('input', { bubbles: true })); }, search);
      // A procedure: the card, Next, then → on the keyboard.
      await (await browser.findElement({ css: 'a.card[href$="/invoice/1"]' })).click();
      await textIs(browser, '.step-of', '第 1 步，共 4 步');
      await (await browser.findElement({ xpath: '//a[contains(@class, "primary") and contains(., "下一步")]' })).click();
      await textIs(browser, '.step-of', '第 2 步，共 4 步');
      await browser.actions().sendKeys(Key.ARROW_RIGHT).perform();
      await textIs(browser, '.step-of', '第 3 步，共 4 步');
      assert.equal(await run(browser, () => location.hash), '#/zh-CN/invoice/3');
      // The language switch keeps the place.
      await (await browser.findElement({ css: 'a.locale[lang="en"]' })).click();
      await textIs(browser, '.step-of', 'Step 3 of 4');
      await noErrors(browser);

      // A deep link, a step further, and Back.
      await go(browser, server.url + '#/en/invoice/2');
      await appReady(browser);
      await textIs(browser, '.step-of', 'Step 2 of 4');
      await browser.actions().sendKeys(Key.ARROW_RIGHT).perform();
      await textIs(browser, '.step-of', 'Step 3 of 4');
      await browser.navigate().back();
      await textIs(browser, '.step-of', 'Step 2 of 4');
      assert.equal(await run(browser, () => location.hash), '#/en/invoice/2');
      await noErrors(browser);
    } finally {
      await browser.end();
    }
  });

  test(`${engine}: the refund checker answers a good time and explains a bad one`, async () => {
    const browser = await session(engine);
    try {
      await go(browser, server.url + '#/en/refund-checker');
      await appReady(browser);
      const when = await browser.findElement({ css: '#sw-when' });
      // Huawei's example, long past: the window has closed.
      await type(browser, when, '2022-11-24 14:30:30');
      await (await browser.findElement({ css: '.checker button[type=submit]' })).click();
      await textIs(browser, '#sw-checker-status', 'The full refund window has closed');
      assert.equal(await text(browser, '.deadline-platform'), '2022-11-29 14:30:30 (UTC+08:00)');
      // An hour ago: still in, with the time left.
      const hourAgo = await run(browser, () => {
        const t = new Date(Date.now() - 3600_000 + 8 * 3600_000);
        return t.toISOString().slice(0, 19).replace('T', ' ');
      });
      await type(browser, when, hourAgo);
      await (await browser.findElement({ css: '.checker button[type=submit]' })).click();
      await textIs(browser, '#sw-checker-status', 'Eligible for a full refund');
      assert.match(await text(browser, '.time-left'), /^4 days/);
      // A bad input: a message, no verdict.
      await type(browser, when, 'yesterday');
      await (await browser.findElement({ css: '.checker button[type=submit]' })).click();
      await until(browser, 'the message', () => /could not be read/.test(document.querySelector('#sw-checker-status')?.textContent));
      assert.equal(await run(browser, () => document.querySelector('#sw-when').getAttribute('aria-invalid')), 'true');
      assert.equal(await text(browser, '.deadline-platform'), null);
      await noErrors(browser);
    } finally {
      await browser.end();
    }
  });

  test(`${engine}: offline after one visit`, async () => {
    // A server of its own, stopped to go offline (WebDriver has no offline switch).
    const own = await serveDir(DIST, 0);
    const browser = await session(engine);
    try {
      await go(browser, own.url + '#/zh-CN/invoice/2');
      await appReady(browser);
      // The worker controls the page and has the build in its cache.
      await until(browser, 'the service worker', async () => !!navigator.serviceWorker.controller && (await caches.keys()).some((k) => k.startsWith('stepwise-shell-')));
      await own.close();
      // (Loaded again, not reloaded: geckodriver's reload bypasses the service worker, which a
      // buyer's reload does not.)
      await go(browser, own.url + '#/zh-CN/invoice/2');
      await appReady(browser);
      await textIs(browser, '.step-of', '第 2 步，共 4 步');
      await go(browser, own.url + '#/en/e-contract/3');
      await appReady(browser);
      await textIs(browser, '.step-of', 'Step 3 of 5');
      await go(browser, own.url + 'pages/billing/en/review.html');
      await appReady(browser);
      await textIs(browser, '.step-of', 'Step 1 of 4');
      await noErrors(browser);
    } finally {
      await browser.end();
      await own.close();
    }
  });

  for (const [name, csp] of [['the strict CSP', (p) => p], ["a CSP that allows no Trusted Types policy (trusted-types 'none')", (p) => `${p}; trusted-types 'none'`]]) {
    test(`${engine}: the widget on a listing page under ${name}: open, a procedure, Esc, the JS API`, async () => {
      const listing = await serveDir(DIST, 0, { csp });
      const browser = await session(engine);
      try {
        await go(browser, listing.url + 'demo/listing.html');
        const launcher = await until(browser, 'the launcher', () => __widget()?.querySelector('.launcher'));
        assert.equal(await widgetText(browser, '.launcher'), '?帮助');
        await launcher.click();
        // Opened by a click: the focus is in the panel, and no keyboard ring is drawn (WebKit drew
        // one on the first link).
        const ring = () => {
          const root = __widget();
          const at = root.activeElement;
          return at?.closest('dialog.panel[open]') && `${at.tagName} ${getComputedStyle(at).outlineStyle}`;
        };
        assert.match(await until(browser, 'the focus in the open panel', ring), / none$/);
        await widgetTextIs(browser, '.stepwise-root:not([data-prerendered]) .panel .main:not([aria-busy]) h1', '订单');
        assert.match(await run(browser, ring), / none$/);
        await (await inWidget(browser, '.panel a.card[href$="/invoice/1"]')).click();
        await widgetTextIs(browser, '.panel .step-of', '第 1 步，共 4 步');
        // Esc closes the panel and gives the focus back to the launcher.
        await browser.actions().sendKeys(Key.ESCAPE).perform();
        await until(browser, 'the panel closed, the focus on the launcher', () => {
          const root = __widget();
          return !root.querySelector('dialog.panel[open]') && root.activeElement?.classList.contains('launcher');
        });
        // The JS API: a listener, open at a step, the language.
        await run(browser, () => { window.__steps = []; Stepwise.on('step', (d) => __steps.push(`${d.procedure}/${d.step}`)); Stepwise.open('invoice', 2); });
        await widgetTextIs(browser, '.panel .step-of', '第 2 步，共 4 步');
        await run(browser, () => Stepwise.setLocale('en'));
        await widgetTextIs(browser, '.panel .step-of', 'Step 2 of 4');
        assert.equal(await widgetText(browser, '.launcher'), '?Help');
        await until(browser, 'the step event', () => window.__steps.includes('invoice/2'));
        // Esc, and the page opens a step in the very next task. Where that task comes after the
        // dialog closed (Chromium, Firefox), the open wins: the panel shows the step and the page
        // hears the close, then the open. WebKit closes the dialog a task later than the key
        // event: there the open lands first (a step change in the open panel) and the Esc then
        // closes it. Either way the panel's state is the dialog's: the next open works.
        await run(browser, () => {
          window.__events = [];
          for (const e of ['open', 'close']) Stepwise.on(e, () => __events.push(e));
          const dialog = __widget().querySelector('dialog.panel');
          document.addEventListener('keydown', (e) => e.key === 'Escape' && setTimeout(() => {
            window.__openedBeforeClosing = dialog.open;
            Stepwise.open('invoice', 3);
          }), { once: true, capture: true });
        });
        await browser.actions().sendKeys(Key.ESCAPE).perform();
        await widgetTextIs(browser, '.panel .step-of', 'Step 3 of 4');
        const panelOpen = () => !!__widget().querySelector('dialog.panel[open]');
        if (await until(browser, 'the call', () => window.__openedBeforeClosing !== undefined) && (await run(browser, () => window.__openedBeforeClosing))) {
          await until(browser, 'the close', () => window.__events.join() === 'close');
          assert.equal(await run(browser, panelOpen), false);
          await run(browser, () => Stepwise.open('invoice', 3));
          await until(browser, 'the open', () => window.__events.join() === 'close,open');
        } else {
          await until(browser, 'close, then open', () => window.__events.join() === 'close,open');
        }
        assert.equal(await run(browser, panelOpen), true);
        await run(browser, () => Stepwise.close());
        await until(browser, 'the panel closed', () => !__widget().querySelector('dialog.panel[open]'));
        await noErrors(browser);
      } finally {
        await browser.end();
        await listing.close();
      }
    });
  }
}
