#!/usr/bin/env bash
# The README's test command: set up everything, then type check, lint and run every test layer:
# unit and integration (in-process simulator) on Node 24 and again on Node 22, then e2e (the real
# Pulumi CLI). The e2e test files run in parallel workers, each with its own simulator, stack and
# backend: most of their time is spent waiting on simulated instance states, so 3 workers finish
# sooner than one even on 2 cores (ZENLAYER_VM_E2E_WORKERS overrides; 1 runs them one after
# another). Extra arguments go to Jest. Ends with one summary line: "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
source scripts/env.sh
echo "[test] type check" >&2
npx --no-install tsc -p tsconfig.json --noEmit
echo "[test] lint" >&2
npx --no-install eslint .
mkdir -p .tmp && rm -f .tmp/jest-*.json
NODE_LTS_VERSION="${NODE_LTS_VERSION:-22.23.5}"
status=0
echo "[test] jest: unit + integration" >&2
bash scripts/jest.sh --selectProjects unit integration --json --outputFile=.tmp/jest-fast.json "$@" || status=1
# The oldest Node line package.json engines allows: unit and integration again on Node 22 LTS.
echo "[test] jest: unit + integration on Node $NODE_LTS_VERSION" >&2
JEST_NODE_VERSION="$NODE_LTS_VERSION" bash scripts/jest.sh --selectProjects unit integration --json --outputFile=.tmp/jest-node22.json "$@" || status=1
echo "[test] jest: e2e (real Pulumi CLI)" >&2
bash scripts/jest.sh --selectProjects e2e --maxWorkers="${ZENLAYER_VM_E2E_WORKERS:-3}" --json --outputFile=.tmp/jest-e2e.json "$@" || status=1
node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const f of [".tmp/jest-fast.json", ".tmp/jest-node22.json", ".tmp/jest-e2e.json"]) {
    if (!fs.existsSync(f)) { failed++; console.error(`[test] ${f} missing: a jest run crashed`); continue; }
    const r = JSON.parse(fs.readFileSync(f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  }
  console.log(`tests: ${passed} passed, ${failed} failed`);
'
exit "$status"
