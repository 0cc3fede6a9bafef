#!/usr/bin/env bash
# Installs what is missing, builds, and runs the tests in an optimised -Werror build (all of
# them), short libFuzzer runs (with clang), and an AddressSanitizer + UndefinedBehaviorSanitizer
# build (all but the long suites). Exit 0 only if everything passes.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
jobs=$(nproc 2>/dev/null || echo 2)

# build_and_test DIR "CTEST ARGS" CMAKE ARGS...
# Unity builds: on two cores, compiling the heavy headers (nlohmann/json, Poco, GoogleTest) once
# per batch of sources instead of once per file roughly halves the build.
build_and_test() {
  local dir=$1 ctest_args=$2; shift 2
  cmake -S . -B "$dir" -G Ninja -DCC_WERROR=ON -DCMAKE_UNITY_BUILD=ON "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
  # shellcheck disable=SC2086
  (cd "$dir" && ctest --output-on-failure -j "$jobs" $ctest_args)
}

echo "== optimised build (warnings as errors), every test including the long ones =="
# -g1 (line tables) instead of -g: a tenth less compile time; backtraces still name file:line.
build_and_test build "" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"

# libFuzzer smoke runs (only where clang is installed): build just the fuzz targets and the
# engine they link, then 2,000 inputs per target under ASan + UBSan. Longer runs: tests/fuzz/README.md.
if command -v clang++ >/dev/null 2>&1; then
  echo "== fuzz targets (clang, ASan + UBSan, 2000 runs each) =="
  cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCC_FUZZ=ON -DCC_TESTS=OFF \
        -DCMAKE_UNITY_BUILD=ON -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" >/dev/null
  cmake --build build-fuzz -j "$jobs" --target cc_fuzzers
  scratch=$(mktemp -d)  # new inputs land here, never in the committed seed corpus
  for target in manifest_loader pipeline_spec connector_spec plan_file yaml_fast_path; do
    mkdir -p "$scratch/$target"
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      "build-fuzz/tests/fuzz/fuzz_$target" -runs=2000 -max_len=65536 -timeout=10 \
      "$scratch/$target" "tests/fuzz/corpus/$target" 2>&1 | tail -n 2
    test "${PIPESTATUS[0]}" -eq 0
  done
  rm -rf "$scratch"
else
  echo "== fuzz targets skipped: clang++ not installed =="
fi

# Last, so that the closing lines are ctest's summary.
# -O1: the suites that start hundreds of CLI processes run several times faster than at -O0;
# -g1: line tables for the sanitizers' reports, without full debug information to compile.
echo "== ASan + UBSan build (tests labelled long run in the optimised build only) =="
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  build_and_test build-asan "-LE long" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DCC_SANITIZE=ON
