#!/usr/bin/env bash
# `npm run bench`: prints measured figures (scripts/bench/bench.ts, poll-schedule.ts, in-place.ts
# and plugin-startup.ts); with a script as the first argument, runs that benchmark alone
# (`npm run bench:prices`, `bash scripts/bench.sh scripts/bench/poll-schedule.ts`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
source scripts/env.sh
case "${1:-}" in
  scripts/bench/*.ts) exec node -r ts-node/register/transpile-only "$@" ;;
esac
node -r ts-node/register/transpile-only scripts/bench/bench.ts "$@"
node -r ts-node/register/transpile-only scripts/bench/poll-schedule.ts
node -r ts-node/register/transpile-only scripts/bench/in-place.ts
exec node -r ts-node/register/transpile-only scripts/bench/plugin-startup.ts
