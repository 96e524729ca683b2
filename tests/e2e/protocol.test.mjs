// The names JS and Rust share have one source (stepwise_core::protocol): the built JS carries
// exactly what `stepwise-cli protocol` prints, the JS sources spell none of them (they import
// js/generated/), the wasm takes every command the loader may send, and the build fails loudly
// on a build constant it has no value for.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { bundle } from '../../scripts/build/bundle.mjs';
import { serve, launch, newPage, DIST } from './harness.mjs';
import { DEMO_CSP } from '../../scripts/serve.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const protocol = JSON.parse(execFileSync('cargo', ['run', '--quiet', '-p', 'stepwise-cli', '--', 'protocol'], { cwd: root, encoding: 'utf8' }));
const names = (o) => (typeof o === 'string' ? [o] : Object.values(o).flatMap(names));
const built = (f) => readFileSync(join(DIST, f), 'utf8');
const quoted = (code, name) => [`"${name}"`, `'${name}'`, `\`${name}\``].some((q) => code.includes(q));
// A name as the minifier may leave it: quoted, a property read (`attrs.locale`), or at either
// end of a string it joined (`"stepwise:"+id+":locale"`, `${id}.panel.json`, `"stepwise-shots-"`).
const carried = (code, name) => quoted(code, name) || new RegExp(`(?<=["'\`.:}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\w)`).test(code);

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('each built JS file carries the protocol names it uses, from the one source', () => {
  const runtime = readdirSync(DIST).find((f) => /^stepwise-embed-[0-9a-f]+\.js$/.test(f));
  // What each file uses: a whole group, or one name of it (the minifier drops what a file does not use).
  const uses = {
    'stepwise.js': ['attributes.pack', 'attributes.locale', 'attributes.position', 'attributes.zIndex', 'attributes.label', 'attributes.accent', 'commands.open', 'commands.close', 'commands.setLocale', 'storage.prefix', 'storage.locale'],
    [runtime]: ['attributes.pack', 'attributes.locale', 'attributes.packUrl', 'attributes.docsBase', 'attributes.procedure', 'commands', 'events', 'fields.locale', 'fields.direction', 'packIndex', 'binaryIndex', 'panel'],
    'pwa.js': ['pageEvents', 'updateFlag.dataset', 'skipWaiting', 'saveScreenshots'],
    'sw.js': ['caches', 'skipWaiting', 'saveScreenshots'],
  };
  for (const [file, keys] of Object.entries(uses)) {
    const code = built(file);
    for (const key of keys) {
      const value = key.split('.').reduce((o, k) => o[k], protocol);
      assert.ok(value !== undefined, `the protocol has no ${key}`);
      for (const name of names(value)) assert.ok(carried(code, name), `${file} lacks ${key}: "${name}"`);
    }
    assert.doesNotMatch(code, /STEPWISE_BUILD/, `${file} has a build constant left`);
  }
  // The launcher knows the first pack's id and its own words in each language the widget
  // speaks, and no other pack: what it carries does not grow with the number of packs.
  const loader = built('stepwise.js');
  assert.ok(quoted(loader, 'billing'));
  for (const id of ['calendar', 'no-refund', 'xss']) assert.ok(!quoted(loader, id), `the loader names pack ${id}`);
  for (const { locale, label } of protocol.launcher) assert.ok(quoted(loader, locale) && quoted(loader, label), locale);
});

test('the JS sources spell no protocol name (they would drift from the Rust)', () => {
  const all = [...new Set(Object.entries(protocol).filter(([k]) => !['launcher', 'rightToLeft'].includes(k)).flatMap(([, v]) => names(v)))];
  // Names plain enough to be ordinary words elsewhere ("open" is also the dialog's attribute) are
  // left out; every distinctive one is checked.
  const distinctive = all.filter((n) => /[-:A-Z]/.test(n));
  assert.ok(distinctive.length >= 12, distinctive.join(', '));
  const sources = readdirSync(root + 'js', { recursive: true }).map(String).filter((f) => f.endsWith('.js') && !f.startsWith('generated'));
  assert.ok(sources.length >= 15, sources.join(', '));
  for (const source of sources) {
    const code = readFileSync(root + 'js/' + source, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    for (const name of distinctive) assert.ok(!quoted(code, name), `js/${source} spells "${name}": import it from js/generated/`);
  }
});

test('a build constant the code reads without a value fails the build', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'stepwise-bundle-'));
  writeFileSync(join(dir, 'entry.js'), 'console.log(STEPWISE_BUILD.given, STEPWISE_BUILD.missing);');
  await assert.rejects(bundle(join(dir, 'entry.js'), { defines: { given: 1 } }), /no value for the build constant STEPWISE_BUILD\.missing/);
  assert.match(await bundle(join(dir, 'entry.js'), { defines: { given: 1, missing: 'x' } }), /console\.log\(1,"x"\)/);
});

