// Screenshots on real pictures (issue 25): the `screens` fixture pack's PNGs
// (tests/fixtures/screens, 1280 × 720 with readable labels at known places), served for its
// docs base by the harness, on the release build of the fixture packs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, axe, painted } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('a step shows its real screenshot, loaded at its own size, in both locales and on its prerendered page', async () => {
  for (const [locale, alt] of [['en', 'The order list; highlighted: the Billing menu, Search orders'], ['zh-CN', '订单列表；标出：费用菜单、搜索订单']]) {
    const page = await newPage(browser, { locale });
    await open(page, server.url + '?pack=screens', `#/${locale}/find-the-invoices/1`);
    const img = page.getByRole('img', { name: alt });
    await img.waitFor();
    // Loaded (the picture, not the fallback): the PNG's own pixels.
    await page.waitForFunction((a) => [...document.images].some((i) => i.alt === a && i.complete && i.naturalWidth > 0), alt);
    assert.deepEqual(await img.evaluate((i) => [i.naturalWidth, i.naturalHeight, i.currentSrc]), [1280, 720, 'https://screens.example/console-billing.png']);
    assert.equal(await page.locator('.shot-missing').count(), 0);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
  // The landing page of step 2, without the wasm: its markup alone shows the second picture.
  const page = await newPage(browser, { locale: 'en' });
  await page.context().route(/_bg\.wasm$/, (r) => r.abort('failed'));
  await page.goto(server.url + 'pages/screens/en/find-the-invoices/2.html');
  await page.waitForFunction(() => [...document.images].some((i) => i.alt === 'The invoices page; highlighted: the Invoices menu' && i.complete && i.naturalWidth === 1280));
  await page.context().close();
});

const PHONE = { width: 375, height: 667 };
const DESKTOP = { width: 1280, height: 800 };
// The billing screenshot's first region (tests/fixtures/content/screens): 160 × 40 image px,
// a 14 px label inside.
const REGION_WIDTH = 160;

/** How the step's first screenshot is drawn: which view shows, and the first region's ring and
 * the picture measured from their boxes on screen (CSS px). */
const drawn = (page) => page.evaluate(() => {
  const shot = document.querySelector('.step .shot');
  const shown = (el) => !!el && el.getClientRects().length > 0;
  const view = [...shot.querySelectorAll('.shot-crop, .shot-whole')].find(shown);
  const ring = view?.querySelector('.shot-ring')?.getBoundingClientRect();
  const picture = (view?.querySelector('img') ?? view)?.getBoundingClientRect();
  return { view: view?.getAttribute('class'), ring: ring && [ring.width, ring.height], picture: picture?.width, column: shot.getBoundingClientRect().width, dim: !!view?.querySelector('.shot-dim') };
});

