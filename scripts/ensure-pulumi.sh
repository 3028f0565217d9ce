#!/usr/bin/env bash
# Makes the Pulumi CLI available offline: `pulumi`, `pulumi-language-nodejs`,
# `pulumi-resource-pulumi-nodejs` and `pulumi-language-yaml` in $PULUMI_ROOT/bin (default
# ~/.pulumi/versions/<version>), the folder the Automation API and the npm `pulumi` launcher also
# look in, and where the engine finds language hosts next to `pulumi`.
#
# No registry reachable here ships the CLI, so it is built from the Go module proxy. The build is
# cached outside the clone; a second run returns at once.
#
# - `pulumi` comes from github.com/pulumi/pulumi/pkg/v3 at PULUMI_CLI_VERSION.
# - `pulumi-language-nodejs`: the proxy does not serve the stand-alone language host module
#   (sdk/nodejs/cmd/pulumi-language-nodejs/v3) at any version, so it is built from the newest
#   served sdk/v3 release that still carries it (LANGUAGE_HOST_SDK_VERSION). It speaks the same
#   LanguageRuntime gRPC protocol; the e2e tests prove the pair works with our @pulumi/pulumi.
# - `pulumi-resource-pulumi-nodejs` is the 4-line launcher for dynamic providers; it ships inside
#   the @pulumi/pulumi npm package and is written here so that it is on PATH next to `pulumi`.
# - `pulumi-language-yaml` (programs written in Pulumi YAML, which use the `zenlayer` plugin) comes
#   from github.com/pulumi/pulumi-yaml at YAML_LANGUAGE_HOST_VERSION, with the module versions its
#   own go.mod asks for (it does not build against the CLI's pkg/v3). It is built by itself when
#   only it is missing, so a machine that has the CLI gets it without rebuilding the CLI.
set -euo pipefail

PULUMI_CLI_VERSION="${PULUMI_CLI_VERSION:-3.274.1}"
LANGUAGE_HOST_SDK_VERSION="${LANGUAGE_HOST_SDK_VERSION:-3.68.0}"
YAML_LANGUAGE_HOST_VERSION="${YAML_LANGUAGE_HOST_VERSION:-1.25.0}"
PULUMI_ROOT="${PULUMI_ROOT:-${PULUMI_HOME:-$HOME/.pulumi}/versions/$PULUMI_CLI_VERSION}"
BUILD_CACHE="${ZENLAYER_VM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-zenlayer-vm}/pulumi-cli-build"
BIN="$PULUMI_ROOT/bin"

say() { printf '[pulumi-cli] %s\n' "$*" >&2; }

PULUMI_MIN_VERSION="${PULUMI_MIN_VERSION:-3.146.0}"

# The three tools are there and the CLI is at least PULUMI_MIN_VERSION (the pinned build, or a
# CLI installed the usual way that scripts/env.sh found on PATH).
have_cli() {
  [ -x "$BIN/pulumi" ] && [ -x "$BIN/pulumi-language-nodejs" ] && [ -x "$BIN/pulumi-resource-pulumi-nodejs" ] || return 1
  local version
  version=$("$BIN/pulumi" version 2>/dev/null | sed 's/^v//') && [ -n "$version" ] &&
    [ "$(printf '%s\n%s\n' "$PULUMI_MIN_VERSION" "$version" | sort -V | head -n1)" = "$PULUMI_MIN_VERSION" ]
}

# The YAML language host is in $BIN (a CLI installed the usual way ships one).
have_yaml_host() {
  [ -x "$BIN/pulumi-language-yaml" ]
}

write_dynamic_provider_launcher() {
  # Same behaviour as the launcher shipped with the CLI: run the dynamic provider host of the
  # @pulumi/pulumi package that the program itself resolves (the engine starts plugins in the
  # program's folder).
  cat >"$BIN/pulumi-resource-pulumi-nodejs" <<'LAUNCHER'
#!/bin/sh
script=$(node -e "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))") || exit 1
exec node "$script" "$@"
LAUNCHER
  chmod +x "$BIN/pulumi-resource-pulumi-nodejs"
}

if have_cli && have_yaml_host; then
  say "Pulumi CLI $("$BIN/pulumi" version) ready in $BIN"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  say "Go is not installed, and the Pulumi CLI v$PULUMI_CLI_VERSION or its YAML language host is not in $BIN."
  say "Either install the Pulumi CLI the usual way (https://www.pulumi.com/docs/install/) and put"
  say "pulumi, pulumi-language-nodejs, pulumi-language-yaml and pulumi-resource-pulumi-nodejs in $BIN,"
  say "or install Go >= 1.26 (https://go.dev/dl/) so that this script can build them."
  exit 1
fi

