// Content as data: the standalone page fetches the pack index (the app's binary copy,
// index.swpi), then only the locale it shows,
// and says what went wrong, in the buyer's language, when a pack file cannot be had; a retry
// loads it once the cause is gone. The failures are made by intercepting the page's requests,
// with service workers blocked (the worker's precache would otherwise answer for the network).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, newPage, until, binaryIndex, DIST, APP_READY } from './harness.mjs';
import { DEMO_CSP } from '../../scripts/serve.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const dist = DIST;
const index = JSON.parse(readFileSync(join(dist, 'packs/index.json'), 'utf8'));
const zhFile = index.packs.billing.locales['zh-CN'].file;
const zhBytes = readFileSync(join(dist, 'packs', zhFile));

/** File names that would leave the index's folder: nothing an index naming them names is fetched. */
/**
 * Step 2, asked for on the first step's page: a place whose markup the app must replace (a deep
 * link on the app's page would go to step 2's own page, which stays when content fails).
 */
const STEP_2 = 'pages/billing/zh-CN/invoice.html#/zh-CN/invoice/2';
const HOSTILE_NAMES = ['../x.swpk', '..\\x.swpk', 'https://evil.test/x.swpk', '//evil.test/x.swpk', '/x.swpk', '%2e%2e/x.swpk'];

let server, browser;
/** The pack files no build writes (below), made before any page waits for them: the first
 * `cargo run` of the example compiles it. */
