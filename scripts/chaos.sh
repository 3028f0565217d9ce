#!/usr/bin/env bash
# `npm run chaos`: the reliability suite at full size, printing a table of figures (see
# scripts/chaos/chaos.ts). Seeded (CHAOS_SEED, default 20261130), loopback only, bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
source scripts/env.sh
exec node -r ts-node/register/transpile-only scripts/chaos/chaos.ts "$@"
