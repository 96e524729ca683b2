// Paint benchmark (not a test): when the buyer first sees the help, measured in one run next
// to baselines (interleaved runs, medians), on a phone-like profile (412×915, CDP 4× CPU
// slowdown; localhost network, the HTTP cache empty for "cold").
// - Standalone page (each round in a new random order), cold and warm (a second visit, same profile): first contentful paint,
//   the app's takeover (its own view on screen), layout shift, long tasks before the first
//   paint. Baselines: a static copy of the same prerendered page (scripts removed, same CSS),
//   a Yew hello-world, and with BEFORE=<commit> the build before prerendering (a git worktree).
//   Both the list (index.html) and a landing page (a procedure's first step).
// - Embedded widget, cold: launcher click → list painted, next to a Driver.js tour's first
//   popover (click → popover painted): a click with nothing before it (`el.click()`, as a
//   screen reader's activation may be), a tap (the finger down TAP_MS before the click; the
//   loader starts on the touch), and a click after a hover; and the long tasks a hover-started
//   load puts on the host page before the click.
//   [BEFORE=<commit>] [RUNS=7] [ONLY=page|embed] node bench/paint.mjs [dist] [hello dist]
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve } from '../scripts/serve.mjs';
import { launch } from '../tests/e2e/harness.mjs';
import { buildCommit } from './commit-build.mjs';

const dist = process.argv[2] ?? 'dist';
const helloDist = process.argv[3] ?? 'bench/out/hello';
const RUNS = Number(process.env.RUNS ?? 11);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => (Number.isFinite(x) ? `${Math.round(x)} ms` : '—');

/** A static copy of a prerendered page: its markup and styles, no scripts, no wasm. */
function staticCopy(file, name) {
  const html = readFileSync(join(dist, file), 'utf8')
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link\b[^>]*rel="?(modulepreload|preload)"?[^>]*>/g, '')
    .replace(/ data-prerendered="[^"]*"/, '');
  writeFileSync(join(dist, name), html);
  return name;
}

/** The build of commit `before` (the shipped content), for the "before" column. */
const beforeBuild = (before) => buildCommit(before, 'before-paint', resolve('bench/out/before-paint'), {
  CARGO_TARGET_DIR: resolve('target/bench-before-paint'),
});

const browser = await launch();
const site = await serve(dist, 0);
const hello = await serve(helloDist, 0);
const before = process.env.BEFORE ? await serve(beforeBuild(process.env.BEFORE), 0) : null;
const pack = JSON.parse(readFileSync(join(dist, 'packs/index.json'), 'utf8'));
const first = Object.keys(pack.packs)[0];
const landing = `pages/${first}/${pack.packs[first].default}/invoice.html`;
const stepPage = `pages/${first}/${pack.packs[first].default}/invoice/2.html`;
const deepLink = `#/${pack.packs[first].default}/invoice/2`;
const staticList = staticCopy('index.html', 'bench-static.html');
const staticLanding = staticCopy(landing, 'bench-static-landing.html');
// (At the build's root, like the page a deep link starts from; its <base> keeps its URLs.)
const staticStep = staticCopy(stepPage, 'bench-static-step.html');

// Collected in the page: first contentful paint, layout shifts, long tasks, and when the app
// shows its own view (`ready`: the takeover, or for a build without prerendering the first
// view with content).
const PROBE = () => {
  window.__m = { shifts: 0, long: [], ready: NaN };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__m.shifts += e.value; }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((l) => window.__m.long.push(...l.getEntries().map((e) => [e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
  const check = () => {
    if (document.querySelector('html:not([data-prerendered]) .app main:not([aria-busy]) h1')) window.__m.ready = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
};

async function visit(page, url, app) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const asked = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  if (app) await page.waitForFunction(() => Number.isFinite(window.__m.ready), null, { timeout: 30000 });
  // The first contentful paint has happened (its entry can come after `load`).
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 30000 });
  // Two more frames, so that what the load caused has been painted and observed.
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  return page.evaluate(({ app, asked }) => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
    // From the moment the page was asked for (a deep link's fetch of its step's markup included).
    const fcpAsked = performance.timeOrigin + fcp - asked;
    return { fcp, fcpAsked, ready: app ? window.__m.ready : NaN, cls: window.__m.shifts, longBeforeFcp: window.__m.long.filter(([s]) => s < fcp).reduce((a, [, d]) => a + d, 0) };
  }, { app, asked });
}

