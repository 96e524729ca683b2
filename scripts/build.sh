#!/usr/bin/env bash
# The release build: `trunk build --release "$@"` in the current folder, with the wasm's
# standard library rebuilt for size. Every release build goes through here (run, test, bench),
# so they ship the same bytes.
#
# Rust's prebuilt std for wasm carries panic messages, source locations and the formatting
# machinery behind them; rebuilding it with `-Cpanic=immediate-abort` drops them: a panic is
# a wasm trap straight away (as `panic = "abort"` already made it, less its message).
# bench/run.sh measures what it takes off the wasm. These are unstable flags, enabled on
# the pinned stable compiler by RUSTC_BOOTSTRAP, and they need the `rust-src` component
# (scripts/setup.sh adds it). Only this wasm build sees them: native builds and the browser
# tests (debug, panic messages wanted) use the ordinary std.
set -euo pipefail
. "$(dirname "$0")/env.sh"
# A target folder of its own (unless the caller names one): RUSTC_BOOTSTRAP changes what some
# build scripts (proc-macro2's) produce, so sharing target/ with the native builds, which run
# without it, would rebuild both sides' dependencies on every switch.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$STEPWISE_ROOT/target/wasm-release}"
export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"
exec trunk build --release "$@"
