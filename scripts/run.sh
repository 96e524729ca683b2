#!/usr/bin/env bash
# The main job: set up, build the release, and serve the standalone help page and the
# embed demo on http://127.0.0.1:8080/ (PORT to change it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh
scripts/build.sh
exec node scripts/serve.mjs dist "${PORT:-8080}"
