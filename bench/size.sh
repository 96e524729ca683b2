#!/usr/bin/env bash
# Size benchmark (not a test): builds Stepwise's release and a Yew hello-world in the same run
# and prints wasm, JS, CSS and HTML sizes, raw and brotli, with the ratio to the baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
. scripts/env.sh
mkdir -p bench/out
trunk build --release --dist bench/out/stepwise >/dev/null 2>&1
(cd bench/hello && CARGO_TARGET_DIR=../../target/bench-hello trunk build --release --dist ../out/hello >/dev/null 2>&1)
node bench/sizes.mjs hello=bench/out/hello stepwise=bench/out/stepwise