/** Cold then warm visits of `url` in a fresh profile. */
async function standalone(url, app) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => r.abort());
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  const cold = await visit(page, url, app);
  // Warm: a new tab in the same profile (not the same tab, which the back/forward cache serves).
  const warm = await visit(await context.newPage(), url, app);
  await context.close();
  return { cold, warm };
}

const pages = {
  'static copy (list)': [site.url + staticList, false],
  'Yew hello-world': [hello.url, false],
  'Stepwise list (index.html)': [site.url, true],
  ...(before ? { [`before (${process.env.BEFORE}) list`]: [before.url, true] } : {}),
  'static copy (landing)': [site.url + staticLanding, false],
  'Stepwise landing page': [site.url + landing, true],
  'static copy (step 2)': [site.url + staticStep, false],
  'Stepwise deep link to step 2 (index.html#…)': [site.url + deepLink, true],
  ...(before ? { [`before (${process.env.BEFORE}) deep link`]: [before.url + deepLink, true] } : {}),
};
const ONLY = process.env.ONLY;
const samples = Object.fromEntries(Object.keys(pages).map((k) => [k, []]));
for (let i = 0; i < RUNS && ONLY !== 'embed'; i++) {
  // A new order each round: the position in a round moves the figures more than anything.
  for (const [name, [url, app]] of Object.entries(pages).sort(() => Math.random() - 0.5)) samples[name].push(await standalone(url, app));
}

if (ONLY !== 'embed') {
console.log(`Standalone page: medians of ${RUNS} interleaved runs, 4× CPU slowdown, 412×915, localhost.`);
console.log('| page | FCP cold | FCP warm | app view cold | app view warm | CLS (max) | long tasks before FCP, cold |');
console.log('|---|---|---|---|---|---|---|');
for (const [name, runs] of Object.entries(samples)) {
  const m = (phase, k) => median(runs.map((r) => r[phase][k]));
  const cls = Math.max(...runs.flatMap((r) => [r.cold.cls, r.warm.cls]));
  console.log(`| ${name} | ${ms(m('cold', 'fcp'))} | ${ms(m('warm', 'fcp'))} | ${ms(m('cold', 'ready'))} | ${ms(m('warm', 'ready'))} | ${cls.toFixed(4)} | ${ms(m('cold', 'longBeforeFcp'))} |`);
}
const ratio = (a, b, phase) => (median(samples[a].map((r) => r[phase].fcp)) / median(samples[b].map((r) => r[phase].fcp))).toFixed(2);
console.log(`FCP ratio, list vs its static copy: cold ${ratio('Stepwise list (index.html)', 'static copy (list)', 'cold')}×, warm ${ratio('Stepwise list (index.html)', 'static copy (list)', 'warm')}× (budget 1.15×)`);
console.log(`FCP ratio, landing page vs its static copy: cold ${ratio('Stepwise landing page', 'static copy (landing)', 'cold')}×, warm ${ratio('Stepwise landing page', 'static copy (landing)', 'warm')}×`);
if (before) console.log(`FCP ratio, before (${process.env.BEFORE}) vs static copy: cold ${ratio(`before (${process.env.BEFORE}) list`, 'static copy (list)', 'cold')}×`);
// A deep link's first paint counts from the moment it was asked for (the fetch of its step's
// markup included), as does its static copy's.
const askedRatio = (a, b, phase) => (median(samples[a].map((r) => r[phase].fcpAsked)) / median(samples[b].map((r) => r[phase].fcpAsked))).toFixed(2);
console.log(`FCP ratio (from the ask), deep link to step 2 vs its static copy: cold ${askedRatio('Stepwise deep link to step 2 (index.html#…)', 'static copy (step 2)', 'cold')}×, warm ${askedRatio('Stepwise deep link to step 2 (index.html#…)', 'static copy (step 2)', 'warm')}× (budget 1.15×)`);
console.log(`FCP ratio (from the ask), list vs its static copy: cold ${askedRatio('Stepwise list (index.html)', 'static copy (list)', 'cold')}×`);
if (before) console.log(`FCP ratio (from the ask), before (${process.env.BEFORE}) deep link to step 2 vs its static copy: cold ${askedRatio(`before (${process.env.BEFORE}) deep link`, 'static copy (step 2)', 'cold')}×, warm ${askedRatio(`before (${process.env.BEFORE}) deep link`, 'static copy (step 2)', 'warm')}×`);
}

