#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test twice: a normal -Werror build and an
# AddressSanitizer + UndefinedBehaviorSanitizer build. Exit 0 only if both pass.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
jobs=$(nproc 2>/dev/null || echo 2)

build_and_test() {
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja -DCC_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
  (cd "$dir" && ctest --output-on-failure -j "$jobs")
}

echo "== release build (warnings as errors) =="
build_and_test build -DCMAKE_BUILD_TYPE=RelWithDebInfo
echo "== ASan + UBSan build =="
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  build_and_test build-asan -DCMAKE_BUILD_TYPE=Debug -DCC_SANITIZE=ON

# libFuzzer smoke runs (only where clang is installed): build just the fuzz targets and the
# engine they link, then 2,000 inputs per target under ASan + UBSan. Longer runs: tests/fuzz/README.md.
if command -v clang++ >/dev/null 2>&1; then
  echo "== fuzz targets (clang, ASan + UBSan, 2000 runs each) =="
  cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCC_FUZZ=ON -DCC_TESTS=OFF \
        -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" >/dev/null
  cmake --build build-fuzz -j "$jobs" --target cc_fuzzers
  scratch=$(mktemp -d)  # new inputs land here, never in the committed seed corpus
  for target in manifest_loader pipeline_spec connector_spec plan_file; do
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
