// Pack-scale benchmark (not a test): the same build (code) with the huaweicloud pack at 1×, 10×
// and 50× its procedures (content only). For each: the code's size (must not move), the zh-CN
// pack file's size, its fetch time, and launcher click → first step painted on the demo
// listing page (cold: no cache, no service worker), medians of RUNS, under a phone-like profile
// (CDP: 4× CPU slowdown; 1.6 Mbps down, 150 ms RTT). The 1× run is today's content: the baseline
// the others are compared with. The pack file's decode time alone is bench/formats.sh's.
// With BEFORE=<commit> (bench/run.sh passes f4a19b3, the last build with content compiled into
// the wasm), that build is made at each scale too (a git worktree; a few minutes) and measured
// the same way, next to this one.
//   [BEFORE=<commit>] node bench/packs.mjs [dist]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { serve } from '../scripts/serve.mjs';
import { content, site, stepsOf } from './scale.mjs';
import { launch } from '../tests/e2e/harness.mjs';
import { buildCommit } from './commit-build.mjs';

const dist = process.argv[2] ?? 'dist';
const RUNS = Number(process.env.RUNS ?? 5);
const SCALES = [1, 10, 50];
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The build of commit `before` (content compiled into the wasm) at scale `n`. */
function beforeSite(before, n) {
  const dir = content(n);
  const www = buildCommit(before, 'before', resolve('bench/out', `before-x${n}`), {
    STEPWISE_CONTENT_DIR: dir, CARGO_TARGET_DIR: resolve('target/bench-before'),
  });
  return { n, www, file: null, raw: NaN, br: NaN, steps: stepsOf(join(dir, 'huaweicloud')) };
}

const codeSize = (www) => readdirSync(www)
  .filter((f) => /^stepwise-[0-9a-f]+(_bg\.wasm|\.js|\.css)$/.test(f))
  .reduce((sum, f) => sum + br(readFileSync(join(www, f))), 0);

const browser = await launch();

async function run(s) {
  const server = await serve(s.www, 0);
  const samples = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 390, height: 844 } });
      await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => r.abort());
      // The listing page opens the panel on the first step of the invoice procedure.
      await context.route(server.url + 'demo/listing.html', async (route) => {
        const response = await route.fetch();
        route.fulfill({ response, body: (await response.text()).replace('data-locale="zh-CN"', 'data-locale="zh-CN" data-procedure="invoice"') });
      });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.goto(server.url + 'demo/listing.html', { waitUntil: 'load' });
      await page.locator('.launcher').waitFor();
      const clicked = await page.evaluate(() => performance.now());
      await page.locator('.launcher').click();
      // First step painted: its counter is in the panel, then two frames have been produced.
      const painted = await page.evaluate(() => new Promise((ok) => {
        const host = [...document.documentElement.children].find((d) => d.shadowRoot?.querySelector('.launcher'));
        const check = () => (host.shadowRoot.querySelector('.step-of') ? requestAnimationFrame(() => requestAnimationFrame(() => ok(performance.now()))) : requestAnimationFrame(check));
        check();
      }));
      const timing = await page.evaluate((file) => {
        const e = file && performance.getEntriesByType('resource').find((r) => r.name.endsWith('/packs/' + file));
        return e ? e.responseEnd - e.startTime : NaN;
      }, s.file);
      samples.push({ click: painted - clicked, fetch: timing });
      await context.close();
    }
  } finally {
    await server.close();
  }
  return { click: median(samples.map((x) => x.click)), fetch: median(samples.map((x) => x.fetch)) };
}

if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist}: no build (run trunk build --release first)`);
const builds = { now: (n) => site(dist, n) };
if (process.env.BEFORE) builds.before = (n) => beforeSite(process.env.BEFORE, n);
const rows = [];
for (const [name, make] of Object.entries(builds)) {
  for (const n of SCALES) {
    const s = make(n);
    rows.push({ name, ...s, ...(await run(s)), code: codeSize(s.www) });
  }
}
await browser.close();

const ms = (x) => (Number.isNaN(x) ? '—' : x.toFixed(0) + ' ms');
const size = (x) => (Number.isNaN(x) ? '—' : kb(x));
console.log(`pack scale (zh-CN; ${RUNS} cold runs each, medians; 4× CPU slowdown, 1.6 Mbps, 150 ms RTT; files served uncompressed)`);
console.log(`${'build'.padEnd(8)}${'scale'.padEnd(7)}${'steps'.padStart(6)}${'file raw'.padStart(11)}${'file br'.padStart(10)}${'fetch'.padStart(10)}${'click→step'.padStart(12)}${'code br'.padStart(11)}`);
for (const r of rows) {
  console.log(`${r.name.padEnd(8)}${(r.n + '×').padEnd(7)}${String(r.steps).padStart(6)}${size(r.raw).padStart(11)}${size(r.br).padStart(10)}${ms(r.fetch).padStart(10)}${ms(r.click).padStart(12)}${(r.code + ' B').padStart(11)}`);
}
for (const name of Object.keys(builds)) {
  const [base, ...rest] = rows.filter((r) => r.name === name);
  for (const r of rest) {
    const file = Number.isNaN(r.br) ? '' : `file ${(r.br / base.br).toFixed(1)}× brotli, `;
    console.log(`${name} ${r.n}× / 1×: ${file}click→step ${(r.click / base.click).toFixed(2)}×, code ${r.code - base.code >= 0 ? '+' : ''}${r.code - base.code} B`);
  }
}
if (builds.before) {
  for (const n of SCALES) {
    const [a, b] = ['now', 'before'].map((name) => rows.find((r) => r.name === name && r.n === n));
    console.log(`${n}×: now / before: click→step ${(a.click / b.click).toFixed(2)}×, code ${a.code - b.code >= 0 ? '+' : ''}${a.code - b.code} B (now's content file: +${a.br} B brotli)`);
  }
}
