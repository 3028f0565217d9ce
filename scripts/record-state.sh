#!/usr/bin/env bash
# `npm run record-state -- <version> [release checkout]`: records the state the release writes
# into test/fixtures/state/<version>/, for the upgrade test (test/e2e/upgrade.test.ts). Run it on
# the release's commit, before the next change: the checkout defaults to this clone, and another
# checkout (e.g. a worktree of an older release) can be named instead; it is set up and built
# with its own bootstrap, and its packed package and simulator write the state.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then
  echo "usage: npm run record-state -- <version> [release checkout]" >&2
  exit 2
fi
version="$1"
release="$(cd "${2:-.}" && pwd)"
bash scripts/bootstrap.sh
if [ "$release" != "$PWD" ]; then bash "$release/scripts/bootstrap.sh"; fi
source scripts/env.sh
exec node -r ts-node/register/transpile-only scripts/record-state/record.ts "$version" "$release"
