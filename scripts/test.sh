#!/usr/bin/env bash
# The README's test command: set up everything, then type check, lint and run every test layer:
# unit and integration (in-process simulator) on Node 24, integration again on Node 22, and e2e
# (the real Pulumi CLI). Ends with one summary line: "tests: N passed, N failed".
#
# The e2e files are the long pole, and they spend most of their time waiting on simulated instance
# states and on CLI start-up, about one core's worth on a 2-core machine. So the e2e run starts
# first and its output streams here, while the type check, the lint and the other Jest runs
# (Node 24, then Node 22) use the spare core in the background; their logs are printed when they
# end. The e2e files run in parallel workers, each with its own simulator, stack and backend
# (ZENLAYER_VM_E2E_WORKERS, default 3; 1 runs them one after another). Extra arguments go to every
# Jest run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
source scripts/env.sh
mkdir -p .tmp && rm -f .tmp/jest-*.json .tmp/*.log .tmp/failed-checks
NODE_LTS_VERSION="${NODE_LTS_VERSION:-22.12.0}"
# Installed now, so that the background run cannot race anything for the download.
bash scripts/ensure-node.sh "$NODE_LTS_VERSION" >/dev/null

fast_layers() {
  local status=0
  # A failed check is named on its own line of the summary (jest's counts do not include it).
  npx --no-install tsc -p tsconfig.json --noEmit >.tmp/typecheck.log 2>&1 || { status=1; echo "type check" >>.tmp/failed-checks; }
  npx --no-install eslint . >.tmp/lint.log 2>&1 || { status=1; echo "lint" >>.tmp/failed-checks; }
  bash scripts/jest.sh --selectProjects unit integration --maxWorkers=2 --json --outputFile=.tmp/jest-fast.json "$@" \
    >.tmp/jest-fast.log 2>&1 || status=1
  # The oldest Node package.json engines allows, exactly: the integration layer, where the
  # provider, the client (got, loaded through require(esm)) and the simulator run over real HTTP on
  # Node's own modules, and the plugin starts from dist/ on that Node. The unit layer's pure logic
  # compiles to the same JavaScript on both.
  JEST_NODE_VERSION="$NODE_LTS_VERSION" bash scripts/jest.sh --selectProjects integration --maxWorkers=2 \
    --json --outputFile=.tmp/jest-node22.json "$@" >.tmp/jest-node22.log 2>&1 || status=1
  return "$status"
}

echo "[test] in the background: type check, lint, jest unit + integration on Node 24, integration on Node $NODE_LTS_VERSION (.tmp/*.log)" >&2
fast_layers "$@" &
fast_pid=$!
# Whatever ends this script ends the background run too.
trap 'pkill -P "$fast_pid" 2>/dev/null; kill "$fast_pid" 2>/dev/null || true' EXIT

status=0
echo "[test] jest: e2e (real Pulumi CLI)" >&2
bash scripts/jest.sh --selectProjects e2e --maxWorkers="${ZENLAYER_VM_E2E_WORKERS:-3}" --json --outputFile=.tmp/jest-e2e.json "$@" || status=1

echo "[test] waiting for the background runs" >&2
wait "$fast_pid" || status=1
trap - EXIT
for log in .tmp/typecheck.log .tmp/lint.log .tmp/jest-fast.log .tmp/jest-node22.log; do
  echo "[test] ---- $log" >&2
  cat "$log" >&2
done

if [ -s .tmp/failed-checks ]; then
  while read -r check; do echo "[test] $check failed (its log is above)"; done <.tmp/failed-checks
fi
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