test('on a phone the step shows its first region cropped at nearly its own size; on a desktop the whole screenshot with its highlight', async () => {
  for (const locale of ['en', 'zh-CN']) {
    const page = await newPage(browser, { locale, viewport: PHONE });
    await open(page, server.url + '?pack=screens', `#/${locale}/find-the-invoices/1`);
    await page.waitForFunction(() => [...document.images].some((i) => i.complete && i.naturalWidth === 1280) || document.querySelector('.shot-crop image'));
    const phone = await drawn(page);
    assert.equal(phone.view, 'shot-crop', JSON.stringify(phone));
    // The region's ring, measured from its box: at least 0.9 of its pixel size (the whole
    // picture would have drawn it at the column's share of 1280 px, about 0.26).
    assert.ok(phone.ring[0] / REGION_WIDTH >= 0.9, `the region is drawn at ${(phone.ring[0] / REGION_WIDTH).toFixed(2)} of its size: ${JSON.stringify(phone)}`);
    assert.ok(phone.picture <= phone.column + 0.5, `the crop fits the column: ${JSON.stringify(phone)}`);
    assert.ok(phone.dim);
    // The crop's picture is the same URL as the whole one: one download.
    const urls = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((u) => u.includes('console-billing')));
    assert.deepEqual(urls, ['https://screens.example/console-billing.png']);
    await page.context().close();
  }
  const page = await newPage(browser, { locale: 'en', viewport: DESKTOP });
  await open(page, server.url + '?pack=screens', '#/en/find-the-invoices/1');
  await page.waitForFunction(() => [...document.images].some((i) => i.complete && i.naturalWidth === 1280));
  const desktop = await drawn(page);
  assert.equal(desktop.view, 'shot-whole', JSON.stringify(desktop));
  const scale = desktop.picture / 1280;
  assert.ok(Math.abs(desktop.ring[0] - REGION_WIDTH * scale) < 1, `the ring is the region, over the picture: ${JSON.stringify(desktop)}`);
  assert.ok(desktop.dim);
  // Two regions: numbered 1 and 2.
  assert.deepEqual(await page.locator('.step .shot-whole .shot-badge text').allTextContents(), ['1', '2']);
  assert.equal(await page.locator('.shot-whole-switch').isVisible(), false);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the switch to the whole screenshot works, and is kept from step to step', async () => {
  const page = await newPage(browser, { locale: 'en', viewport: PHONE });
  await open(page, server.url + '?pack=screens', '#/en/find-the-invoices/1');
  const whole = page.getByRole('checkbox', { name: 'Show the whole screenshot' });
  await whole.check();
  await page.waitForFunction(() => document.querySelector('.step .shot-whole').getClientRects().length > 0);
  assert.equal((await drawn(page)).view, 'shot-whole');
  await page.getByRole('link', { name: /Next/ }).click();
  await page.locator('.step-of', { hasText: 'Step 2' }).waitFor();
  assert.equal((await drawn(page)).view, 'shot-whole', 'kept on the next step');
  assert.equal(await page.getByRole('checkbox', { name: 'Show the whole screenshot' }).isChecked(), true);
  await page.getByRole('checkbox', { name: 'Show the whole screenshot' }).uncheck();
  await page.waitForFunction(() => document.querySelector('.step .shot-crop').getClientRects().length > 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the highlight and the crop on a prerendered landing page with JavaScript off', async () => {
  for (const [viewport, view] of [[PHONE, 'shot-crop'], [DESKTOP, 'shot-whole']]) {
    const page = await newPage(browser, { locale: 'en', viewport, javaScript: false });
    await page.goto(server.url + 'pages/screens/en/find-the-invoices.html');
    await page.locator('.step .shot').waitFor();
    const d = await drawn(page);
    assert.equal(d.view, view, JSON.stringify(d));
    assert.ok(d.dim && d.ring[0] > 0, JSON.stringify(d));
    if (view === 'shot-crop') {
      assert.ok(d.ring[0] / REGION_WIDTH >= 0.9, JSON.stringify(d));
      // The switch is a plain checkbox: it works without any script.
      await page.getByRole('checkbox', { name: 'Show the whole screenshot' }).check();
      assert.equal((await drawn(page)).view, 'shot-whole');
    }
    await page.context().close();
  }
});

