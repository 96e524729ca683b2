// Shared by the end-to-end tests: a static server for the builds, Debian's Chromium through
// playwright-core, axe-core, and screenshot routing (there is no internet here).
import { readFile } from 'node:fs/promises';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
// Let context.route() see what service workers fetch (Chromium), so screenshots can be served
// from the fixture to the PWA's worker too. Set before Playwright starts.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS ??= '1';
const { chromium } = await import('playwright-core');
import { serve as serveDir } from '../../scripts/serve.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
export const screenshotPng = await readFile(join(root, 'tests/e2e/fixtures/screenshot.png'));
/** The real pictures of the `screens` fixture pack (tests/fixtures/screens), by file name: served
 * for its docs base, https://screens.example/. */
const SCREENS_HOST = 'screens.example';
const screensDir = join(root, 'tests/fixtures/screens');
const realScreen = (url) => {
  const { hostname, pathname } = new URL(url);
  const name = pathname.split('/').pop();
  return hostname === SCREENS_HOST && /^[\w-]+\.png$/.test(name) && existsSync(join(screensDir, name)) ? readFileSync(join(screensDir, name)) : null;
};

/** The build the behaviour tests run on: the app with the fixture packs of tests/fixtures/content
 * (billing, the default; calendar; no-refund; xss; screens), built by scripts/test.sh. Editing the shipped
 * content (content/) changes nothing here. */
export const DIST = join(root, 'target/dist-fixtures');
/** The same build with one pack's text changed (the update test). */
export const DIST_V2 = join(root, 'target/dist-fixtures-v2');

/**
 * The app's copy (index.swpi) of `json`, an index in JSON, unchecked: it may name anything
 * (the stepwise-core example encode_index), for the tests of hostile indexes.
 */
export function binaryIndex(json) {
  const dir = mkdtempSync(join(tmpdir(), 'stepwise-index-'));
  try {
    writeFileSync(join(dir, 'index.json'), json);
    execFileSync('cargo', ['run', '--quiet', '-p', 'stepwise-core', '--features', 'serde', '--example', 'encode_index', '--',
      join(dir, 'index.json'), join(dir, 'index.swpi')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    return readFileSync(join(dir, 'index.swpi'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
/** The shipped build (content/), checked by shipped.test.mjs only. */
export const SHIPPED = join(root, 'dist');

/** Serves the fixture build (or `dir`) on a free localhost port, the demo pages under a strict CSP. */
export const serve = (dir = DIST, options) => serveDir(dir, 0, options);

const LAUNCH = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
};

export const launch = (options = {}) => chromium.launch({ ...LAUNCH, ...options });
/** Options for `launch`: scrollbars that take space, as on desktop Windows and Linux (headless
 * Chromium hides them). */
export const WITH_SCROLLBARS = { ignoreDefaultArgs: ['--hide-scrollbars'] };

/** A browser with a profile on disk (not incognito), for what only a real profile allows. */
export const launchPersistent = (dir, options = {}) => chromium.launchPersistentContext(dir, { ...LAUNCH, ...options });

/** A page whose screenshots load from the local fixture (`images: 'ok'`) or fail (`'fail'`). */
export async function newPage(browser, { locale = 'zh-CN', images = 'ok', viewport = { width: 1024, height: 800 }, timezoneId, serviceWorkers = 'allow', saveData = false, javaScript = true, touch = false } = {}) {
  // (touch: a phone's touch screen, as Chromium emulates it: touch and pointer events, a mobile viewport.)
  const context = await browser.newContext({ locale, viewport, timezoneId, serviceWorkers, javaScriptEnabled: javaScript, hasTouch: touch, isMobile: touch });
  if (saveData) await asSavingData(context);
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => {
    // By file type: a service worker's or a script's fetch of a screenshot is not an 'image' request.
    if (images === 'ok' && /\.(png|jpe?g|gif|webp)(\?|$)/i.test(route.request().url())) {
      return route.fulfill({ status: 200, contentType: 'image/png', body: realScreen(route.request().url()) ?? screenshotPng });
    }
    return route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text()); });
  page.errors = errors;
  return page;
}

/** Makes the context's pages say the buyer asked to save data (`navigator.connection.saveData`,
 * as Chromium's Lite mode or a browser setting would): the widget's loader then fetches nothing
 * ahead, so a test sees what a hover, a touch or a click alone starts. */
export const asSavingData = (context) => context.addInitScript(() => {
  Object.defineProperty(Navigator.prototype, 'connection', { configurable: true, get: () => ({ saveData: true }) });
});

/** Takes the context offline, screenshots included (routes would otherwise still answer). */
export async function goOffline(context) {
  await context.setOffline(true);
  await context.unrouteAll({ behavior: 'ignoreErrors' });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort('internetdisconnected'));
}

/** The standalone page once the app has taken over its prerendered markup (which drops
 * `<html data-prerendered>`) and the place's content is there (fetched as a pack file). */
export const APP_READY = 'html:not([data-prerendered]) .app main:not([aria-busy])';

/** The widget's panel once the app has replaced the prerendered one the runtime showed (marked
 * `data-prerendered`) and the place's content is there. */
export const PANEL_READY = '.stepwise-root:not([data-prerendered]) .panel .app .main:not([aria-busy])';

/** Loads the page afresh at `hash` (never a same-document hash change) and waits for the app. */
export async function open(page, base, hash = '') {
  if (page.url() !== 'about:blank') await page.goto('about:blank');
  await page.goto(base + hash);
  await page.locator(APP_READY).waitFor();
}

/** axe-core's violations on the page, as readable strings. */
export async function axe(page) {
  // Evaluated through the DevTools protocol, so a strict CSP page can be checked too.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Resolves once the page has fonts ready and has painted two more frames (a condition, not a delay). */
export const painted = (page) => page.evaluate(() => document.fonts.ready.then(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)))));

/** Resolves once the page has loaded and its main thread has gone idle. */
export async function idle(page) {
  await page.waitForLoadState('load');
  await page.evaluate(() => new Promise((ok) => requestIdleCallback(() => ok(), { timeout: 5000 })));
}

/** Polls `condition` (in Node) until it is true; throws with `what` after `ms`. */
export async function until(condition, what = 'a condition', ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 20));
  }
}

/** In the widget: opens the refund checker through the page's API, asks about `typed`, and
 * waits for the verdict. */
export async function askWidgetChecker(page, typed = '2022-11-24 14:30:30') {
  await page.evaluate(() => Stepwise.open('refund-checker'));
  await page.locator('.panel #sw-when').fill(typed);
  await page.locator('.panel .checker button').click();
  await page.locator('.panel .verdict').waitFor();
}
