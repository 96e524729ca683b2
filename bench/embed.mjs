// Embed benchmark (not a test): what the widget costs a seller's listing page, measured in one
// run next to the same page without the widget and the same page running a Driver.js tour.
// Prints medians of RUNS loads: bytes fetched and long tasks (> 50 ms) before and after opening,
// and the widget's memory (JS heap + wasm memory) after 1, 100 and 200 open/close cycles.
//   node bench/embed.mjs [dist]
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { serve } from '../scripts/serve.mjs';
import { launch } from '../tests/e2e/harness.mjs';

const dist = process.argv[2] ?? 'dist';
const RUNS = Number(process.env.RUNS ?? 5);
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const loader = readFileSync(join(dist, 'stepwise.js'));
const glue = readdirSync(dist).find((f) => /^stepwise-widget-[0-9a-f]+\.js$/.test(f));

const TAG = /<script src="\.\.\/stepwise\.js"[^>]*><\/script>/;
const TOUR = `<link rel="stylesheet" href="vendor/driver.css"><script src="vendor/driver.js.iife.js"></script>
<script>addEventListener('load', () => window.driver.js.driver({ showProgress: true, steps: [
  { element: '#product h1', popover: { title: '商品', description: 'WordPress 镜像' } },
  { element: '#buy', popover: { title: '购买', description: '点击立即购买' } },
  { element: '.description', popover: { title: '描述', description: '了解商品' } } ] }).drive())</script>`;
const variants = {
  'no widget': (h) => h.replace(TAG, ''),
  'Driver.js tour': (h) => h.replace(TAG, '').replace('</head>', TOUR + '</head>'),
  'Stepwise': (h) => h,
};

const server = await serve(dist, 0);
const browser = await launch();

async function measure(transform, open) {
  // The tour's inline script needs CSP off; all variants run the same way for fairness.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => r.abort());
  await context.route(server.url + 'demo/listing.html', async (route) => {
    const response = await route.fetch();
    route.fulfill({ response, body: transform(await response.text()) });
  });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((l) => window.__long.push(...l.getEntries())).observe({ type: 'longtask', buffered: true });
  });
  // Settled: loaded, no request for 500 ms (what the widget fetches ahead at idle included), idle.
  await page.goto(server.url + 'demo/listing.html', { waitUntil: 'networkidle' });
  await page.evaluate(() => new Promise((ok) => requestIdleCallback(ok, { timeout: 3000 })));
  // Long tasks: all of them, and those that start after the loader arrived (the ones it can cause).
  const sample = () => page.evaluate(() => {
    const loaded = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/stepwise.js'))?.responseEnd ?? Infinity;
    return {
      bytes: performance.getEntriesByType('resource').reduce((s, e) => s + e.transferSize, performance.getEntriesByType('navigation')[0].transferSize),
      long: window.__long.length,
      longMs: window.__long.reduce((a, e) => a + e.duration, 0),
      longAfterLoader: window.__long.filter((e) => e.startTime >= loaded).length,
    };
  });
  const before = await sample();
  let after = null;
  if (open) {
    await page.locator('.launcher').click();
    await page.locator('.panel h1').waitFor();
    await page.waitForTimeout(500);
    after = await sample();
  }
  await context.close();
  return { before, after };
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
const longTotals = [];
for (const [name, transform] of Object.entries(variants)) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measure(transform, name === 'Stepwise'));
  const m = (k, phase) => median(runs.map((r) => r[phase][k]));
  const total = (k, phase) => runs.reduce((a, r) => a + r[phase][k], 0);
  longTotals.push(`${name}: ${total('long', 'before')} long tasks in ${RUNS} loads before opening` + (name === 'Stepwise' ? ` (${total('longAfterLoader', 'before')} starting after the loader arrived)` : ''));
  rows.push([name, m('bytes', 'before'), m('long', 'before'), m('longMs', 'before'),
    runs[0].after ? m('bytes', 'after') : null, runs[0].after ? m('long', 'after') : null, runs[0].after ? m('longMs', 'after') : null]);
}

