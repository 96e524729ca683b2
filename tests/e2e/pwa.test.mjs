// The standalone page as an offline-capable PWA: installable, precached from the build,
// screenshots cached when seen or all at once, offline after one visit, safe updates.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { serviceWorker, SHOT_LIMITS } from '../../scripts/build/pwa.mjs';
import { serve, launch, launchPersistent, newPage, open, goOffline, idle, until, DIST, DIST_V2, screenshotPng, APP_READY } from './harness.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const V2 = DIST_V2;
let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** A first visit, then the page loaded again under its (now active) service worker. */
async function visitControlled(page, hash = '#/zh-CN') {
  await open(page, server.url, hash);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  await page.locator(APP_READY).waitFor();
  assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), 'controlled');
}
const text = async (page, sel) => (await page.locator(sel).first().textContent()).trim();

test('installable: a manifest with both languages and icons, and no installability errors', async () => {
  // Installing needs a profile that is not incognito.
  const profile = mkdtempSync(join(tmpdir(), 'stepwise-profile-'));
  const context = await launchPersistent(profile, { locale: 'zh-CN' });
  const page = context.pages()[0] ?? (await context.newPage());
  await visitControlled(page);
  const manifest = await page.evaluate(async () => (await fetch(document.querySelector('link[rel=manifest]').href)).json());
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.start_url, './#/');
  assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/);
  assert.deepEqual(manifest.name_localized, { 'zh-CN': '帮助中心', en: 'Help Center' });
  assert.deepEqual(manifest.short_name_localized, { 'zh-CN': '帮助', en: 'Help' });
  const sizes = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`);
  assert.deepEqual(sizes, ['192x192 any', '512x512 any', '512x512 maskable']);
  for (const icon of manifest.icons) {
    const [w, h] = await page.evaluate(async (src) => {
      const img = new Image();
      img.src = new URL(src, location.href).href;
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    }, icon.src);
    assert.equal(`${w}x${h}`, icon.sizes);
  }
  // What Lighthouse's installable-manifest audit asked Chromium (it was removed in Lighthouse 12).
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  await context.close();
  rmSync(profile, { recursive: true, force: true });
});

test('the precache list is the build, generated at build time', async () => {
  const dist = DIST;
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  // Every file of the build but the worker and the embed's, each with the hash of its bytes
  // (what an update compares to copy instead of download), as the worker carries them.
  const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
  const files = walk(dist).map((p) => relative(dist, p)).filter((p) => p !== 'sw.js' && p !== 'stepwise.js' && !/^stepwise-(widget|embed)-/.test(p)).sort();
  assert.ok(files.length > 20, files.join(' '));
  const shell = files.map((p) => ['./' + p, createHash('sha256').update(readFileSync(join(dist, p))).digest('hex').slice(0, 16)]);
  assert.ok(sw.includes(JSON.stringify(shell)), 'the worker lists every file of the build with its hash');
  assert.match(sw, /["'][0-9a-f]{16}["']/, 'a version');
});

test('offline after one visit: every view works, seen screenshots show, unseen ones fall back', async () => {
  const page = await newPage(browser, { images: 'ok' });
  await visitControlled(page, '#/zh-CN/invoice/2');
  // Seen: the screenshot of this step is now in the worker's cache.
  await until(() => page.evaluate(async () => (await (await caches.open('stepwise-shots-/')).keys()).length === 1), 'one screenshot cached');
  await goOffline(page.context());
  await page.reload();
  await page.locator(APP_READY).waitFor();
  assert.equal(await text(page, '.step-of'), '第 2 步，共 4 步');
  await page.waitForFunction(() => { const i = document.querySelector('.step img'); return i && i.complete && i.naturalWidth > 0; });
  for (const [slug, n] of [['order-number', 4], ['invoice', 4], ['unsubscribe-image', 1], ['unsubscribe-service', 1], ['refund-process', 4], ['review', 4], ['service-supervision', 4], ['e-contract', 5]]) {
    for (let i = 1; i <= n; i++) {
      await open(page, server.url, `#/en/${slug}/${i}`);
      assert.equal(await text(page, '.step-of'), `Step ${i} of ${n}`);
    }
  }
  // The prerendered landing pages, never visited: precached, and taken over by the app.
  await open(page, server.url + 'pages/billing/en/invoice.html');
  assert.equal(await text(page, '.step-of'), 'Step 1 of 4');
  await open(page, server.url + 'pages/calendar/zh-CN/refund-checker.html');
  assert.equal(await text(page, 'h1'), '退款期限查询');
  // An unseen screenshot shows its alt text.
  await open(page, server.url, '#/zh-CN/e-contract/3');
  await page.locator('.shot-missing').waitFor();
  assert.equal(await text(page, '.shot-missing-alt'), '申请合同');
  // Search, the locale switch and the checker.
  await open(page, server.url, '#/zh-CN');
  await page.locator('input[type=search]').fill('invoice');
  await page.locator('.results .card-title').waitFor();
  assert.equal(await text(page, '.results .card-title'), '发票');
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForFunction(() => location.hash === '#/en');
  await open(page, server.url, '#/en/refund-checker');
  await page.locator('#sw-when').fill('2022-11-24 14:30:30');
  await page.locator('.checker button').click();
  assert.equal(await text(page, '#sw-checker-status'), 'The full refund window has closed');
  // Every pack of the index is precached: another pack, never visited online, in both locales.
  for (const [hash, want] of [['#/zh-CN/cancel-an-order/3', '第 3 步，共 3 步'], ['#/en/cancel-an-order/2', 'Step 2 of 3']]) {
    await open(page, server.url + '?pack=calendar', hash);
    assert.equal(await text(page, '.step-of'), want);
  }
  await open(page, server.url + '?pack=calendar', '#/en/refund-checker');
  await page.locator('#sw-when').fill('2022-11-24 14:30:30');
  await page.locator('.checker button').click();
  assert.equal(await text(page, '.deadline-platform'), '2022-11-29 00:00:00 (UTC+08:00)');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('save all screenshots: a progress bar, a count, failures counted, then all offline', async () => {
  const page = await newPage(browser, { images: 'ok' });
  // One screenshot cannot be reached. (An HTTP error status would not be seen: the screenshots
  // come from another origin without CORS, so their responses are opaque.)
  await page.context().route('**/huaweicloud-hts-websoft9.png', (r) => r.abort('connectionrefused'));
  await visitControlled(page);
  await page.getByRole('button', { name: '保存全部截图以便离线使用' }).click();
  await page.waitForFunction(() => /已保存 11\/12 张截图，1 张失败/.test(document.querySelector('.offline-count')?.textContent ?? ''));
  assert.equal(await page.locator('.offline progress').getAttribute('value'), '12');
  assert.equal(await page.locator('.offline progress').getAttribute('max'), '12');
  await goOffline(page.context());
  await open(page, server.url, '#/zh-CN/e-contract/3');
  await page.waitForFunction(() => { const i = document.querySelector('.step img'); return i && i.complete && i.naturalWidth > 0; });
  await open(page, server.url, '#/zh-CN/e-contract/4');
  await page.locator('.shot-missing').waitFor();
  await page.context().close();
});

