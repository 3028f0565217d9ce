#!/usr/bin/env bash
# `npm run docs`: rewrites the generated reference pages in docs/reference/ from
# provider/lifecycle/inputs/input-docs.ts and provider/plugin/schema.ts (scripts/docs/write.ts).
# Needs only the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
[ -d node_modules/ts-node ] || bash scripts/bootstrap.sh
exec node -r ts-node/register/transpile-only scripts/docs/write.ts "$@"
