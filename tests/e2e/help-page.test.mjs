// The standalone help page, used the way a buyer uses it, on the release build of the fixture packs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, axe, painted, APP_READY } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Waits until `selector`'s text is `want` (or matches it), then returns it. */
async function textIs(page, selector, want) {
  try {
    await page.waitForFunction(([s, w, isRe]) => {
      const t = document.querySelector(s)?.textContent?.trim();
      return t !== undefined && (isRe ? new RegExp(w).test(t) : t === w);
    }, [selector, want instanceof RegExp ? want.source : want, want instanceof RegExp], { timeout: 5000 });
  } catch { /* fall through to the assertion, which says what was there */ }
  const got = (await page.locator(selector).first().textContent())?.trim();
  if (want instanceof RegExp) assert.match(got, want); else assert.equal(got, want);
  return got;
}

const hash = (page) => page.evaluate(() => location.hash);

test('walks the 发票 procedure by keyboard alone', async () => {
  const page = await newPage(browser);
  await open(page, server.url);
  assert.equal(await hash(page), '#/zh-CN');
  // Tab to the 发票 card and open it with Enter.
  let found = false;
  for (let i = 0; i < 40 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.getAttribute('href') === '#/zh-CN/invoice/1');
  }
  assert.ok(found, 'the 发票 card is reachable by Tab');
  // Focus is visible: an outline on the focused link.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  await page.keyboard.press('Enter');
  await textIs(page, '.step-of', '第 1 步，共 4 步');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'sw-step-heading');
  await textIs(page, '#sw-step-heading', /登录华为云控制台/);
  const steps = ['在顶部的费用菜单下，打开发票管理', '根据提示完成发票索取', '等待5个工作日之后，进入发票列表下载电子发票'];
  for (const [i, text] of steps.entries()) {
    await page.keyboard.press('ArrowRight');
    await textIs(page, '.step-of', `第 ${i + 2} 步，共 4 步`);
    await textIs(page, '#sw-step-heading', `${i + 2}${text}`);
    await textIs(page, '.visually-hidden[role=status]', `第 ${i + 2} 步，共 4 步`);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'sw-step-heading');
    assert.equal(await hash(page), `#/zh-CN/invoice/${i + 2}`);
  }
  // The last step says it is done and links to related procedures.
  await textIs(page, '.done h2', '✓ 已完成');
  assert.equal(await page.locator('.related a').count(), 3);
  // Past the end nothing happens; ← goes back; Esc returns to the list.
  await page.keyboard.press('ArrowRight');
  assert.equal(await hash(page), '#/zh-CN/invoice/4');
  await page.keyboard.press('ArrowLeft');
  await textIs(page, '.step-of', '第 3 步，共 4 步');
  await page.keyboard.press('Escape');
  await page.locator('input[type=search]').waitFor();
  assert.equal(await hash(page), '#/zh-CN');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a deep link opens its step; back, forward and reload keep the place', async () => {
  const page = await newPage(browser);
  await open(page, server.url, '#/zh-CN/invoice/2');
  await textIs(page, '.step-of', '第 2 步，共 4 步');
  await page.getByRole('link', { name: '下一步 →' }).click();
  await textIs(page, '.step-of', '第 3 步，共 4 步');
  await page.goBack();
  await textIs(page, '.step-of', '第 2 步，共 4 步');
  await page.goForward();
  await textIs(page, '.step-of', '第 3 步，共 4 步');
  await page.reload();
  await textIs(page, '.step-of', '第 3 步，共 4 步');
  assert.equal(await hash(page), '#/zh-CN/invoice/3');
  // A step past the end is the last step; an unknown procedure is the list with a notice.
  await open(page, server.url, '#/en/e-contract/99');
  await textIs(page, '.step-of', 'Step 5 of 5');
  assert.equal(await hash(page), '#/en/e-contract/5');
  await open(page, server.url, '#/en/no-such-thing/2');
  await textIs(page, '.notice', 'That help page does not exist. Here is all the help.');
  // Every procedure and step has a deep link.
  for (const [slug, n] of [['order-number', 4], ['invoice', 4], ['unsubscribe-image', 1], ['unsubscribe-service', 1], ['refund-process', 4], ['review', 4], ['service-supervision', 4], ['e-contract', 5]]) {
    await open(page, server.url, `#/en/${slug}/${n}`);
    await textIs(page, '.step-of', `Step ${n} of ${n}`);
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('any pack of the index by ?pack=; links without one keep the first; an unknown one says so', async () => {
  const page = await newPage(browser, { locale: 'en-US' });
  // Another pack, deep-linked to a step; its own default locale (en) for a link without one.
  await open(page, server.url + '?pack=calendar', '#/zh-CN/cancel-an-order/2');
  await textIs(page, '.step-of', '第 2 步，共 3 步');
  await textIs(page, 'h1', '取消订单');
  await page.getByRole('link', { name: '下一步 →' }).click();
  await textIs(page, '.step-of', '第 3 步，共 3 步');
  assert.equal(new URL(page.url()).search, '?pack=calendar');
  await page.reload();
  await textIs(page, '.step-of', '第 3 步，共 3 步');
  // A link without a locale: the one last used in this pack; in a fresh browser whose language
  // the pack lacks, the pack's own default (en, where the first pack's is zh-CN).
  await open(page, server.url + '?pack=calendar', '');
  await textIs(page, 'h1', '云商店帮助');
  const fresh = await newPage(browser, { locale: 'fr-FR' });
  await open(fresh, server.url + '?pack=calendar', '');
  await textIs(fresh, 'h1', 'Cloud shop help');
  await fresh.context().close();
  // A link from before packs had names: the index's first pack, at its place.
  await open(page, server.url, '#/en/invoice/2');
  await textIs(page, '.step-of', 'Step 2 of 4');
  // A pack the index lacks: the first pack's list, in the locale asked for, with the notice.
  await open(page, server.url + '?pack=nope', '#/zh-CN/invoice/2');
  await textIs(page, '.notice', '没有找到这个帮助页面，下面是全部帮助。');
  assert.equal(await hash(page), '#/zh-CN');
  await open(page, server.url + '?pack=%3Cscript%3E', '#/en');
  await textIs(page, '.notice', 'That help page does not exist. Here is all the help.');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the locale follows the browser, and the switch keeps the place', async () => {
  // The bare page shows an English reader the English list (prerendered in English), the
  // address kept.
  const en = await newPage(browser, { locale: 'en-US' });
  await open(en, server.url);
  assert.equal(new URL(en.url()).pathname, '/');
  assert.equal(await en.locator('h1').textContent(), 'Orders');
  assert.equal(await en.evaluate(() => document.documentElement.lang), 'en');
  await en.context().close();

  const page = await newPage(browser, { locale: 'zh-CN' });
  await open(page, server.url, '#/zh-CN/invoice/2');
  await page.getByRole('link', { name: 'English' }).click();
  await textIs(page, '.step-of', 'Step 2 of 4');
  await textIs(page, 'h1', 'Invoice');
  assert.equal(await hash(page), '#/en/invoice/2');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await page.getByRole('link', { name: 'English' }).getAttribute('aria-current'), 'true');
  // The choice is remembered for the next visit to the bare page: its English list.
  await open(page, server.url, '#/');
  await page.reload();
  await page.locator(APP_READY + ' input[type=search]').waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await page.locator('h1').textContent(), 'Orders');
  await page.context().close();
});