test('the wasm takes every command the protocol names, and refuses others', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + 'demo/blank.html');
  await page.locator('.launcher').waitFor();
  const glue = readdirSync(DIST).find((f) => /^stepwise-widget-[0-9a-f]+\.js$/.test(f));
  const wasm = glue.replace(/\.js$/, '_bg.wasm');
  const taken = await page.evaluate(async ({ glue, wasm, commands, packIndex }) => {
    const g = await import('/' + glue);
    await g.default({ module_or_path: '/' + wasm });
    const el = document.createElement('div');
    document.body.append(el);
    const handle = g.mount_widget(el, {}, [], () => {}, new URL(packIndex, location.href).href);
    const out = {};
    const text = { setLocale: 'en', navigate: '#/en' };
    for (const c of commands.filter((c) => c !== 'destroy').concat('destroy')) out[c] = handle.command(c, text[c], undefined);
    out.unknown = handle.command('toString', undefined, undefined);
    handle.free();
    el.remove();
    return out;
  }, { glue, wasm, commands: Object.values(protocol.commands), packIndex: protocol.packIndex });
  assert.deepEqual(taken, { ...Object.fromEntries(Object.values(protocol.commands).map((c) => [c, true])), unknown: false });
  await page.context().close();
});

test('the build a seller deploys carries no demo fixture', () => {
  assert.equal(existsSync(join(DIST, 'demo')), false);
  const files = readdirSync(DIST, { recursive: true }).map(String);
  for (const f of files) assert.doesNotMatch(f, /bootstrap|tailwind|driver|hostile|listing/i);
});

test('the server serves the build and the demo, nothing beside them, and the demo always with its CSP', async () => {
  // Raw paths, as a client may send them (fetch would normalise the dots away).
  const get = (path) => new Promise((ok, fail) => {
    const req = request(server.url + 'x', { path }, (res) => { res.resume(); res.on('end', () => ok({ status: res.statusCode, csp: res.headers['content-security-policy'] })); });
    req.on('error', fail);
    req.end();
  });
  assert.equal((await get('/index.html')).status, 200);
  const demo = await get('/demo/listing.html');
  assert.equal(demo.status, 200);
  assert.equal(demo.csp, DEMO_CSP);
  // Dots the URL shows are resolved as any client would: the demo, with its CSP.
  assert.equal((await get('/./demo/listing.html')).csp, DEMO_CSP);
  // Dots that only decoding shows, a backslash, a NUL: not served.
  for (const path of ['/..%2fdist-fixtures-v2/index.html', '/../dist-fixtures-v2/index.html', '/.%2fdemo/listing.html',
    '/demo/..%2f..%2fCargo.toml', '/demo/%2e%2e/scripts/serve.mjs', '/%2e%2e/%2e%2e/README.md', '/packs%5c..%5cindex.json', '/index.html%00']) {
    assert.equal((await get(path)).status, 404, path);
  }
});

test('the server sends an ETag and answers 304 to a client that has the same bytes', async () => {
  const get = (path, headers = {}) => new Promise((ok, fail) => {
    const req = request(server.url + 'x', { path, headers }, (res) => { res.resume(); res.on('end', () => ok({ status: res.statusCode, etag: res.headers.etag, cache: res.headers['cache-control'] })); });
    req.on('error', fail);
    req.end();
  });
  for (const path of ['/index.html', '/packs/index.json', '/demo/listing.html']) {
    const first = await get(path);
    assert.equal(first.status, 200, path);
    assert.match(first.etag, /^"[\w-]{22}"$/, path);
    assert.equal(first.cache, 'no-cache');
    assert.equal((await get(path, { 'if-none-match': first.etag })).status, 304, path);
    assert.equal((await get(path, { 'if-none-match': '"other", ' + first.etag })).status, 304, path);
    assert.equal((await get(path, { 'if-none-match': '"stale"' })).status, 200, path);
  }
  assert.ok(server.revalidated.includes('/index.html'));
});
