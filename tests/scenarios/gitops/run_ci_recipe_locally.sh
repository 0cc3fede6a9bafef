#!/usr/bin/env bash
# Runs examples/ci/community-connector-ci.sh's two stages against the workspace emulator:
# plan (exit 2, plan files) → apply → plan (exit 0); then a stale plan is refused at apply.
# Usage: run_ci_recipe_locally.sh CLI EMULATOR SOURCE_DIR
set -euo pipefail
CC=$(realpath "$1"); CC_EMULATOR=$(realpath "$2"); SRC=$(realpath "$3")
export CC CC_EMULATOR
WORK=$(mktemp -d)
source "$SRC/tests/scenarios/gitops/emulator_env.sh"
start_emulator
trap 'kill "$EMULATOR_PID" 2>/dev/null || true; wait "$EMULATOR_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
export GITHUB_TOKEN=ghp_ci_recipe_token OUT_DIR=$WORK/out
recipe=$SRC/examples/ci/community-connector-ci.sh
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$WORK"
cp "$SRC/examples/minimal.yaml" connectors.yaml

set +e; "$recipe" plan > plan1.log 2>&1; code=$?; set -e
[ "$code" -eq 2 ] || { cat plan1.log; fail "plan stage exited $code, want 2"; }
[ -s "$OUT_DIR/plan.json" ] && grep -q 'github_conn' "$OUT_DIR/plan.md" || fail "plan stage wrote no plan files"
"$recipe" apply > apply.log 2>&1 || { cat apply.log; fail "apply stage failed"; }
set +e; "$recipe" plan > plan2.log 2>&1; code=$?; set -e
[ "$code" -eq 0 ] || { cat plan2.log; fail "plan after apply exited $code, want 0"; }

sed -i 's/source_table: issues }/source_table: pulls }/' connectors.yaml
set +e; "$recipe" plan > plan3.log 2>&1; code=$?; set -e
[ "$code" -eq 2 ] || fail "plan of the edited manifest exited $code"
"$CC" apply -f connectors.yaml --auto-approve > direct.log 2>&1 || fail "direct apply failed"
set +e; "$recipe" apply > stale.log 2>&1; code=$?; set -e
[ "$code" -eq 1 ] || { cat stale.log; fail "the stale plan was applied"; }
set +e; "$recipe" bogus > usage.log 2>&1; code=$?; set -e
[ "$code" -eq 1 ] && grep -q usage usage.log || fail "unknown stage not refused"
echo "PASS: CI recipe"
