#!/usr/bin/env bash
# Runs Jest on Node 24, or on the exact Node version in JEST_NODE_VERSION (e.g. 22.12.0, to prove
# the engines range). got 16 is an ES module; Jest's CommonJS runtime loads it through Node's VM
# modules, which still sit behind this flag (on Node < 24.9 jest.config.js compiles it instead).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
if [ -n "${JEST_NODE_VERSION:-}" ]; then
  PATH="$(bash scripts/ensure-node.sh "$JEST_NODE_VERSION"):$PATH"
fi
export NODE_OPTIONS="${NODE_OPTIONS:-} --experimental-vm-modules --no-warnings=ExperimentalWarning"
exec node node_modules/jest/bin/jest.js "$@"
