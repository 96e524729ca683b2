// Callouts and tabs from docs sites (issue 23): on the help page, in the widget and on the
// prerendered pages without JavaScript, each callout says its kind in words and by an icon
// (never by colour alone), every tab keeps its content under its label, and axe finds nothing.
// The content is the calendar fixture pack: a tip in "Cancel an order" step 3, a warning and
// two tabs in "Refunds".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, axe, PANEL_READY } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Each callout in `root` (a page or the widget's panel): its class, role, words and icon. */
const callouts = (page, root = 'body') => page.locator(`${root} .callout`).evaluateAll((els) => els.map((el) => ({
  kind: el.className,
  role: el.getAttribute('role'),
  title: el.querySelector('.callout-title').textContent.trim(),
  iconHidden: el.querySelector('.callout-icon').getAttribute('aria-hidden'),
  body: [...el.children].slice(1).map((c) => c.textContent.trim()).join(' '),
})));

/** The tabs in `root`: each one's label, whether it is open, and whether its content shows. */
const tabs = (page, root = 'body') => page.locator(`${root} details.tab`).evaluateAll((els) => els.map((el) => ({
  label: el.querySelector('summary').textContent.trim(),
  open: el.open,
  shown: [...el.children].filter((c) => c.tagName !== 'SUMMARY').some((c) => c.checkVisibility()),
})));

test('on the help page: a tip in a step, a warning and tabs in the notes, in words, with icons, and axe finds nothing', async () => {
  const page = await newPage(browser, { locale: 'en-US' });
  await open(page, server.url + '?pack=calendar', '#/en/cancel-an-order/3');
  assert.deepEqual(await callouts(page), [{ kind: 'callout callout-tip', role: 'note', title: '✔Tip Refund time', iconHidden: 'true', body: 'A card refund takes up to 5 working days.' }]);
  assert.deepEqual(await axe(page), []);

  await open(page, server.url + '?pack=calendar', '#/en');
  assert.deepEqual(await callouts(page), [{ kind: 'callout callout-warning', role: 'note', title: '⚠Warning', iconHidden: 'true', body: 'Coupons are not refunded.' }]);
  assert.deepEqual(await tabs(page), [{ label: 'Card', open: true, shown: true }, { label: 'Balance', open: false, shown: false }]);
  // A tab opens by its label; in a browser that groups <details> by name, the other closes.
  await page.getByText('Balance', { exact: true }).click();
  assert.deepEqual(await tabs(page), [{ label: 'Card', open: false, shown: false }, { label: 'Balance', open: true, shown: true }]);
  assert.deepEqual(await axe(page), []);

  // The same in Chinese: the kind's word is the page's language.
  await open(page, server.url + '?pack=calendar', '#/zh-CN');
  assert.equal((await callouts(page))[0].title, '⚠注意');
  assert.deepEqual((await tabs(page)).map((t) => t.label), ['银行卡', '余额']);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('in forced colours, a callout is still told by its words and its border', async () => {
  const page = await newPage(browser, { locale: 'en-US' });
  await page.emulateMedia({ forcedColors: 'active' });
  await open(page, server.url + '?pack=calendar', '#/en');
  const look = await page.locator('.callout-warning').evaluate((el) => {
    const s = getComputedStyle(el);
    return { border: s.borderInlineStartWidth, style: s.borderInlineStartStyle, kind: el.querySelector('.callout-kind').textContent };
  });
  assert.deepEqual(look, { border: '4px', style: 'solid', kind: 'Warning' });
  await page.context().close();
});

test('without JavaScript, the prerendered list shows the callout and every tab', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(server.url + 'pages/calendar/en/index.html');
  assert.deepEqual(await callouts(page), [{ kind: 'callout callout-warning', role: 'note', title: '⚠Warning', iconHidden: 'true', body: 'Coupons are not refunded.' }]);
  assert.deepEqual(await tabs(page), [{ label: 'Card', open: true, shown: true }, { label: 'Balance', open: false, shown: false }]);
  await page.getByText('Balance', { exact: true }).click();
  assert.deepEqual((await tabs(page)).map((t) => t.open), [false, true]);
  await context.close();
});

test('in the widget on a listing page: the same callout and tabs, and axe finds nothing with the panel open', async () => {
  const page = await newPage(browser, { locale: 'en-US' });
  await page.route(server.url + 'demo/listing.html', async (route) => {
    const response = await route.fetch();
    route.fulfill({ response, body: (await response.text()).replace('data-locale="zh-CN"', 'data-pack="calendar" data-locale="en"') });
  });
  await page.goto(server.url + 'demo/listing.html');
  await page.locator('.launcher').click();
  await page.locator(PANEL_READY + ' h1').waitFor();
  assert.deepEqual(await callouts(page, PANEL_READY), [{ kind: 'callout callout-warning', role: 'note', title: '⚠Warning', iconHidden: 'true', body: 'Coupons are not refunded.' }]);
  assert.deepEqual(await tabs(page, PANEL_READY), [{ label: 'Card', open: true, shown: true }, { label: 'Balance', open: false, shown: false }]);
  await page.locator(PANEL_READY).getByText('Balance', { exact: true }).click();
  assert.deepEqual((await tabs(page, PANEL_READY)).map((t) => t.open), [false, true]);
  assert.deepEqual(await axe(page), []);
  await page.context().close();
});