mkdir -p "$BIN" "$BUILD_CACHE"
started=$(date +%s)
# Go prints a line per downloaded module (several hundred): they go to this log, outside the clone,
# and the terminal shows one line per step. A failing step prints the log's tail and its path.
BUILD_LOG="$BUILD_CACHE/build.log"
: >"$BUILD_LOG"

# step <n> "<what> (<estimate>)" <command...>: runs the command with its output in the log.
step() {
  local number=$1 label=$2 step_started
  shift 2
  step_started=$(date +%s)
  say "[$number/4] $label ..."
  if ! "$@" >>"$BUILD_LOG" 2>&1; then
    say "FAILED: $*"
    tail -n 15 "$BUILD_LOG" | sed 's/^/    /' >&2
    say "The full Go log is $BUILD_LOG. Fix the cause (network to the Go module proxy, disk space, Go >= 1.26)"
    say "and run this again; finished steps are cached."
    exit 1
  fi
  say "    done in $(( $(date +%s) - step_started ))s"
}

export CGO_ENABLED=0 GOFLAGS=-mod=mod

# build_language_host <step> <binary> <module> <version> <main package> <version variable> [go.mod lines]:
# a throw-away wrapper module that gets <module>@v<version> and builds <main package> into $BIN.
build_language_host() {
  local number=$1 binary=$2 module=$3 version=$4 main=$5 version_var=$6 extra=${7:-}
  local wrapper="$BUILD_CACHE/language-${binary#pulumi-language-}-$version"
  mkdir -p "$wrapper"
  printf 'module local/%s-build\n\ngo 1.26\n%s' "$binary" "$extra" >"$wrapper/go.mod"
  : >"$wrapper/go.sum"
  (
    cd "$wrapper"
    step "$number" "building $binary from $module@v$version (about 2 minutes)" bash -c '
      go get "$1@v$2" &&
      go build -trimpath -ldflags "-s -w -X $3=v$2" -o "$4.tmp" "$5"' _ "$module" "$version" "$version_var" "$BIN/$binary" "$main"
    mv "$BIN/$binary.tmp" "$BIN/$binary"
  )
}

build_yaml_host() {
  build_language_host 4 pulumi-language-yaml github.com/pulumi/pulumi-yaml "$YAML_LANGUAGE_HOST_VERSION" \
    github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml github.com/pulumi/pulumi-yaml/pkg/version.Version
}

if have_cli; then
  build_yaml_host
  say "done in $(( $(date +%s) - started ))s: pulumi-language-yaml v$YAML_LANGUAGE_HOST_VERSION in $BIN"
  exit 0
fi

say "Building the Pulumi CLI v$PULUMI_CLI_VERSION from the Go module proxy into $BIN."
say "This happens once per machine and takes about 12 minutes on 2 cores (~4 GB of Go caches)."
say "Four steps; Go's full output goes to $BUILD_LOG"

ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_CLI_VERSION"

# The CLI. pkg/v3's own go.mod replaces sdk/v3 with a relative path and atotto/clipboard with a
# fork; a wrapper module has to repeat the fork and pin sdk/v3 to the same release. No `go mod
# tidy`: it would try to resolve the test-only dependencies of every package.
cli_mod="$BUILD_CACHE/cli-$PULUMI_CLI_VERSION"
if [ ! -x "$BIN/pulumi" ] || ! "$BIN/pulumi" version 2>/dev/null | grep -q "$PULUMI_CLI_VERSION"; then
  mkdir -p "$cli_mod"
  cat >"$cli_mod/go.mod" <<GOMOD
module local/pulumi-cli-build

go 1.26

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
GOMOD
  : >"$cli_mod/go.sum"
  (
    cd "$cli_mod"
    step 1 "downloading the Go modules of pkg/v3@v$PULUMI_CLI_VERSION (about 370; 1-3 minutes)" \
      go get "github.com/pulumi/pulumi/pkg/v3@v$PULUMI_CLI_VERSION" "github.com/pulumi/pulumi/sdk/v3@v$PULUMI_CLI_VERSION"
    step 2 "compiling pulumi (the longest step: about 8 minutes on 2 cores)" \
      go build -trimpath -ldflags "$ldflags" -o "$BIN/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
    mv "$BIN/pulumi.tmp" "$BIN/pulumi"
  )
fi

if [ ! -x "$BIN/pulumi-language-nodejs" ]; then
  build_language_host 3 pulumi-language-nodejs github.com/pulumi/pulumi/sdk/v3 "$LANGUAGE_HOST_SDK_VERSION" \
    github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs github.com/pulumi/pulumi/sdk/v3/go/common/version.Version \
    $'\nreplace golang.org/x/text => golang.org/x/text v0.3.6\n'
fi

have_yaml_host || build_yaml_host
write_dynamic_provider_launcher
say "done in $(( $(date +%s) - started ))s: $("$BIN/pulumi" version)"