const made = {};
before(async () => {
  made.noSteps = edited('no-steps');
  made.badLocale = edited('bad-locale');
  for (const name of HOSTILE_NAMES) made[name] = binaryIndex(indexNaming(name));
  server = await serve();
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

/** The page at `hash`, with the pack requests seen so far in `page.packRequests`. */
async function visit(hash = '#/zh-CN') {
  const page = await newPage(browser, { locale: 'zh-CN', serviceWorkers: 'block' });
  page.packRequests = [];
  page.requests = [];
  page.on('request', (r) => {
    page.requests.push(r.url());
    if (r.url().includes('/packs/')) page.packRequests.push(r.url().split('/packs/')[1]);
  });
  return page;
}

test('the page fetches the index and only the locale it shows; switching fetches the other', async () => {
  const page = await visit();
  await page.goto(server.url + STEP_2);
  await page.locator(APP_READY + ' .step-of').waitFor();
  assert.deepEqual(page.packRequests, ['index.swpi', zhFile]);
  await page.getByRole('link', { name: 'English' }).click();
  await page.locator('.step-of', { hasText: 'Step 2 of 4' }).waitFor();
  assert.deepEqual(page.packRequests, ['index.swpi', zhFile, index.packs.billing.locales.en.file]);
  await page.context().close();
});

const damaged = (at) => { const b = Buffer.from(zhBytes); b[at] ^= 0x5a; return b; };
/** The zh-CN pack file edited by `edit_pack` (a stepwise-core example) into one no build writes,
 * its header and checksum correct: only the app's own check of the content can refuse it. */
function edited(edit) {
  const dir = mkdtempSync(join(tmpdir(), 'stepwise-edited-'));
  try {
    execFileSync('cargo', ['run', '--quiet', '-p', 'stepwise-core', '--features', 'serde', '--example', 'edit_pack', '--',
      join(dist, 'packs', zhFile), join(dir, 'out.swpk'), edit], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
    return readFileSync(join(dir, 'out.swpk'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
/** The build's index with the zh-CN file of the billing pack named `name`. */
function indexNaming(name) {
  return JSON.stringify({ ...index, packs: { ...index.packs, billing: { ...index.packs.billing, locales: { ...index.packs.billing.locales, 'zh-CN': { ...index.packs.billing.locales['zh-CN'], file: name } } } } });
}
const cases = [
  ['an index that is not there', '**/packs/index.swpi', (route) => route.fulfill({ status: 404, body: 'not found' }), '服务器上找不到帮助内容'],
  ['a server that cannot be reached', `**/packs/${zhFile}`, (route) => route.abort('connectionrefused'), '无法连接到服务器'],
  ['a pack file of another format version', `**/packs/${zhFile}`, (route) => route.fulfill({ body: damaged(4) }), '版本不一致'],
  ['a pack file cut short', `**/packs/${zhFile}`, (route) => route.fulfill({ body: zhBytes.subarray(0, zhBytes.length >> 1) }), '下载不完整或已损坏'],
  ['a corrupt pack file', `**/packs/${zhFile}`, (route) => route.fulfill({ body: damaged(zhBytes.length - 10) }), '下载不完整或已损坏'],
  ['an HTML page instead of the pack file', `**/packs/${zhFile}`, (route) => route.fulfill({ body: '<!doctype html><title>Portal</title>', contentType: 'text/html' }), '下载不完整或已损坏'],
  // Files that decode, with a correct checksum, to content no build makes.
  ['a pack file whose procedures have no steps', `**/packs/${zhFile}`, (route) => route.fulfill({ body: made.noSteps }), '下载不完整或已损坏'],
  ['a pack file whose locale Intl cannot read (en-)', `**/packs/${zhFile}`, (route) => route.fulfill({ body: made.badLocale }), '下载不完整或已损坏'],
  // An index whose file names would leave its folder: nothing it names is fetched.
  ...HOSTILE_NAMES.map((name) => [
    `an index naming ${name}`, '**/packs/index.swpi', (route) => route.fulfill({ body: made[name] }), '下载不完整或已损坏',
  ]),
];

for (const [what, pattern, fail, message] of cases) {
  test(`${what}: a clear message in the buyer's language, and a retry that works`, async () => {
    const page = await visit();
    await page.route(pattern, fail);
    await page.goto(server.url + STEP_2);
    const alert = page.locator('.load-failed[role=alert]');
    await alert.waitFor();
    assert.equal(await alert.locator('h1').textContent(), '帮助内容加载失败');
    assert.ok((await alert.locator('.notice').textContent()).includes(message), await alert.textContent());
    assert.deepEqual(page.errors ?? [], [], 'no exception escapes');
    assert.deepEqual(page.requests.filter((u) => /x\.swpk/.test(u)), [], 'nothing outside the index\'s folder was asked for');
    // The cause gone, the retry brings the place asked for.
    await page.unroute(pattern);
    await alert.getByRole('button', { name: '重试' }).click();
    await page.locator('.step-of', { hasText: '第 2 步，共 4 步' }).waitFor();
    assert.equal(await page.locator('.load-failed').count(), 0);
    await page.context().close();
  });
}

for (const what of ['index.swpi', zhFile]) {
  test(`a server that never answers for ${what === zhFile ? 'the pack file' : 'the index'}: after 15 s, "cannot be reached" and a retry that works`, async () => {
    const page = await visit();
    // The clock is the page's, fast-forwarded past the fetch's timeout (no test waits 15 s).
    await page.clock.install();
    const stalled = [];
    await page.route(`**/packs/${what}`, (route) => { stalled.push(route); });
    await page.goto(server.url + STEP_2);
    await until(() => stalled.length > 0, 'the stalled request');
    await page.clock.runFor(14_000);
    assert.equal(await page.locator('.load-failed').count(), 0, 'still waiting before the timeout');
    await page.clock.runFor(2_000);
    const alert = page.locator('.load-failed[role=alert]');
    await alert.waitFor();
    assert.ok((await alert.locator('.notice').textContent()).includes('无法连接到服务器'), await alert.textContent());
    await page.unroute(`**/packs/${what}`);
    await alert.getByRole('button', { name: '重试' }).click();
    await page.locator('.step-of', { hasText: '第 2 步，共 4 步' }).waitFor();
    assert.deepEqual(page.errors, []);
    for (const r of stalled) await r.abort().catch(() => {});
    await page.context().close();
  });
}

test("a seller's own packs: built from their Markdown, hosted beside their page, one script tag with data-pack-url", async () => {
  // Step 1 of the seller flow: their Markdown folder, built by the CLI.
  const out = mkdtempSync(join(tmpdir(), 'stepwise-seller-'));
  try {
    execFileSync('cargo', ['run', '--quiet', '-p', 'stepwise-cli', '--', 'build', join(repo, 'tests/fixtures/packs/aliyun'), '--out', join(out, 'packs')], { cwd: repo, stdio: 'ignore' });
    // Step 2: uploaded beside their listing page (same origin, so their strict CSP allows it),
    // with our loader in one tag.
    const page = await visit();
    const tag = `<script src="${server.url}stepwise.js" data-pack="aliyun" data-locale="zh-CN" data-pack-url="${server.url}seller/packs/index.json" async></script>`;
    await page.route('**/seller/**', (route) => {
      const path = new URL(route.request().url()).pathname.slice('/seller/'.length);
      if (path === 'listing.html') {
        return route.fulfill({ contentType: 'text/html', headers: { 'content-security-policy': DEMO_CSP }, body: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Seller</title></head><body><h1>Listing</h1>${tag}</body></html>` });
      }
      const file = join(out, path);
      if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
      return route.fulfill({ body: readFileSync(file), contentType: path.endsWith('.json') ? 'application/json' : 'application/octet-stream' });
    });
    const warnings = [];
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await page.goto(server.url + 'seller/listing.html');
    await page.locator('.launcher').click();
    await page.locator('.panel h1', { hasText: '阿里云云市场订单' }).waitFor();
    await page.evaluate(() => window.Stepwise.open('invoice', 2));
    await page.locator('.panel .step th', { hasText: '字段' }).waitFor();
    // Their content, our code: every pack file came from their folder, none from the build's.
    assert.ok(page.packRequests.length >= 2, page.packRequests.join(', '));
    assert.ok(page.packRequests.every((r) => !r.startsWith('billing')), page.packRequests.join(', '));
    assert.deepEqual(warnings.filter((w) => w.startsWith('Stepwise')), [], 'the seller pack is taken without a warning');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
