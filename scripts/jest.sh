#!/usr/bin/env bash
# Runs Jest on Node 24. got 16 is an ES module; Jest's CommonJS runtime loads it through Node's
# VM modules, which still sit behind this flag.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
export NODE_OPTIONS="${NODE_OPTIONS:-} --experimental-vm-modules --no-warnings=ExperimentalWarning"
exec node node_modules/jest/bin/jest.js "$@"
