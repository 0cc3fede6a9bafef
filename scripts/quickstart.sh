#!/usr/bin/env bash
# The main job, on a fresh Debian 12 machine: install what is missing, build, start the bundled
# workspace emulator on 127.0.0.1, then validate, plan and apply examples/minimal.yaml against it,
# and show that a second plan finds nothing to do. The emulator is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
build=${BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_UNITY_BUILD=ON \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" >/dev/null  # as scripts/test.sh
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" --target community-connector workspace-emulator

cli=$build/cli/community-connector
emulator=$build/emulator/workspace-emulator
manifest=${1:-examples/minimal.yaml}
work=$(mktemp -d)

"$emulator" --port 0 --tls-dir "$work/tls" --state "$work/state.json" \
            --request-log "$work/requests.jsonl" > "$work/emulator.out" 2>&1 &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  grep -q '^ready$' "$work/emulator.out" 2>/dev/null && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$work/emulator.out" >&2; exit 1; }
  sleep 0.1
done
port=$(sed -n 's|^listening on https://127.0.0.1:||p' "$work/emulator.out")
[ -n "$port" ] || { echo "quickstart: the emulator did not start" >&2; cat "$work/emulator.out" >&2; exit 1; }

# The emulator plays the workspace: its default token, its self-signed certificate.
export DATABRICKS_HOST=https://127.0.0.1:$port
export DATABRICKS_TOKEN=dapi-emulator-token
export SSL_CERT_FILE=$work/tls/cert.pem
unset DATABRICKS_CONFIG_PROFILE DATABRICKS_CLIENT_ID DATABRICKS_CLIENT_SECRET
export GITHUB_TOKEN=${GITHUB_TOKEN:-ghp_example_not_a_real_token}

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
step "workspace emulator at $DATABRICKS_HOST"
step "community-connector validate -f $manifest"
"$cli" validate -f "$manifest"
step "community-connector plan -f $manifest -o $work/plan.json"
"$cli" plan -f "$manifest" -o "$work/plan.json"
step "community-connector apply $work/plan.json"
"$cli" apply "$work/plan.json"
step "community-connector plan -f $manifest --detailed-exitcode   (0 = converged)"
"$cli" plan -f "$manifest" --detailed-exitcode
step "done: $(grep -c . "$work/requests.jsonl") requests reached the emulator (log: $work/requests.jsonl)"
