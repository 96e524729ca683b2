// The JS's shared rules (js/shared/) on the cases of tests/fixtures/shared-rules.json, which
// crates/stepwise-core/tests/shared_rules.rs checks the Rust on. Needs js/generated/protocol.js
// (scripts/test.sh writes it first: `stepwise-cli protocol --js`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { negotiate } from '../../js/shared/locale.js';
import { parseRoute, routeHash, landingPage, panelFile } from '../../js/shared/route.js';
import { storageKey } from '../../js/shared/storage.js';
import { sellersUrl } from '../../js/shared/index-url.js';
import { choosePack, chooseFile } from '../../js/shared/pack-choice.js';
import * as storage from '../../js/generated/storage.js';

const table = JSON.parse(readFileSync(new URL('../fixtures/shared-rules.json', import.meta.url), 'utf8'));

test('locale negotiation', () => {
  for (const c of table.negotiate) assert.equal(negotiate(c.available, c.wanted, c.fallback), c.expected, JSON.stringify(c));
});

test('routes from hashes and their pages', () => {
  for (const c of table.routes) {
    const route = parseRoute(c.hash);
    assert.deepEqual(route, { locale: c.locale, view: c.view }, JSON.stringify(c));
    assert.equal(routeHash(route), c.canonical, JSON.stringify(c));
    assert.equal(landingPage('billing', route), c.landing, JSON.stringify(c));
  }
  for (const c of table.panelFiles) assert.equal(panelFile(c.pack, c.locale), c.expected, JSON.stringify(c));
});

test('storage keys', () => {
  for (const c of table.storageKeys) assert.equal(storageKey(c.pack, storage[c.what]), c.expected, JSON.stringify(c));
});

test("a seller's index URL", () => {
  for (const c of table.sellersUrls) assert.equal(sellersUrl(c.value) !== null, c.accepted, JSON.stringify(c));
});

test('the pack file read first', () => {
  for (const group of table.packChoice) {
    for (const c of group.cases) assert.deepEqual(chooseFile(group.index, choosePack(group.index, c.pack), c.wanted), c.expected, JSON.stringify(c));
  }
});
