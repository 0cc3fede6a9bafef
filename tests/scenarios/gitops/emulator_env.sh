# Sourced by the tests/scenarios/gitops scripts: starts workspace-emulator on 127.0.0.1 (port 0) in $WORK
# and exports what the tool needs to talk to it. Stopped by the EXIT trap this sets.
# Needs: CC_EMULATOR (path to workspace-emulator), WORK (a scratch directory).
start_emulator() {
  "$CC_EMULATOR" --port 0 --tls-dir "$WORK/tls" --state "$WORK/state.json" \
                 --request-log "$WORK/requests.jsonl" > "$WORK/emulator.out" 2>&1 &
  EMULATOR_PID=$!
  trap 'kill "$EMULATOR_PID" 2>/dev/null || true; wait "$EMULATOR_PID" 2>/dev/null || true' EXIT
  local i
  for i in $(seq 1 300); do
    grep -q '^ready$' "$WORK/emulator.out" 2>/dev/null && break
    kill -0 "$EMULATOR_PID" 2>/dev/null || { cat "$WORK/emulator.out" >&2; return 1; }
    sleep 0.1
  done
  local port
  port=$(sed -n 's|^listening on https://127.0.0.1:||p' "$WORK/emulator.out")
  [ -n "$port" ] || { echo "the emulator did not start" >&2; cat "$WORK/emulator.out" >&2; return 1; }
  export DATABRICKS_HOST=https://127.0.0.1:$port
  export DATABRICKS_TOKEN=dapi-emulator-token
  export SSL_CERT_FILE=$WORK/tls/cert.pem
  unset DATABRICKS_CONFIG_PROFILE DATABRICKS_CLIENT_ID DATABRICKS_CLIENT_SECRET DATABRICKS_CONFIG_FILE
  export HOME=$WORK/home
  mkdir -p "$HOME"
}