test('a new deployment: the page offers a reload, then uses only the new version', async () => {
  assert.ok(existsSync(join(V2, 'index.html')), 'scripts/test.sh builds target/dist-fixtures-v2 (one pack\'s text changed)');
  const page = await newPage(browser);
  await visitControlled(page);
  assert.equal(await text(page, 'h1'), '订单');
  const v1 = await page.evaluate(() => caches.keys());
  server.setRoot(V2);
  const before = server.served.length;
  try {
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.getByRole('button', { name: '重新加载' }).waitFor({ timeout: 20000 });
    // The two builds differ only in one pack's text (its zh-CN title): the update downloads
    // the worker, the changed pack file, the index that names it, and the pages and the widget
    // panel prerendered from that pack file (index.html shows it); it copies everything else: code, styles,
    // icons, the other locale's file and pages, the other packs'.
    const downloaded = [...new Set(server.served.slice(before).map(([p]) => p))].sort();
    const v1Files = readdirSync(DIST);
    const changed = JSON.parse(readFileSync(join(V2, 'packs/index.json'), 'utf8')).packs.billing.locales['zh-CN'].file;
    const pages = readdirSync(join(V2, 'pages/billing/zh-CN'), { recursive: true }).map(String).filter((f) => f.endsWith('.html')).map((f) => '/pages/billing/zh-CN/' + f);
    assert.deepEqual(downloaded, ['/index.html', '/packs/' + changed, '/packs/index.json', '/packs/index.swpi', '/pages/billing/zh-CN.panel.json', ...pages, '/sw.js'].sort());
    assert.ok(readdirSync(V2).filter((f) => /_bg\.wasm$/.test(f)).every((f) => v1Files.includes(f)), 'both builds share their wasm (content is data)');
    console.log(`# a content-only update downloaded ${downloaded.length} files, ${server.served.slice(before).reduce((n, [, b]) => n + b, 0)} B: ${downloaded.join(' ')}`);
    assert.equal(await text(page, '.update span'), '有新版本可用。');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: '重新加载' }).click()]);
    await page.locator(APP_READY + ' h1').waitFor();
    assert.equal(await text(page, 'h1'), '订单（新版）');
    const keys = await page.evaluate(() => caches.keys());
    const shells = keys.filter((k) => k.startsWith('stepwise-shell-/-'));
    assert.equal(shells.length, 1, keys.join(' '));
    assert.ok(!v1.includes(shells[0]), 'the old shell cache is gone');
    // Every file the page uses now is the new build's.
    const v2Files = readdirSync(V2);
    const used = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.slice(1)).filter((p) => /^stepwise-/.test(p)));
    assert.ok(used.length >= 2 && used.every((f) => v2Files.includes(f)), used.join(' '));
  } finally {
    server.setRoot(DIST);
  }
  await page.context().close();
});