test('screenshots with regions: no layout shift on any step, axe finds nothing, forced colours show the frame, the capture date in both locales', async () => {
  for (const [locale, date] of [['en', 'Screens as of 1 Jun 2025'], ['zh-CN', '截图日期：2025年6月1日']]) {
    for (const viewport of [PHONE, DESKTOP]) {
      const page = await newPage(browser, { locale, viewport });
      await page.addInitScript(() => {
        window.__shifts = [];
        new PerformanceObserver((l) => window.__shifts.push(...l.getEntries().filter((e) => !e.hadRecentInput).map((e) => e.value))).observe({ type: 'layout-shift', buffered: true });
      });
      for (const step of [1, 2, 3]) {
        await open(page, server.url + '?pack=screens', `#/${locale}/find-the-invoices/${step}`);
        // (A picture the crop hides is lazy and never loads: only those shown.)
        await page.waitForFunction(() => [...document.querySelectorAll('.step img')].filter((i) => i.getClientRects().length > 0).every((i) => i.complete));
        await painted(page);
        assert.deepEqual(await page.evaluate(() => window.__shifts), [], `${locale} ${viewport.width} px, step ${step}: layout shifts`);
        assert.deepEqual(await axe(page), [], `${locale} ${viewport.width} px, step ${step}`);
        const hasShot = step < 3;
        assert.equal(await page.locator('.shots-date').count(), hasShot ? 1 : 0);
        if (hasShot) assert.equal(await page.locator('.shots-date').textContent(), date);
      }
      await page.context().close();
    }
  }
  const page = await newPage(browser, { locale: 'en', viewport: DESKTOP });
  await page.emulateMedia({ forcedColors: 'active' });
  await open(page, server.url + '?pack=screens', '#/en/find-the-invoices/1');
  const [ring, highlight] = await page.evaluate(() => {
    const probe = document.body.appendChild(document.createElement('span'));
    probe.style.color = 'Highlight';
    const ring = getComputedStyle(document.querySelector('.step .shot-whole .shot-ring'));
    return [[ring.stroke, parseFloat(ring.strokeWidth)], getComputedStyle(probe).color];
  });
  assert.equal(ring[0], highlight, 'the ring takes the system highlight colour');
  assert.ok(ring[1] >= 3, `a thick ring: ${ring[1]}`);
  await page.context().close();
});

/** The zoomed picture's scale and its place in the lightbox's viewport, from their boxes. */
const zoomed = (page) => page.evaluate(() => {
  const view = document.querySelector('dialog.lightbox[open] .lightbox-view').getBoundingClientRect();
  const picture = document.querySelector('dialog.lightbox[open] .lightbox-view .shot-whole').getBoundingClientRect();
  const ring = document.querySelector('dialog.lightbox[open] .lightbox-view .shot-ring').getBoundingClientRect();
  const inView = (r) => r.left >= view.left - 1 && r.right <= view.right + 1 && r.top >= view.top - 1 && r.bottom <= view.bottom + 1;
  return { scale: picture.width / 1280, x: picture.left - view.left, y: picture.top - view.top, view: [view.width, view.height], regionShown: inView(ring), centre: [view.left + view.width / 2, view.top + view.height / 2] };
});
/** Resolves once the picture stops moving (a step is animated unless motion is reduced). */
const settled = (page) => page.waitForFunction(() => {
  const el = document.querySelector('dialog.lightbox[open] .lightbox-view .shot-whole');
  return el && el.getAnimations().length === 0;
});

test('lightbox on a phone: it opens on the region at 1:1; a double tap fits the whole, another is 1:1 again; a pinch zooms; Esc closes and focus returns', async () => {
  const page = await newPage(browser, { locale: 'en', viewport: PHONE, touch: true });
  const context = page.context();
  await open(page, server.url + '?pack=screens', '#/en/find-the-invoices/1');
  await page.locator('.step .shot-button').tap();
  await page.locator('dialog.lightbox[open]').waitFor();
  await page.waitForFunction(() => document.querySelector('dialog.lightbox[open] img').complete);
  const opened = await zoomed(page);
  assert.equal(opened.scale, 1, JSON.stringify(opened));
  assert.ok(opened.regionShown, `the region is in view: ${JSON.stringify(opened)}`);
  const [cx, cy] = opened.centre;
  // Two taps: the whole picture; two more: its own size again.
  await page.touchscreen.tap(cx, cy);
  await page.touchscreen.tap(cx, cy);
  await page.waitForFunction(() => document.querySelector('dialog.lightbox[open] .shot-whole').getBoundingClientRect().width < 1280);
  await settled(page);
  const fitted = await zoomed(page);
  assert.ok(Math.abs(fitted.scale - fitted.view[0] / 1280) < 0.01, JSON.stringify(fitted));
  await page.touchscreen.tap(cx, cy);
  await page.touchscreen.tap(cx, cy);
  await settled(page);
  await page.waitForFunction(() => Math.abs(document.querySelector('dialog.lightbox[open] .shot-whole').getBoundingClientRect().width - 1280) < 0.5);
  // A pinch from the fitted view: two fingers apart, 60 px to 180 px.
  await page.keyboard.press('0');
  await settled(page);
  const cdp = await context.newCDPSession(page);
  const touch = (type, d) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x: cx - d, y: cy, id: 1 }, { x: cx + d, y: cy, id: 2 }] });
  await touch('touchStart', 30);
  for (const d of [45, 60, 75, 90]) await touch('touchMove', d);
  await touch('touchEnd', 0);
  const pinched = await zoomed(page);
  assert.ok(Math.abs(pinched.scale / fitted.scale - 3) < 0.05, `three times as large: ${JSON.stringify(pinched)} from ${JSON.stringify(fitted)}`);
  await page.keyboard.press('Escape');
  await page.locator('dialog.lightbox').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'shot-button');
  await context.close();
});

