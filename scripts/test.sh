#!/usr/bin/env bash
# Every test: native (core, importer, policy, CLI, state), wasm in headless Chromium and Firefox
# (components), end-to-end with Playwright in Chromium: behaviour on a build of the fixture packs
# (tests/fixtures/content), the shipped content's own checks on dist/; then the buyer's main
# journeys in Chromium, Firefox and WebKit through WebDriver. Fails on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "native tests"
cargo test --workspace --features stepwise-core/import,stepwise/ssr --quiet

step "the JS's shared rules (node), on the case table the Rust test read (tests/fixtures/shared-rules.json)"
cargo run --quiet -p stepwise-cli -- protocol --js js/generated
node --test tests/js/

step "importer fuzz loop (60 s; see crates/stepwise-core/examples/fuzz_import.rs to run longer)"
cargo run --quiet --release -p stepwise-core --features import --example fuzz_import -- "${FUZZ_SECONDS:-60}"

step "input fuzz loop (20 s: routes, queries, typed times and rules, data- attributes, URLs, text; see crates/stepwise-core/examples/fuzz_inputs.rs)"
cargo run --quiet --release -p stepwise-core --example fuzz_inputs -- "${FUZZ_INPUT_SECONDS:-20}"

step "pack file fuzz loop (20 s: pack files edited in structure and bytes, decoded with the app's check, every view of those accepted rendered natively; see examples/fuzz_packs.rs)"
cargo run --quiet --features ssr --example fuzz_packs -- "${FUZZ_PACK_SECONDS:-20}"

step "content pack check"
cargo run --quiet -p stepwise-cli -- check content/huaweicloud

step "a broken pack fails the build with file:line"
if out=$(STEPWISE_CONTENT_DIR=tests/fixtures/broken-content scripts/build.sh --dist target/dist-broken 2>&1); then
  echo "the build accepted a broken pack"; exit 1
fi
grep -q "en.md:3: error: not UTF-8" <<<"$out" || { echo "$out"; echo "no file:line message"; exit 1; }
echo "refused as expected:"; grep -E "^\s*\S+\.md:[0-9]+:" <<<"$out" | sort -u

step "browser tests (wasm-bindgen-test) in headless Chromium, then in headless Firefox"
cargo test --target wasm32-unknown-unknown -p stepwise --test browser
env -u CHROMEDRIVER GECKODRIVER="$(command -v geckodriver)" cargo test --target wasm32-unknown-unknown -p stepwise --test browser

step "release builds (trunk): the fixture content the behaviour tests run on, a second build of it with one pack's text changed (the update test), two under sub-folders, and the shipped content"
STEPWISE_CONTENT_DIR="$PWD/tests/fixtures/content" scripts/build.sh --dist target/dist-fixtures
rm -rf target/content-v2 && cp -r tests/fixtures/content target/content-v2
sed -i '1s/.*/# 订单（新版）/' target/content-v2/billing/zh-CN.md
STEPWISE_CONTENT_DIR="$PWD/target/content-v2" scripts/build.sh --dist target/dist-fixtures-v2
# Two builds on one origin, under /a/ and /b/ (the README's sub-folder set-up; each keeps its own caches).
for sub in a b; do
  STEPWISE_CONTENT_DIR="$PWD/tests/fixtures/content" scripts/build.sh --public-url "/$sub/" --dist "target/dist-sub/$sub"
done
scripts/build.sh

step "end-to-end tests (Playwright, Chromium, axe-core)"
# (Node applies the timeout to each file as well as to each test: a file of many tests, on a
# machine kept busy, needs more than any one test.)
node --test --test-concurrency=1 --test-timeout=600000 tests/e2e/

step "the buyer's journeys in Chromium, Firefox and WebKit (W3C WebDriver; ENGINES=webkit and the like run fewer)"
# (The timeout is the whole file's, which holds every journey: see the end-to-end step.)
xvfb-run -a node --test --test-concurrency=1 --test-timeout=600000 tests/engines/
