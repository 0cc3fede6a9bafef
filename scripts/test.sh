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