test('lightbox by keyboard and mouse: + is 1:1 from the fitted view, − steps back; a drag pans; motion is reduced when asked', async () => {
  for (const reducedMotion of ['no-preference', 'reduce']) {
    const page = await newPage(browser, { locale: 'en', viewport: DESKTOP });
    await page.emulateMedia({ reducedMotion });
    await open(page, server.url + '?pack=screens', '#/en/find-the-invoices/1');
    await page.locator('.step .shot-button').focus();
    await page.keyboard.press('Enter');
    await page.locator('dialog.lightbox[open]').waitFor();
    const fitted = await zoomed(page);
    assert.ok(fitted.scale < 1 && fitted.regionShown, JSON.stringify(fitted));
    await page.keyboard.press('+');
    await settled(page);
    assert.equal((await zoomed(page)).scale, 1, 'one key press');
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.lightbox-view .shot-whole')).transitionDuration), reducedMotion === 'reduce' ? '0s' : '0.15s');
    // At twice its size (one more press), a drag by the mouse pans by as much.
    await page.keyboard.press('+');
    await settled(page);
    const before = await zoomed(page);
    assert.equal(before.scale, 2);
    await page.mouse.move(before.centre[0], before.centre[1]);
    await page.mouse.down();
    await page.mouse.move(before.centre[0] - 60, before.centre[1] - 40, { steps: 4 });
    await page.mouse.up();
    const after = await zoomed(page);
    assert.ok(Math.abs(after.x - (before.x - 60)) < 1 && Math.abs(after.y - (before.y - 40)) < 1, `${JSON.stringify(before)} → ${JSON.stringify(after)}`);
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await settled(page);
    assert.equal((await zoomed(page)).scale, 1);
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await settled(page);
    assert.ok(Math.abs((await zoomed(page)).scale - fitted.scale) < 1e-3);
    await page.keyboard.press('Escape');
    await page.locator('dialog.lightbox').waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'shot-button');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('lightbox: Back (the back gesture) closes it and stays on the step; closed by Esc, it leaves no history entry behind', async () => {
  const page = await newPage(browser, { locale: 'en', viewport: PHONE, touch: true });
  await open(page, server.url + '?pack=screens', '#/en/find-the-invoices/1');
  await page.getByRole('link', { name: /Next/ }).tap();
  await page.locator('.step-of', { hasText: 'Step 2' }).waitFor();
  await page.locator('.step .shot-button').tap();
  await page.locator('dialog.lightbox[open]').waitFor();
  await page.evaluate(() => history.back());
  await page.locator('dialog.lightbox').waitFor({ state: 'detached' });
  assert.equal(new URL(page.url()).hash, '#/en/find-the-invoices/2');
  await page.locator('.step-of', { hasText: 'Step 2' }).waitFor();
  // Closed by Esc: the entry it took is gone again, so Back goes to step 1 as it would have.
  await page.locator('.step .shot-button').tap();
  await page.locator('dialog.lightbox[open]').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('dialog.lightbox').waitFor({ state: 'detached' });
  await page.waitForFunction(() => history.state !== 'stepwise-modal');
  await page.evaluate(() => history.back());
  await page.locator('.step-of', { hasText: 'Step 1' }).waitFor();
  assert.equal(new URL(page.url()).hash, '#/en/find-the-invoices/1');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