// Memory: one open, then 200 open/close cycles (read after 100 and 200), with garbage collected before each reading.
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => r.abort());
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Performance.enable');
await page.goto(server.url + 'demo/listing.html');
const memory = async () => {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((x) => x.name === 'JSHeapUsedSize').value;
  const nodes = metrics.find((x) => x.name === 'Nodes').value;
  const wasm = await page.evaluate(async (g) => (await (await import(g)).default()).memory.buffer.byteLength, server.url + glue);
  return { heap, wasm, nodes };
};
// Cycles run inside the page: driving each step from Playwright grows the heap by itself
// (about 8 KB a step, measured here), which would hide what the widget does.
const cycles = (n) => page.evaluate(async (n) => {
  const tick = () => new Promise((ok) => setTimeout(ok, 20));
  for (let i = 0; i < n; i++) {
    Stepwise.open(); await tick();
    Stepwise.open('invoice', 2); await tick();
    Stepwise.close(); await tick();
  }
}, n);
await page.evaluate(() => Stepwise.open());
await page.locator('.panel h1').waitFor();
await page.evaluate(() => Stepwise.close());
const one = await memory();
await cycles(100);
const hundred = await memory();
await cycles(100);
const twoHundred = await memory();
await browser.close();
await server.close();

const kb = (n) => (n / 1024).toFixed(1) + ' KB';
console.log(`loader stepwise.js: ${loader.length} B raw, ${br(loader)} B brotli (budget 2048 B)`);
// What the loader has the browser fetch once the page is idle (the runtime and the stylesheet,
// run by nothing), and with the loader, all a host page fetches before the buyer touches the
// widget, brotli. (The prerendered list comes with the buyer's intent.)
const embedJs = readdirSync(dist).find((f) => /^stepwise-embed-[0-9a-f]+\.js$/.test(f));
const ahead = [embedJs, embedJs.replace(/\.js$/, '.css')].map((f) => [f, br(readFileSync(join(dist, f)))]);
const aheadBytes = ahead.reduce((a, [, b]) => a + b, 0);
console.log(`fetched ahead at idle (unless the browser asks to save data): ${ahead.map(([f, b]) => `${f} ${b} B`).join(', ')}: ${aheadBytes} B brotli`);
console.log(`before the buyer touches the widget: loader and those, ${br(loader) + aheadBytes} B brotli (budget 8 KB)`);
console.log(`\nlisting page, median of ${RUNS} loads (localhost, uncompressed transfer):`);
console.log('variant'.padEnd(16) + 'fetched'.padStart(11) + 'long tasks'.padStart(12) + ' | after opening:' + 'fetched'.padStart(11) + 'long tasks'.padStart(12));
for (const [name, b, l, lm, ab, al, alm] of rows) {
  console.log(name.padEnd(16) + kb(b).padStart(11) + `${l} (${lm.toFixed(0)} ms)`.padStart(12) + ' | ' + ''.padEnd(14) + (ab == null ? '—'.padStart(11) : kb(ab).padStart(11)) + (al == null ? '' : `${al} (${alm.toFixed(0)} ms)`.padStart(12)));
}
for (const t of longTotals) console.log(t);
const base = rows[0][1];
for (const [name, b] of rows.slice(1)) console.log(`${name} adds ${kb(b - base)} before opening (${(b / base).toFixed(2)}× the page alone)`);
console.log(`\nwidget memory after 1 open:         JS heap ${kb(one.heap)}, wasm ${kb(one.wasm)}, DOM nodes ${one.nodes}`);
console.log(`after 100 open/close cycles:        JS heap ${kb(hundred.heap)}, wasm ${kb(hundred.wasm)}, DOM nodes ${hundred.nodes}`);
console.log(`after 200 open/close cycles:        JS heap ${kb(twoHundred.heap)}, wasm ${kb(twoHundred.wasm)}, DOM nodes ${twoHundred.nodes}`);
console.log(`growth 1→100: JS heap ${kb(hundred.heap - one.heap)}, wasm ${kb(hundred.wasm - one.wasm)}, DOM nodes ${hundred.nodes - one.nodes}; 100→200: JS heap ${kb(twoHundred.heap - hundred.heap)}, wasm ${kb(twoHundred.wasm - hundred.wasm)}, DOM nodes ${twoHundred.nodes - hundred.nodes}`);
