#!/usr/bin/env bash
# `npm run release` (after `npm run build`): the npm tarball and the plugin's archives for every
# platform into dist-release/ (scripts/release/main.ts). Options: --platforms linux-amd64,host
# (only those) and --out DIR. Downloads each platform's Node.js from the npm registry once.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
exec node -r ts-node/register/transpile-only scripts/release/main.ts "$@"
