#!/usr/bin/env bash
# `npm run bench`: prints measured figures (scripts/bench/bench.ts, in-place.ts and plugin-startup.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
source scripts/env.sh
node -r ts-node/register/transpile-only scripts/bench/bench.ts "$@"
node -r ts-node/register/transpile-only scripts/bench/in-place.ts
exec node -r ts-node/register/transpile-only scripts/bench/plugin-startup.ts
