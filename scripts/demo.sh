#!/usr/bin/env bash
# The main job (`npm run demo`): the repository's own Pulumi program against the local Zenlayer
# API simulator, through the real Pulumi CLI: preview, up, an in-place change and up again,
# refresh, then destroy while one instance is back in an installing state (as after a reinstall),
# so the delete retry is visible. Exits 0 when every step succeeded.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
source scripts/env.sh

banner() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

# A private state folder and stack for every run, so the demo never touches other stacks.
export PULUMI_BACKEND_URL="file://$PWD/.pulumi-state/demo"
rm -rf .pulumi-state/demo && mkdir -p .pulumi-state/demo
stack=demo

banner "starting the Zenlayer API simulator on a free loopback port"
sim_log=$(mktemp)
node dist/simulator/cli.js --port 0 --quiet >"$sim_log" 2>&1 &
sim_pid=$!
cleanup() { kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; rm -f "$sim_log"; }
trap cleanup EXIT
for _ in $(seq 1 100); do
  sim_url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$sim_log" | head -n1 || true)
  [ -n "$sim_url" ] && break
  kill -0 "$sim_pid" 2>/dev/null || { cat "$sim_log"; exit 1; }
  sleep 0.1
done
[ -n "${sim_url:-}" ] || { echo "the simulator did not start"; cat "$sim_log"; exit 1; }
echo "simulator: $sim_url (API at $sim_url/api/v2/vm)"

# Drives the simulator's control interface (out of band, as a person in the console would).
sim_control() { # METHOD PATH [JSON]
  node -e 'fetch(process.argv[1] + process.argv[3], { method: process.argv[2], headers: { "content-type": "application/json" }, body: process.argv[4] || undefined })
    .then(async (r) => { const t = await r.text(); if (!r.ok) { console.error(t); process.exit(1); } process.stdout.write(t); })' \
    "$sim_url" "$1" "$2" "${3:-}"
}

banner "pulumi stack init $stack, with the simulator's endpoint and credentials as stack config"
pulumi stack init "$stack" --non-interactive
pulumi config set zenlayer:domain "${sim_url#http://}"
pulumi config set zenlayer:scheme http
pulumi config set zenlayer:accessKeyId sim-access-key-id
pulumi config set --secret zenlayer:accessKeyPassword sim-access-key-password
pulumi config set --secret vmPassword 'Demo-Passw0rd!'

banner "pulumi preview"
pulumi preview --non-interactive

banner "pulumi up"
pulumi up --yes --non-interactive

banner "in-place change: bandwidth 1 -> 5 Mbps (preview --diff, then up)"
pulumi config set bandwidth 5
pulumi preview --diff --non-interactive
pulumi up --yes --non-interactive

banner "pulumi refresh"
pulumi refresh --yes --non-interactive

first_id=$(pulumi stack output instanceIds --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[0]))')
banner "out of band: $first_id goes back to DEPLOYING for 8 s (as a reinstall would)"
sim_control POST "/_sim/instances/$first_id/status" '{"status":"DEPLOYING","durationMs":8000,"then":"RUNNING"}' >/dev/null
echo "$first_id is now DEPLOYING; TerminateInstance will answer OPERATION_DENIED_INSTANCE_STATUS_INSTALLING until it is done"

banner "pulumi destroy"
pulumi destroy --yes --non-interactive

banner "API calls the simulator served"
sim_control GET /_sim/stats
echo
pulumi stack rm --yes --non-interactive "$stack" >/dev/null
banner "demo finished"
