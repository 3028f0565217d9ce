#!/usr/bin/env bash
# `npm run docs`: rewrites the README's table of the Instance inputs from
# provider/lifecycle/inputs/input-docs.ts (scripts/docs/readme.ts). Needs only the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
[ -d node_modules/ts-node ] || bash scripts/bootstrap.sh
exec node -r ts-node/register/transpile-only scripts/docs/readme.ts "$@"
