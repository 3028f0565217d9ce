# Sourced by every project script: the one place for the toolchain paths and Pulumi's offline
# settings shared by the demo, the tests and the examples.
#   source scripts/env.sh            # sets PATH (Node 24 first, then the Pulumi CLI) and PULUMI_*
# The state backend is a folder chosen by the caller (PULUMI_BACKEND_URL), defaulting to
# .pulumi-state/ in the clone (git-ignored).
_zvm_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PULUMI_CLI_VERSION="${PULUMI_CLI_VERSION:-3.274.1}"
export PULUMI_ROOT="${PULUMI_ROOT:-${PULUMI_HOME:-$HOME/.pulumi}/versions/$PULUMI_CLI_VERSION}"
_zvm_node_bin="$(bash "$_zvm_root/scripts/ensure-node.sh")" || return 1
case ":$PATH:" in *":$_zvm_node_bin:"*) ;; *) export PATH="$_zvm_node_bin:$PATH" ;; esac
case ":$PATH:" in *":$PULUMI_ROOT/bin:"*) ;; *) export PATH="$PULUMI_ROOT/bin:$PATH" ;; esac
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE:-zenlayer-vm-local}"
export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://$_zvm_root/.pulumi-state}"
mkdir -p "${PULUMI_BACKEND_URL#file://}"
unset _zvm_node_bin _zvm_root
