// The widget's stylesheet leaves out the rules only the page can use (scripts/build/widget-css.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withoutPageRules } from '../../scripts/build/widget-css.mjs';

test("the page's own rules go; rules that may match in the widget, and at-rules, stay whole", () => {
  const css = ':root{color-scheme:light}html{a:b}html.sw-waiting [data-stepwise-page]{display:none}body{margin:0}.stepwise{x:y}'
    + '[data-stepwise-page] .update{a:b}.stepwise .a,[data-stepwise-page] .b{c:d}@media (max-width:480px){.stepwise .app{p:q}body{z:z}}'
    + '@supports selector(:has(*)){@container (width<400px){.s{a:b}}}.htmlx{k:l}bodyx{m:n}';
  assert.equal(withoutPageRules(css), '.stepwise{x:y}.stepwise .a,[data-stepwise-page] .b{c:d}@media (max-width:480px){.stepwise .app{p:q}body{z:z}}'
    + '@supports selector(:has(*)){@container (width<400px){.s{a:b}}}.htmlx{k:l}bodyx{m:n}');
  assert.throws(() => withoutPageRules('.a{b:c'), /ends inside a block/);
});