// The embedded widget: click → list painted, next to Driver.js's click → first popover.
const TAG = /<script src="\.\.\/stepwise\.js"[^>]*><\/script>/;
const TOUR = `<link rel="stylesheet" href="vendor/driver.css"><script src="vendor/driver.js.iife.js"></script>
<script>window.__tour = () => window.driver.js.driver({ steps: [
  { element: '#product h1', popover: { title: '商品', description: 'WordPress 镜像' } },
  { element: '#buy', popover: { title: '购买', description: '点击立即购买' } } ] }).drive();
addEventListener('load', () => { const b = document.createElement('button'); b.id = 'tour'; b.textContent = 'Tour'; b.style.cssText = 'display:block;position:fixed;left:16px;bottom:16px;z-index:2147483000;min-height:48px'; b.onclick = window.__tour; document.body.prepend(b); });</script>`;

/** How long a tap's finger stays down (touchstart → touchend; the click follows the end). */
const TAP_MS = Number(process.env.TAP_MS ?? 80);

/** With EMBED_BEFORE=<dist>, an earlier build's widget, clicked cold in the same rounds. */
const embedBefore = process.env.EMBED_BEFORE ? await serve(process.env.EMBED_BEFORE, 0) : null;

async function embedded(kind, hover, tap = false) {
  const at = kind === 'before' ? embedBefore : site;
  const context = await browser.newContext({ bypassCSP: true, locale: 'zh-CN', viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => r.abort());
  await context.route(at.url + 'demo/listing.html', async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    route.fulfill({ response, body: kind === 'driver' ? html.replace(TAG, '').replace('</head>', TOUR + '</head>') : html });
  });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  // The buyer acts once the page has settled: loaded, no request for 500 ms (what the widget
  // fetches ahead at idle included), then idle.
  await page.goto(at.url + 'demo/listing.html', { waitUntil: 'networkidle' });
  await page.evaluate(() => new Promise((ok) => requestIdleCallback(ok, { timeout: 3000 })));
  let hoverLong = NaN;
  if (hover) {
    // Hovered, then the load it starts left to finish (the wasm fetched and compiled), then
    // the long tasks that appeared since the hover.
    const t = await page.evaluate(() => performance.now());
    const box = await page.locator('.launcher').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /_bg\.wasm$/.test(e.name) && e.responseEnd > 0));
    await page.evaluate(() => new Promise((ok) => setTimeout(() => requestIdleCallback(ok, { timeout: 3000 }), 500)));
    hoverLong = await page.evaluate((t) => Math.max(0, ...window.__m.long.filter(([s]) => s >= t).map(([, d]) => d)), t);
  }
  const selector = kind === 'driver' ? '#tour' : '.launcher';
  // Watched from before the click, in the page, each frame: once what the click shows is in the
  // DOM at a frame's start (the tour's popover, or the panel's list, prerendered or the app's),
  // that frame renders it: `painted` is the end of that frame's rendering on the main thread (a
  // message posted in its requestAnimationFrame runs after it); `later`, the start of the second
  // frame after it (this bench's measure until stop 18: it also counts whatever runs after the
  // paint, such as the app starting behind the list).
  await page.evaluate((kind) => {
    const host = [...document.documentElement.children].find((e) => e.shadowRoot);
    const done = () => (kind === 'driver' ? document.querySelector('.driver-popover') : host?.shadowRoot?.querySelector('dialog.panel[open] .main .card'));
    const check = () => {
      if (!done()) return requestAnimationFrame(check);
      const c = new MessageChannel();
      c.port1.onmessage = () => { window.__painted = performance.now(); };
      c.port2.postMessage(0);
      requestAnimationFrame(() => requestAnimationFrame(() => { window.__later = performance.now(); }));
    };
    requestAnimationFrame(check);
  }, kind);
  // The click's own time, as the event saw it.
  await page.locator(selector).evaluate((el) => el.addEventListener('click', (e) => { window.__clicked = e.timeStamp; }, { once: true, capture: true }));
  if (tap) {
    // A finger: down (the pointer enters, and the loader starts), TAP_MS, up; then the click.
    const box = await page.locator(selector).boundingBox();
    const at = [{ x: box.x + box.width / 2, y: box.y + box.height / 2 }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at });
    await new Promise((ok) => setTimeout(ok, TAP_MS));
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  } else {
    await page.locator(selector).evaluate((el) => el.click());
  }
  const [clicked, painted, later] = await page.waitForFunction(() => window.__later && [window.__clicked, window.__painted, window.__later], null, { timeout: 20000 }).then((h) => h.jsonValue());
  await context.close();
  return { click: painted - clicked, later: later - clicked, hoverLong };
}

