// The shipped content (content/, built into dist/) checked on its own: every procedure of every
// locale opens from the list, and the checker applies Huawei's published rule. The behaviour
// tests run on the fixture packs; these are the only e2e tests an edit of content/ can break.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, SHIPPED } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(SHIPPED); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('every procedure of the shipped pack opens from the list, in each locale', async () => {
  const page = await newPage(browser);
  for (const locale of ['zh-CN', 'en']) {
    await open(page, server.url, `#/${locale}`);
    const links = await page.locator('.topic a.card').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.querySelector('.card-title').textContent]));
    assert.ok(links.length >= 8, `${locale}: ${links.length} procedures`);
    for (const [href, title] of links) {
      await open(page, server.url, href);
      await page.locator('.step-of').waitFor();
      assert.equal((await page.locator('h1').textContent()).trim(), title.trim(), href);
    }
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("the shipped checker: Huawei's example, provisioned 2022-11-24 14:30:30, refundable until 2022-11-29 14:30:30", async () => {
  const page = await newPage(browser, { locale: 'en-US', timezoneId: 'UTC' });
  await page.clock.install({ time: new Date('2022-11-29T14:00:00+08:00') });
  await open(page, server.url, '#/en/refund-checker');
  await page.clock.pauseAt(new Date('2022-11-29T14:30:29+08:00'));
  await page.locator('#sw-when').fill('2022-11-24 14:30:30');
  await page.locator('.checker button[type=submit]').click();
  await page.locator('.deadline-platform').waitFor();
  assert.equal((await page.locator('.deadline-platform').textContent()).trim(), '2022-11-29 14:30:30 (UTC+08:00)');
  assert.equal((await page.locator('#sw-checker-status').textContent()).trim(), 'Eligible for a full refund');
  assert.match(await page.locator('.checker-view').textContent(), /at most 10 such unsubscriptions per calendar year/);
  await page.context().close();
});