test('search matches titles and step text in Chinese and English', async () => {
  const page = await newPage(browser);
  await open(page, server.url, '#/zh-CN');
  const search = page.getByRole('searchbox', { name: '搜索帮助' });
  await search.fill('发票');
  await textIs(page, '#sw-search-status', '找到 1 项');
  await textIs(page, '.results .card-title', '发票');
  await search.fill('invoice');
  await textIs(page, '.results .card-title', '发票');
  await search.fill('我的云市场');
  await textIs(page, '#sw-search-status', '找到 2 项');
  // A step match links to that step.
  assert.equal(await page.locator('.results a').first().getAttribute('href'), '#/zh-CN/review/2');
  await search.fill('kubernetes');
  await textIs(page, '#sw-search-status', /没有找到/);
  await search.fill('contract scenario');
  await page.locator('.results a').first().click();
  await textIs(page, '.step-of', '第 4 步，共 5 步');
  await page.context().close();
});

test('screenshots load lazily into reserved boxes, zoom, and fall back to alt text', async () => {
  const page = await newPage(browser, { images: 'ok' });
  await open(page, server.url, '#/zh-CN/invoice/2');
  const img = page.locator('.step img');
  await img.waitFor();
  assert.equal(await img.getAttribute('loading'), 'lazy');
  assert.equal(await img.getAttribute('alt'), '发票管理');
  // The box is reserved before the image loads: its height follows the 1280×720 ratio.
  const box = await page.locator('.shot-button').boundingBox();
  assert.ok(Math.abs(box.height - (box.width - 2) * 720 / 1280) < 4, JSON.stringify(box));
  await page.locator('.shot-button').click();
  const dialog = page.getByRole('dialog', { name: '发票管理' });
  await dialog.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), '关闭');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'shot-button');
  // Esc in the lightbox closed only the lightbox, not the procedure.
  assert.equal(await hash(page), '#/zh-CN/invoice/2');
  await page.context().close();

  const offline = await newPage(browser, { images: 'fail' });
  await open(offline, server.url, '#/zh-CN/invoice/2');
  await textIs(offline, '.shot-missing-alt', '发票管理');
  await offline.getByRole('link', { name: '下一步 →' }).click();
  await textIs(offline, '.step-of', '第 3 步，共 4 步');
  await offline.context().close();
});

