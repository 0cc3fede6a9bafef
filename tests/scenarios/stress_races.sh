#!/usr/bin/env bash
# Runs the tests that start two processes or kill one mid-way, N times in a row (default 20),
# with `stress --cpu 2` loading both cores beside them. They gate the emulator (--hold,
# --hold-from) instead of racing it, so they must pass every time however slow either process
# is. Not part of scripts/test.sh (it takes long); run it after touching those tests:
#
#   tests/scenarios/stress_races.sh [BUILD_DIR] [RUNS]      # BUILD_DIR default: build (scripts/test.sh's)
#
# Installs Debian's `stress` when missing (root or sudo), like scripts/bootstrap.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
runs=${2:-20}

if ! command -v stress >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then as_root=(); else as_root=(sudo); fi
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends stress
fi
for binary in cc_e2e_tests cc_reliability_tests; do
  test -x "$build/tests/$binary" || { echo "missing $build/tests/$binary: build first (scripts/test.sh)" >&2; exit 1; }
done

stress --cpu 2 >/dev/null 2>&1 &
stress_pid=$!
trap 'kill "$stress_pid" 2>/dev/null || true' EXIT

e2e_filter='DeclarativeFailure.ASecondApplyMeetsTheLockOrWaitsForIt:DeclarativeFailure.KilledApplyConvergesWithoutDuplicates'
reliability_filter='FaultConvergenceTest.KilledAtTwentyPointsOfAnApplyReapplyConverges:FaultConvergenceTest.EmulatorKilledAndRestartedMidApply:FaultConvergenceTest.TwoAppliesAtOnceOneMeetsTheLock'
for run in $(seq 1 "$runs"); do
  echo "== run $run of $runs (stress --cpu 2 beside) =="
  "$build/tests/cc_e2e_tests" --gtest_brief=1 --gtest_filter="$e2e_filter"
  "$build/tests/cc_reliability_tests" --gtest_brief=1 --gtest_filter="$reliability_filter"
done
echo "all $runs runs passed"
