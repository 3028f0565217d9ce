#!/usr/bin/env bash
# Idempotent set-up shared by `npm run demo`, `npm test` and CI: Node 24, npm packages, the build,
# and the Pulumi CLI. Each step is skipped when already done; caches live outside the clone.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

say() { printf '[setup] %s\n' "$*" >&2; }

# npm packages: reinstall only when package-lock.json changed since the last install.
stamp=node_modules/.installed-lock-sha
want=$(sha256sum package-lock.json | cut -c1-64)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  say "installing npm packages (npm ci) ..."
  # --prefer-offline: what npm's cache holds is not revalidated (the lockfile pins it anyway).
  npm ci --no-audit --no-fund --prefer-offline --loglevel=error >&2
  echo "$want" >"$stamp"
fi

# The root Pulumi.yaml program (and the serialized provider it creates) loads the package by its
# name, exactly as a user's program does; link the clone into its own node_modules for that.
if [ ! -e node_modules/pulumi-zenlayer-vm ]; then
  ln -s .. node_modules/pulumi-zenlayer-vm
fi

say "building (tsc) ..."
npm run --silent build >&2

bash scripts/ensure-pulumi.sh