test('without service workers, or when registration fails, the page works online', async () => {
  const context = await browser.newContext({ serviceWorkers: 'block', locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(server.url + '#/zh-CN/invoice/2');
  await page.locator('.step-of').waitFor();
  assert.equal(await text(page, '.step-of'), '第 2 步，共 4 步');
  await context.close();

  const failing = await newPage(browser);
  await failing.route('**/sw.js', (r) => r.fulfill({ status: 404, body: 'no' }));
  await open(failing, server.url, '#/zh-CN/invoice/2');
  await failing.keyboard.press('ArrowRight');
  await failing.waitForFunction(() => location.hash === '#/zh-CN/invoice/3');
  assert.deepEqual(failing.errors.filter((e) => !/sw\.js|ServiceWorker|service worker/i.test(e)), []);
  await failing.context().close();
});

test('the embedded widget registers no service worker on a seller\'s page', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + 'demo/listing.html');
  await page.locator('.launcher').click();
  await page.locator('.panel h1').waitFor();
  await idle(page);
  assert.deepEqual(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
  await page.context().close();
});

test('the screenshot cache keeps at most its limit, dropping the oldest', async () => {
  // The same build, its worker built again with its limit lowered from 200 to 2 for the test.
  const worker = Buffer.from(await serviceWorker(DIST, { ...SHOT_LIMITS, shotsLimit: 2 }));
  const small = await serve(undefined, { rewrite: (path) => (path === '/sw.js' ? worker : null) });
  try {
    const page = await newPage(browser, { images: 'ok' });
    await page.goto(small.url + '#/en/order-number/1');
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    const shots = async () => page.evaluate(async () => (await (await caches.open('stepwise-shots-/')).keys()).map((r) => r.url.split('/').pop()));
    for (const [hash, file] of [['#/en/order-number/2', 'huaweicloud-odlists-websoft9.png'], ['#/en/order-number/3', 'huaweicloud-odlists2-websoft9.png'], ['#/en/invoice/2', 'huaweicloud-feeinvmenu-websoft9.png']]) {
      await page.goto('about:blank');
      await page.goto(small.url + hash);
      // Polled from Node: waitForFunction does not wait on a predicate's promise.
      await until(async () => (await shots()).includes(file), `${file} cached`);
    }
    // The oldest goes once the third is kept (the trim follows the put).
    const want = ['huaweicloud-odlists2-websoft9.png', 'huaweicloud-feeinvmenu-websoft9.png'];
    await until(async () => JSON.stringify((await shots()).sort()) === JSON.stringify([...want].sort()), 'the cache trimmed to its limit');
    assert.deepEqual((await shots()).sort(), [...want].sort());
    await page.context().close();
  } finally {
    await small.close();
  }
});

test('a shell file changed in the cache is not served: the build\'s bytes come back', async () => {
  const page = await newPage(browser);
  await visitControlled(page);
  // A same-origin script puts its own pwa.js and glue into the worker's shell cache.
  await page.evaluate(async () => {
    const name = (await caches.keys()).find((k) => k.startsWith('stepwise-shell-/-'));
    const cache = await caches.open(name);
    const glue = (await cache.keys()).map((r) => r.url).find((u) => /\/stepwise-[0-9a-f]+\.js$/.test(u));
    await cache.put(new URL('pwa.js', location.href).href, new Response('window.__tampered = 1', { headers: { 'content-type': 'text/javascript' } }));
    await cache.put(glue, new Response('window.__tampered = 2', { headers: { 'content-type': 'text/javascript' } }));
  });
  await page.reload();
  await page.locator(APP_READY).waitFor();
  assert.equal(await page.evaluate(() => window.__tampered), undefined);
  // The changed copies were dropped and the build's put back.
  const pwa = await page.evaluate(async () => (await (await caches.match(new URL('pwa.js', location.href).href))?.text()) ?? '');
  assert.ok(!pwa.includes('__tampered') && pwa.length > 100, pwa.slice(0, 80));
  assert.match(await page.locator('script[src="pwa.js"]').getAttribute('integrity'), /^sha384-/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('offline, the worker answers only the app\'s own page', async () => {
  const page = await newPage(browser);
  await visitControlled(page);
  await goOffline(page.context());
  // The app: its page, with a query and a hash, still opens.
  await open(page, server.url + 'index.html?pack=calendar', '#/en');
  assert.equal(await text(page, 'h1'), 'Cloud shop help');
  // Any other page of the origin gets the network's error, not the help page.
  for (const path of ['demo/listing.html', 'sw.js', 'no/such/page', 'packs/']) {
    const failed = await page.goto(server.url + path).then(() => null, (e) => String(e));
    assert.match(failed ?? 'answered', /ERR_INTERNET_DISCONNECTED|ERR_FAILED/, path);
  }
  await page.context().close();
});

test('a screenshot that failed is not kept: it shows once the host answers, and the buyer can retry', async () => {
  const page = await newPage(browser, { images: 'ok' });
  let broken = true;
  // This step's screenshot: first a server error (opaque to the worker: no CORS), then the image.
  await page.context().route('**/huaweicloud-feeinvmenu-websoft9.png', (r) => (broken ? r.fulfill({ status: 500, body: 'oops' }) : r.fulfill({ status: 200, contentType: 'image/png', body: screenshotPng })));
  await visitControlled(page, '#/zh-CN/invoice/2');
  await page.locator('.shot-missing').waitFor();
  broken = false;
  // The retry asks again; the worker goes to the network first.
  await page.getByRole('button', { name: '重试' }).click();
  await page.waitForFunction(() => { const i = document.querySelector('.step img'); return i && i.complete && i.naturalWidth > 0; });
  // And a later visit, offline, shows it from the cache.
  await until(() => page.evaluate(async () => (await (await caches.open('stepwise-shots-/')).keys()).some((r) => r.url.endsWith('feeinvmenu-websoft9.png'))), 'kept once it loaded');
  await goOffline(page.context());
  await page.reload();
  await page.waitForFunction(() => { const i = document.querySelector('.step img'); return i && i.complete && i.naturalWidth > 0; });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('screenshots from a host with CORS: a real status is seen, an error is never kept', async () => {
  const page = await newPage(browser, { images: 'ok' });
  const cors = { 'access-control-allow-origin': '*' };
  await page.context().route('**/huaweicloud-odlists-websoft9.png', (r) => r.fulfill({ status: 404, headers: cors, contentType: 'text/html', body: '<h1>captive portal</h1>' }));
  await page.context().route('**/huaweicloud-odlists2-websoft9.png', (r) => r.fulfill({ status: 200, headers: cors, contentType: 'image/png', body: screenshotPng }));
  await visitControlled(page, '#/en/order-number/2');
  await page.locator('.shot-missing').waitFor();
  await open(page, server.url, '#/en/order-number/3');
  await page.waitForFunction(() => { const i = document.querySelector('.step img'); return i && i.complete && i.naturalWidth > 0; });
  const kept = async () => page.evaluate(async () => {
    const cache = await caches.open('stepwise-shots-/');
    return Promise.all((await cache.keys()).map(async (r) => [r.url.split('/').pop(), (await cache.match(r)).type]));
  });
  await until(async () => (await kept()).some(([f]) => f === 'huaweicloud-odlists2-websoft9.png'), 'the good one kept');
  // Kept with CORS (a real response, counted at its size), and the 404 page not at all.
  assert.deepEqual(await kept(), [['huaweicloud-odlists2-websoft9.png', 'cors']]);
  await page.context().close();
});

test('a small quota: screenshots still show, stay within their share, save all says what it could not keep, and an update installs', async () => {
  // The same builds, the worker counting with a quota of 3.5 MB (the shell takes about 1.3 MB as
  // the browser counts it, every step's page prerendered; each screenshot here is 100 KB): their
  // share (half) leaves room for about four.
  const CAP = 3.5 * 1024 * 1024;
  // Each build's worker built again with that quota (the update below serves the second build).
  const workers = new Map();
  for (const dist of [DIST, DIST_V2]) workers.set(readFileSync(join(dist, 'sw.js'), 'utf8'), await serviceWorker(dist, { ...SHOT_LIMITS, quotaCap: CAP }));
  const small = await serve(DIST, { rewrite: (path, body) => (path === '/sw.js' ? Buffer.from(workers.get(body.toString())) : null) });
  const page = await newPage(browser, { images: 'ok' });
  const big = Buffer.concat([screenshotPng, Buffer.alloc(100 * 1024)]);
  await page.context().route(/\.png$/, (r) => r.fulfill({ status: 200, contentType: 'image/png', body: big }));
  try {
    await page.goto(small.url + '#/en/order-number/2');
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.reload();
    const shown = () => page.waitForFunction(() => { const i = document.querySelector('.step img'); return i && i.complete && i.naturalWidth > 0; });
    // Every step with a screenshot: each one shows, online, whatever the cache holds.
    let seen = 0;
    for (const [slug, steps] of [['order-number', 4], ['invoice', 4], ['review', 4], ['service-supervision', 4], ['e-contract', 5]]) {
      for (let n = 1; n <= steps; n++) {
        await open(page, small.url, `#/en/${slug}/${n}`);
        if (!(await page.locator('.step img').count())) continue;
        await shown();
        seen++;
      }
    }
    assert.ok(seen >= 9, `${seen} screenshots seen`);
    const names = async () => page.evaluate(async () => (await (await caches.open('stepwise-shots-/')).keys()).map((r) => r.url.split('/').pop()));
    // Kept within the share (up to one screenshot over, the one just seen), the newest kept.
    await until(async () => (await names()).includes('huaweicloud-hts-websoft9.png'), 'the newest kept');
    const { usage } = await page.evaluate(async () => navigator.storage.estimate());
    assert.ok(usage <= CAP * 0.5 + 110 * 1024, `usage ${usage}`);
    assert.ok((await names()).length < seen, (await names()).join(' '));
    // Save all: what did not fit is counted, with the reason.
    await open(page, small.url, '#/zh-CN');
    await page.getByRole('button', { name: '保存全部截图以便离线使用' }).click();
    await page.waitForFunction(() => document.querySelector('.offline progress')?.getAttribute('value') === '12');
    const count = await text(page, '.offline-count');
    const [, saved, full] = /已保存 (\d+)\/12 张截图，(\d+) 张因浏览器给本页的存储空间已满未保存/.exec(count) ?? [];
    assert.ok(Number(saved) >= 1 && Number(saved) + Number(full) === 12, count);
    // A new version still installs.
    small.setRoot(V2);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.getByRole('button', { name: '重新加载' }).waitFor({ timeout: 20000 });
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await small.close();
  }
});

test('two builds under two sub-folders of one origin keep their own caches and both work offline', async () => {
  const both = join(root, 'target/dist-sub');
  assert.ok(existsSync(join(both, 'a/index.html')) && existsSync(join(both, 'b/index.html')), 'scripts/test.sh builds target/dist-sub/{a,b}');
  const sub = await serve(both);
  const page = await newPage(browser);
  try {
    for (const folder of ['a', 'b']) {
      await open(page, sub.url + folder + '/', '#/en/invoice/2');
      await page.evaluate(async () => { await navigator.serviceWorker.ready; });
      await page.reload();
      await page.locator(APP_READY).waitFor();
      assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), `${folder} controlled`);
      assert.equal(new URL(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL)).pathname, `/${folder}/sw.js`);
    }
    // b's activation left a's shell alone.
    const shells = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('stepwise-shell-')));
    assert.deepEqual(shells.map((k) => k.replace(/-[0-9a-f]{16}$/, '')).sort(), ['stepwise-shell-/a/', 'stepwise-shell-/b/']);
    await goOffline(page.context());
    for (const folder of ['a', 'b']) {
      await open(page, sub.url + folder + '/', '#/zh-CN/invoice/3');
      assert.equal(await text(page, '.step-of'), '第 3 步，共 4 步');
      // A landing page in the folder: its <base> is the build's root, wherever that is.
      await open(page, sub.url + folder + '/pages/billing/en/review.html');
      assert.equal(await text(page, '.step-of'), 'Step 1 of 4');
      assert.equal(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL), `${sub.url}${folder}/sw.js`);
    }
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await sub.close();
  }
});