test('links render only as http(s), resolved against the docs base', async () => {
  const page = await newPage(browser);
  await open(page, server.url, '#/zh-CN/unsubscribe-image/1');
  const link = page.getByRole('link', { name: '切换操作系统' });
  assert.equal(decodeURI(await link.getAttribute('href')), 'https://support.websoft9.com/docs/zh/stack-deployment.html#切换操作系统部署');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  const hrefs = await page.evaluate(() => [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')));
  // (The deep link shows on its step's page, whose in-app links name its pack.)
  assert.ok(hrefs.every((h) => h.startsWith('#/') || h.startsWith('?pack=billing#/') || h.startsWith('https://') || h.startsWith('http://')), hrefs.join(' '));
  await page.context().close();
});

test('storage that throws or is full is ignored', async () => {
  for (const script of [
    () => Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } }),
    () => { Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); }; },
  ]) {
    const page = await newPage(browser);
    await page.addInitScript(script);
    await open(page, server.url, '#/zh-CN/invoice/1');
    await textIs(page, '.step-of', '第 1 步，共 4 步');
    await page.keyboard.press('ArrowRight');
    await textIs(page, '.step-of', '第 2 步，共 4 步');
    await page.keyboard.press('Escape');
    await page.locator('input[type=search]').waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('usable at 320 px wide: nothing overflows sideways', async () => {
  const page = await newPage(browser, { viewport: { width: 320, height: 640 } });
  const hashes = ['#/zh-CN', '#/en', '#/zh-CN/refund-checker', '#/en/refund-checker'];
  for (const locale of ['zh-CN', 'en']) {
    for (const [slug, n] of [['order-number', 4], ['invoice', 4], ['unsubscribe-image', 1], ['unsubscribe-service', 1], ['refund-process', 4], ['review', 4], ['service-supervision', 4], ['e-contract', 5]]) {
      for (let i = 1; i <= n; i++) hashes.push(`#/${locale}/${slug}/${i}`);
    }
  }
  for (const h of hashes) {
    await open(page, server.url, h);
    await painted(page);
    // Nothing wider than the screen, and no element (text, chip, button) past its right edge.
    const overflow = await page.evaluate(() => {
      const out = [...document.querySelectorAll('.app *')].filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5 && !el.closest('.visually-hidden'));
      return { width: document.scrollingElement.scrollWidth, out: out.map((el) => `${el.tagName}.${el.className}: ${el.textContent.slice(0, 30)}`) };
    });
    assert.ok(overflow.width <= 320, `${h}: scrollWidth ${overflow.width}`);
    assert.deepEqual(overflow.out, [], h);
  }
  await page.context().close();
});

test('axe-core finds no violations on the list, a step, the lightbox and the checker, in both locales', async () => {
  for (const locale of ['zh-CN', 'en']) {
    for (const viewport of [{ width: 1024, height: 800 }, { width: 320, height: 640 }]) {
      const page = await newPage(browser, { locale, viewport });
      const screens = {
        list: async () => open(page, server.url, `#/${locale}`),
        search: async () => { await open(page, server.url, `#/${locale}`); await page.locator('input[type=search]').fill('a'); await page.locator('#sw-search-status:not(:empty)').waitFor(); },
        step: async () => open(page, server.url, `#/${locale}/invoice/2`),
        'last step': async () => open(page, server.url, `#/${locale}/invoice/4`),
        lightbox: async () => { await open(page, server.url, `#/${locale}/invoice/2`); await page.locator('.shot-button').click(); await page.getByRole('dialog').waitFor(); },
        checker: async () => open(page, server.url, `#/${locale}/refund-checker`),
        'checker verdict': async () => { await open(page, server.url, `#/${locale}/refund-checker`); await page.locator('#sw-when').fill('2022-11-24 14:30:30'); await page.locator('.checker button').click(); await page.locator('.verdict').waitFor(); },
        'checker error': async () => { await open(page, server.url, `#/${locale}/refund-checker`); await page.locator('.checker button').click(); await page.locator('.checker-status.error').waitFor(); },
      };
      for (const [name, show] of Object.entries(screens)) {
        await show();
        assert.deepEqual(await axe(page), [], `${locale} ${viewport.width}px ${name}`);
      }
      await page.context().close();
    }
  }
});