const embed = { driver: [], driverTapped: [], cold: [], tapped: [], hovered: [], before: [] };
for (let i = 0; i < RUNS && ONLY !== 'page'; i++) {
  embed.driver.push(await embedded('driver', false));
  embed.driverTapped.push(await embedded('driver', false, true));
  embed.cold.push(await embedded('stepwise', false));
  embed.tapped.push(await embedded('stepwise', false, true));
  embed.hovered.push(await embedded('stepwise', true));
  if (embedBefore) embed.before.push(await embedded('before', false));
}
if (ONLY !== 'page') {
const em = (k, f = 'click') => median(embed[k].map((r) => r[f]));
console.log();
console.log(`Embedded (demo listing page), medians of ${RUNS} interleaved runs, 4× CPU slowdown, cold:`);
console.log('| what | click → painted | ratio to Driver.js | two frames later (the earlier measure) | ratio |');
console.log('|---|---|---|---|---|');
const row = (what, k, base, note) => console.log(`| ${what} | ${ms(em(k))} | ${(em(k) / em(base)).toFixed(2)}×${note} | ${ms(em(k, 'later'))} | ${(em(k, 'later') / em(base, 'later')).toFixed(2)}× |`);
row('Driver.js tour, first popover', 'driver', 'driver', '');
row('Stepwise, click with nothing before it (the page idle since its load) → list painted', 'cold', 'driver', ' (budget 1.5×)');
row(`Driver.js tour, tapped (finger down ${TAP_MS} ms; from the tap's end, input delivery included)`, 'driverTapped', 'driverTapped', ' (the taps\' baseline)');
row('Stepwise, tapped (the same tap; the load starts as the finger touches)', 'tapped', 'driverTapped', ' the tapped tour');
row('Stepwise, hovered first, then click', 'hovered', 'driver', '');
if (embedBefore) row(`${process.env.EMBED_BEFORE}, click with nothing before it`, 'before', 'driver', '');
console.log(`Longest task on the host page after a hover (loader → runtime → wasm fetched and compiled): median ${ms(em('hovered', 'hoverLong'))}, worst ${ms(Math.max(...embed.hovered.map((r) => r.hoverLong)))} (budget: none over 50 ms)`);

}
await browser.close();
for (const s of [site, hello, before, embedBefore]) await s?.close();
