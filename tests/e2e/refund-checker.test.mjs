// The refund-window checker with the browser's clock and time zone under test control.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Opens the checker with the clock stopped at `now` (an ISO string), types `typed`, and asks. */
async function ask(page, now, typed, { zone = 'platform', locale = 'en', pack = '' } = {}) {
  // The clock stands still at `now` (a flowing clock would make the one-second boundary racy);
  // runFor() and fastForward() move it.
  await page.clock.install({ time: new Date(new Date(now).getTime() - 600_000) });
  // Flowing while the page loads (a clock paused by the last ask would stop the page's wasm,
  // which starts after the first frame).
  await page.clock.resume();
  await open(page, server.url + (pack && `?pack=${pack}`), `#/${locale}/refund-checker`);
  await page.clock.pauseAt(new Date(now));
  await page.locator('#sw-when').fill(typed);
  if (zone === 'local') await page.locator('input[type=radio]').nth(1).check();
  await page.locator('.checker button[type=submit]').click();
  await page.waitForFunction(() => document.querySelector('#sw-checker-status')?.textContent.trim());
  const text = async (selector) => ((await page.locator(selector).count()) ? (await page.locator(selector).textContent()).trim() : null);
  return { status: await text('#sw-checker-status'), platform: await text('.deadline-platform'), local: await text('.deadline-local'), left: await text('.time-left') };
}

test("Huawei's example: the last second is in, 14:30:30 on the fifth day is out", async () => {
  const page = await newPage(browser, { timezoneId: 'Asia/Shanghai' });
  let r = await ask(page, '2022-11-29T14:30:29+08:00', '2022-11-24 14:30:30');
  assert.equal(r.status, 'Eligible for a full refund');
  assert.equal(r.platform, '2022-11-29 14:30:30 (UTC+08:00)');
  assert.equal(r.left, 'less than a minute');
  await page.context().close();

  const later = await newPage(browser, { timezoneId: 'Asia/Shanghai' });
  r = await ask(later, '2022-11-29T14:30:30+08:00', '2022-11-24 14:30:30');
  assert.equal(r.status, 'The full refund window has closed');
  assert.equal(r.left, null);
  assert.match(await later.locator('.closed-note').textContent(), /generally not given/);
  await later.context().close();
});

test('the time left is in days, hours and minutes, and stays current', async () => {
  const page = await newPage(browser, { timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
  const r = await ask(page, '2022-11-26T10:00:00+08:00', '2022-11-24 14:30:30', { locale: 'zh-CN' });
  assert.equal(r.status, '可以全额退款');
  assert.equal(r.left, '3 天 4 小时 30 分钟');
  await page.clock.runFor(61_000);
  await page.waitForFunction(() => document.querySelector('.time-left')?.textContent === '3 天 4 小时 29 分钟');
  // Past the deadline, the open page turns the verdict over by itself.
  await page.clock.fastForward((3 * 86400 + 4 * 3600 + 30 * 60) * 1000);
  await page.waitForFunction(() => document.querySelector('#sw-checker-status')?.textContent === '已超过全额退款期限');
  await page.context().close();
});

test("a time typed in the buyer's own zone, and the deadline shown in it", async () => {
  // New York in November is UTC-5: 01:30:30 there is 14:30:30 in Beijing.
  const page = await newPage(browser, { timezoneId: 'America/New_York' });
  const r = await ask(page, '2022-11-26T00:00:00Z', '2022-11-24 01:30:30', { zone: 'local' });
  assert.equal(r.status, 'Eligible for a full refund');
  assert.equal(r.platform, '2022-11-29 14:30:30 (UTC+08:00)');
  assert.match(r.local, /11\/29\/2022, 01:30:30 EST/);
  assert.match(await page.locator('.zone label').nth(1).textContent(), /America\/New_York/);
  await page.context().close();
});

test('a future, empty or malformed time gets a message, not a verdict', async () => {
  for (const [typed, message] of [
    ['2022-11-30 00:00:00', '开通时间晚于现在。请检查输入的日期，以及所选的时区。'],
    ['', '请输入资源开通时间。'],
    ['昨天', '无法识别这个时间。请按“2022-11-24 14:30:30”的格式输入。'],
    ['2022-02-30 10:00', '这个日期或时间不存在（例如 2 月 30 日或 24 点），请检查。'],
  ]) {
    const page = await newPage(browser, { timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
    const r = await ask(page, '2022-11-26T10:00:00+08:00', typed, { locale: 'zh-CN' });
    assert.equal(r.status, message, typed);
    assert.equal(r.platform, null);
    assert.equal(await page.locator('#sw-when').getAttribute('aria-invalid'), 'true');
    await page.context().close();
  }
});

test('below the checker: how to start, the four stages, the quota', async () => {
  const page = await newPage(browser);
  await open(page, server.url, '#/zh-CN/refund-checker');
  assert.deepEqual(await page.locator('.flow li').allTextContents(), ['系统产生退款订单', 'Websoft9审批', '华为云审批', '退款结果']);
  assert.match(await page.locator('.quota').textContent(), /最多可办理 10 次/);
  assert.ok((await page.locator('.statements').textContent()).includes('5天之后，一般不予以退款'));
  await page.getByRole('link', { name: '退订镜像 →' }).click();
  await page.waitForFunction(() => location.hash === '#/zh-CN/unsubscribe-image/1');
  await page.context().close();
});

test('a calendar-days rule: the fifth day counts to its midnight, platform time', async () => {
  // The calendar fixture: 5 calendar days, the purchase day included, UTC+08:00.
  const page = await newPage(browser, { timezoneId: 'Europe/Berlin' });
  let r = await ask(page, '2022-11-28T23:59:59+08:00', '2022-11-24 14:30:30', { pack: 'calendar' });
  assert.equal(r.status, 'Eligible for a full refund');
  assert.equal(r.platform, '2022-11-29 00:00:00 (UTC+08:00)');
  assert.equal(r.left, 'less than a minute');
  assert.match(await page.locator('.lead').textContent(), /5-day full refund window/);
  // A purchase a second before midnight has the same deadline as one at 00:00:00 that day.
  r = await ask(page, '2022-11-29T00:00:00+08:00', '2022-11-24 23:59:59', { pack: 'calendar' });
  assert.equal(r.status, 'The full refund window has closed');
  assert.equal(r.platform, '2022-11-29 00:00:00 (UTC+08:00)');
  r = await ask(page, '2022-11-28T12:00:00+08:00', '2022-11-24 00:00:00', { pack: 'calendar' });
  assert.equal(r.left, '0 days, 12 hours, 0 minutes');
  // No yearly quota in this pack: the summary says nothing of one.
  assert.doesNotMatch(await page.locator('.checker-view').textContent(), /per calendar year/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a pack without a refund rule has no checker: its link goes to the list and says so', async () => {
  const page = await newPage(browser);
  await open(page, server.url + '?pack=no-refund', '#/en/refund-checker');
  await page.locator('.notice[role=alert]').waitFor();
  assert.equal(await page.locator('.checker-view').count(), 0);
  assert.equal(await page.locator('.checker-cta').count(), 0);
  assert.match(page.url(), /\?pack=no-refund#\/en$/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
