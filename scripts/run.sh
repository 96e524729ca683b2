#!/usr/bin/env bash
# The main job: set up, build the release, and serve the standalone help page.
#   http://127.0.0.1:8080/                     the help page
#   http://127.0.0.1:8080/#/zh-CN/invoice/2     a deep link
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh
exec trunk serve --release --port "${PORT:-8080}"
