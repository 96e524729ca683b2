// The XSS corpus (tests/fixtures/content/xss: vectors in titles, steps, chips, links, images,
// raw and inline HTML, pack.toml, bidi and zero-width text) on both hosts under a strict CSP:
// every step visited, every link clicked, every screenshot zoomed; nothing may run (a global
// flag the vectors set, alert and friends, a CSP violation).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serve, launch, newPage, open, DIST, PANEL_READY } from './harness.mjs';
import { DEMO_CSP } from '../../scripts/serve.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
// The corpus's procedures and their step counts, as the CLI reads them.
const check = execFileSync('cargo', ['run', '--quiet', '-p', 'stepwise-cli', '--', 'check', 'tests/fixtures/content/xss'], { cwd: root, encoding: 'utf8' });
const procedures = [...check.matchAll(/^ {4}([a-z0-9-]+) +(\d+) steps?,/gm)].map(([, slug, n]) => [slug, Number(n)]);
// The standalone page under the demo's CSP, its two inline scripts (the page's boot script and
// Trunk's loader) allowed by hash.
const page = readFileSync(join(DIST, 'index.html'), 'utf8');
const inline = [...page.matchAll(/<script(?: type=module)?>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
assert.equal(inline.length, 2, 'the boot script and Trunk\'s loader');
const hashes = inline.map((code) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`).join(' ');
const PAGE_CSP = DEMO_CSP.replace("script-src 'self'", `script-src 'self' ${hashes}`);

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** A page watched for script running: `top.__pwned`, dialogs, CSP violations. Links open in
 * new tabs, where an external page answers with an empty page. */
async function watched(url, csp) {
  const p = await newPage(browser, { locale: 'en-US' });
  const context = p.context();
  p.dialogs = [];
  p.popups = [];
  context.on('page', (popup) => { p.popups.push(popup.url()); popup.on('dialog', (d) => { p.dialogs.push(d.message()); d.dismiss(); }); });
  p.on('dialog', (d) => { p.dialogs.push(d.message()); d.dismiss(); });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => (r.request().isNavigationRequest() ? r.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>elsewhere</title>' }) : r.fallback()));
  if (csp) {
    const path = new URL(url).pathname;
    await context.route((u) => u.origin === new URL(url).origin && (u.pathname === path || u.pathname === path + 'index.html'), async (r) => {
      const response = await r.fetch();
      r.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
    });
    p.on('response', (r) => { if (r.request().isNavigationRequest() && r.frame() === p.mainFrame()) p.csp = r.headers()['content-security-policy']; });
  }
  await p.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return p;
}

/** Clicks every link and zooms every screenshot in `scope`, then checks nothing ran. */
async function exercise(p, scope) {
  const links = p.locator(`${scope} a[href]`);
  for (let i = 0; i < (await links.count()); i++) {
    const href = await links.nth(i).getAttribute('href');
    // The seller's links open in a tab; ours are routes (with the page's pack, if it names one).
    assert.match(href, /^(https?:\/\/|(\?pack=[\w-]+)?#\/)/, href);
    if (!/^https?:/.test(href)) continue;
    const popup = p.context().waitForEvent('page', { timeout: 10000 }).catch(() => null);
    await links.nth(i).click();
    const tab = await popup;
    assert.ok(tab, `clicking ${href} opened no tab`);
    await tab.close();
  }
  const shots = p.locator(`${scope} .shot-button`);
  for (let i = 0; i < (await shots.count()); i++) {
    await shots.nth(i).click();
    await p.locator(`${scope} dialog.lightbox[open]`).waitFor();
    await p.keyboard.press('Escape');
    await p.locator(`${scope} dialog.lightbox[open]`).waitFor({ state: 'detached' });
    // Closed with Esc on the page, the zoomed view gives back the history entry it took
    // (`history.back()`, which completes in a later task): wait for that, or the next
    // navigation races it.
    await p.waitForFunction(() => history.state !== 'stepwise-modal');
  }
  await clean(p);
}

async function clean(p) {
  const state = await p.evaluate(() => ({ pwned: window.__pwned ?? null, violations: window.__violations }));
  assert.deepEqual(state, { pwned: null, violations: [] });
  assert.deepEqual(p.dialogs, []);
  assert.ok(p.popups.every((u) => /^https?:\/\/|^about:blank$/.test(u)), p.popups.join(' '));
  assert.deepEqual(p.errors, []);
}

test('the corpus has at least 50 vectors in every place content reaches', () => {
  const md = readFileSync(join(root, 'tests/fixtures/content/xss/en.md'), 'utf8') + readFileSync(join(root, 'tests/fixtures/content/xss/pack.toml'), 'utf8');
  const vectors = md.match(/top\.__pwned|javascript:|vbscript:|data:text|onerror|onload|<script|\u202E|\u200B|\u2067/gi) ?? [];
  assert.ok(vectors.length >= 50, `${vectors.length} vectors`);
  assert.ok(procedures.length >= 6 && procedures.reduce((n, [, s]) => n + s, 0) >= 30, JSON.stringify(procedures));
});

test('the standalone page under a strict CSP: every step, link and screenshot of the corpus runs nothing', async () => {
  const base = server.url + '?pack=xss';
  const p = await watched(base, PAGE_CSP);
  await open(p, base, '#/en');
  assert.equal(p.csp, PAGE_CSP, 'the page is under the strict CSP');
  await exercise(p, '.app');
  for (const [slug, steps] of procedures) {
    for (let n = 1; n <= steps; n++) {
      await open(p, base, `#/en/${slug}/${n}`);
      await p.locator('.step-of').waitFor();
      await exercise(p, '.app');
    }
  }
  await open(p, base, '#/en/refund-checker');
  await exercise(p, '.app');
  await p.context().close();
});

test('the widget on the listing page under its strict CSP: every step, link and screenshot of the corpus runs nothing', async () => {
  const listing = server.url + 'demo/listing.html';
  const p = await watched(listing, null);
  await p.route(listing, async (r) => {
    const response = await r.fetch();
    r.fulfill({ response, body: (await response.text()).replace('data-locale="zh-CN"', 'data-pack="xss" data-locale="en"') });
  });
  await p.goto(listing);
  await p.locator('.launcher').click();
  await p.locator(PANEL_READY).waitFor();
  await exercise(p, '.panel');
  for (const [slug, steps] of procedures) {
    for (let n = 1; n <= steps; n++) {
      await p.evaluate(([s, i]) => window.Stepwise.open(s, i), [slug, n]);
      await p.waitForFunction(([i, total]) => {
        const host = [...document.documentElement.children].find((d) => d.shadowRoot?.querySelector('.launcher'));
        return host?.shadowRoot.querySelector('.panel .step-of')?.textContent === `Step ${i} of ${total}`;
      }, [n, steps]);
      await exercise(p, '.panel');
    }
  }
  await p.context().close();
});
