// The widget as sellers embed it: the listing page on the marketplace's origin, the help build on
// the seller's own (another port here: another origin), the pack index perhaps on a third, the
// listing page under a strict CSP that names those origins (README, "Hosting").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, newPage, askWidgetChecker, binaryIndex, DIST, PANEL_READY } from './harness.mjs';
import { serve as serveDir } from '../../scripts/serve.mjs';

let help, packs, browser;
before(async () => {
  help = await serve(DIST);
  packs = await serve(DIST);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await help?.close();
  await packs?.close();
});

/** The demo listing page served from an origin of its own, its script tag pointing at `helpUrl`;
 * `edit` may change its markup (a data- attribute added). */
async function listingPage(helpUrl, { allow = [], edit } = {}) {
  const listing = await serveDir(null, 0, { help: helpUrl, allow, rewrite: edit && ((path, body) => (path.endsWith('.html') ? edit(String(body)) : body)) });
  const page = await newPage(browser);
  page.warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') page.warnings.push(m.text()); });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(listing.url + 'demo/listing.html');
  page.listing = listing;
  return page;
}

async function done(page) {
  await page.context().close();
  await page.listing.close();
}

test('a listing page on another origin than the help build: the widget loads, opens, walks and checks, with no CSP violation', async () => {
  const page = await listingPage(help.url);
  assert.notEqual(new URL(page.url()).origin, new URL(help.url).origin);
  await page.locator('.launcher').click();
  await page.locator(PANEL_READY + ' h1').waitFor();
  const panel = page.getByRole('dialog', { name: '帮助' });
  await panel.getByRole('link', { name: /^发票/ }).first().click();
  await page.locator('.panel .step-of', { hasText: '第 1 步' }).waitFor();
  await page.keyboard.press('ArrowRight');
  await page.locator('.panel .step-of', { hasText: '第 2 步' }).waitFor();
  await askWidgetChecker(page);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.warnings, []);
  await done(page);
});

/** The listing page using the help build, with `data-pack-url` naming the pack index of the
 * third origin; `page.asked` lists every request. */
async function withSellersIndex() {
  const indexUrl = new URL('packs/index.json', packs.url).href;
  const page = await listingPage(help.url, {
    allow: [packs.url],
    edit: (html) => html.replace('data-locale="zh-CN"', `data-locale="zh-CN" data-pack-url="${indexUrl}"`),
  });
  page.asked = [];
  page.on('request', (r) => page.asked.push(r.url()));
  return { page, indexUrl, asked: page.asked };
}

test('a seller\'s own pack index on a third origin (data-pack-url)', async () => {
  const { page, indexUrl, asked } = await withSellersIndex();
  await page.locator('.launcher').click();
  await page.locator(PANEL_READY + ' h1').waitFor();
  assert.ok(asked.some((u) => u === indexUrl), asked.join('\n'));
  assert.ok(asked.some((u) => u.startsWith(packs.url + 'packs/') && u.endsWith('.swpk')), asked.join('\n'));
  assert.ok(!asked.some((u) => u.startsWith(help.url + 'packs/')), 'no pack from the help build');
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(page.errors, []);
  await done(page);
});

test('a help build served without the CORS headers cannot be used from another origin: what the headers are for', async () => {
  const bare = await serve(DIST, { cors: false });
  try {
    const page = await listingPage(bare.url);
    const warned = page.waitForEvent('console', (m) => m.type() === 'warning' && /^Stepwise: could not load/.test(m.text()));
    await page.locator('.launcher').click();
    await warned;
    assert.equal(await page.locator('.stepwise dialog').count(), 0, 'no panel');
    // (The buyer sees nothing yet; a message in the panel is still to come: see the README.)
    await done(page);
  } finally {
    await bare.close();
  }
});

test('an index naming files outside its folder: neither the runtime (fetching ahead) nor the app asks for them', async () => {
  const { page, indexUrl, asked } = await withSellersIndex();
  const names = ['../x.swpk', '..\\x.swpk', 'https://evil.test/x.swpk', '//evil.test/x.swpk', '/x.swpk', '%2e%2e/x.swpk'];
  let served = 0;
  // The index the runtime reads and the app's copy of it, each naming the same file.
  const hostile = (name) => {
    const index = JSON.parse(readFileSync(join(DIST, 'packs/index.json'), 'utf8'));
    for (const locale of Object.values(index.packs.billing.locales)) locale.file = name;
    return index;
  };
  await page.route(indexUrl, async (route) => {
    await route.fulfill({ json: hostile(names[served++ % names.length]), headers: { 'access-control-allow-origin': '*' } });
  });
  await page.route(new URL('index.swpi', indexUrl).href, async (route) => {
    await route.fulfill({ body: binaryIndex(JSON.stringify(hostile(names[(served + names.length - 1) % names.length]))), headers: { 'access-control-allow-origin': '*' } });
  });
  await page.locator('.launcher').click();
  await page.locator('.panel .load-failed[role=alert]').waitFor();
  assert.ok(asked.includes(indexUrl), asked.join('\n'));
  assert.deepEqual(asked.filter((u) => /x\.swpk/.test(u)), []);
  assert.deepEqual(page.errors, []);
  await done(page);
});
