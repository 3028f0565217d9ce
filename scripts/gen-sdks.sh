#!/usr/bin/env bash
# `npm run gen-sdks [-- --out DIR] [--plugin PATH] [--languages go,python,nodejs]`: the Go, Python
# and Node.js SDKs of the `zenlayer` package, generated from the schema the provider plugin itself
# serves (`pulumi package get-schema`), by scripts/gen-sdks (the code generators of Pulumi's
# pkg/v3, the ones `pulumi package gen-sdk` reaches through each language's host).
#
# --plugin  a pulumi-resource-zenlayer executable (e.g. the bin of the installed npm package);
#           default: this clone's plugin, built first (`npm run build`)
# --out     the folder that receives go/, python/, nodejs/ and schema.json; default dist-sdks/
#
# Needs Go >= 1.26 and the Pulumi CLI (scripts/ensure-pulumi.sh). The generator's Go modules are
# pinned by scripts/gen-sdks/go.sum; Go's caches stay where `go env` puts them, outside the clone.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
source scripts/env.sh

say() { printf '[gen-sdks] %s\n' "$*" >&2; }
usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

out=dist-sdks
plugin=""
languages=go,python,nodejs
while [ $# -gt 0 ]; do
  case $1 in
    --out) out=${2:?--out needs a folder}; shift 2 ;;
    --plugin) plugin=${2:?--plugin needs a path}; shift 2 ;;
    --languages) languages=${2:?--languages needs a list}; shift 2 ;;
    *) usage ;;
  esac
done

if ! command -v go >/dev/null 2>&1; then
  say "Go is not installed: install Go >= 1.26 (https://go.dev/dl/); it builds the SDK generator."
  exit 1
fi
if ! command -v pulumi >/dev/null 2>&1; then
  say "The Pulumi CLI is not on PATH: run bash scripts/ensure-pulumi.sh (npm test does)."
  exit 1
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -z "$plugin" ]; then
  say "building the plugin (npm run build) ..."
  npm run --silent build >&2
  # The engine runs a plugin by path; this clone's plugin is a script, so a launcher runs it.
  plugin="$work/pulumi-resource-zenlayer"
  printf '#!/bin/sh\nexec node "%s/dist/provider/plugin/main.js" "$@"\n' "$root" >"$plugin"
  chmod +x "$plugin"
fi

say "reading the schema from $plugin ..."
pulumi package get-schema "$plugin" >"$out/schema.json"

# The same build flags as the CLI's build (scripts/ensure-pulumi.sh): Go reuses the packages
# compiled for it from its build cache instead of compiling pkg/v3's code generators again.
generator="$root/.tmp/gen-sdks/gen-sdks"
say "building the generator (scripts/gen-sdks) ..."
(cd scripts/gen-sdks && CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -mod=readonly" go build -trimpath -o "$generator" .)

"$generator" -schema "$out/schema.json" -out "$out" -languages "$languages"
echo "schema: $out/schema.json"
