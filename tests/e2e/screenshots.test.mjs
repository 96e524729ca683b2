// Screenshots on real pictures (issue 25): the `screens` fixture pack's PNGs
// (tests/fixtures/screens, 1280 × 720 with readable labels at known places), served for its
// docs base by the harness, on the release build of the fixture packs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('a step shows its real screenshot, loaded at its own size, in both locales and on its prerendered page', async () => {
  for (const [locale, alt] of [['en', 'The order list'], ['zh-CN', '订单列表']]) {
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
  await page.waitForFunction(() => [...document.images].some((i) => i.alt === 'The invoices page' && i.complete && i.naturalWidth === 1280));
  await page.context().close();
});
