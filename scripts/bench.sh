#!/usr/bin/env bash
# `npm run bench`: prints measured figures (see scripts/bench/bench.ts); with an argument, runs
# that benchmark script instead (`npm run bench:prices`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
source scripts/env.sh
exec node -r ts-node/register/transpile-only "${1:-scripts/bench/bench.ts}"
