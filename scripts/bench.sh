#!/usr/bin/env bash
# `npm run bench`: prints measured figures (scripts/bench/bench.ts, poll-schedule.ts, in-place.ts,
# plugin-startup.ts, and, unless --no-cli, concurrent-stacks.ts; then scale.ts); with a script as
# the first argument, runs that benchmark alone with the options after it (`npm run bench:prices`,
# `npm run bench:stacks -- --stacks 5 --instances 10`,
# `bash scripts/bench.sh scripts/bench/scale.ts --counts 20 --sim 200`).
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
node -r ts-node/register/transpile-only scripts/bench/plugin-startup.ts
case " $* " in
  *" --no-cli "*) ;;
  *) node -r ts-node/register/transpile-only scripts/bench/concurrent-stacks.ts ;;
esac
exec node -r ts-node/register/transpile-only scripts/bench/scale.ts "$@"
