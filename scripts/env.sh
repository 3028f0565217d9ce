# Sourced by every project script: the one place for the toolchain paths and Pulumi's offline
# settings shared by the demo, the tests and the examples.
#   source scripts/env.sh            # sets PATH (Node 24 first, then the Pulumi CLI) and PULUMI_*
# The state backend is a folder chosen by the caller (PULUMI_BACKEND_URL), defaulting to
# .pulumi-state/ in the clone (git-ignored).
_zvm_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PULUMI_CLI_VERSION="${PULUMI_CLI_VERSION:-3.274.1}"
# The oldest CLI that serves dynamic providers' configure() and console output (3.146).
export PULUMI_MIN_VERSION="${PULUMI_MIN_VERSION:-3.146.0}"
# A Pulumi CLI already installed the usual way (its bin folder holding pulumi, the Node.js
# language host and the dynamic provider launcher) is used when recent enough; otherwise the
# pinned version, built by scripts/ensure-pulumi.sh.
if [ -z "${PULUMI_ROOT:-}" ] && _zvm_cli=$(command -v pulumi 2>/dev/null); then
  _zvm_dir=$(cd "$(dirname "$_zvm_cli")" && pwd -P)
  _zvm_ver=$("$_zvm_dir/pulumi" version 2>/dev/null | sed 's/^v//')
  if [ "$(basename "$_zvm_dir")" = bin ] && [ -x "$_zvm_dir/pulumi-language-nodejs" ] &&
    [ -x "$_zvm_dir/pulumi-resource-pulumi-nodejs" ] && [ -n "$_zvm_ver" ] &&
    [ "$(printf '%s\n%s\n' "$PULUMI_MIN_VERSION" "$_zvm_ver" | sort -V | head -n1)" = "$PULUMI_MIN_VERSION" ]; then
    export PULUMI_ROOT="$(dirname "$_zvm_dir")"
  fi
  unset _zvm_dir _zvm_ver
fi
unset _zvm_cli
export PULUMI_ROOT="${PULUMI_ROOT:-${PULUMI_HOME:-$HOME/.pulumi}/versions/$PULUMI_CLI_VERSION}"
_zvm_node_bin="$(bash "$_zvm_root/scripts/ensure-node.sh")" || return 1
case ":$PATH:" in *":$_zvm_node_bin:"*) ;; *) export PATH="$_zvm_node_bin:$PATH" ;; esac
case ":$PATH:" in *":$PULUMI_ROOT/bin:"*) ;; *) export PATH="$PULUMI_ROOT/bin:$PATH" ;; esac
# Node's on-disk compile cache (Node >= 22.1): every Pulumi command starts two or three Node
# processes that each compile @pulumi/pulumi anew, about 0.4 s of CPU each time without it.
export NODE_COMPILE_CACHE="${NODE_COMPILE_CACHE:-${ZENLAYER_VM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-zenlayer-vm}/node-compile-cache}"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE:-zenlayer-vm-local}"
export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://$_zvm_root/.pulumi-state}"
mkdir -p "${PULUMI_BACKEND_URL#file://}"
unset _zvm_node_bin _zvm_root
