#!/usr/bin/env bash
# The main job: installs what is missing, builds, then validates the example manifest.
# (Once the emulator and engine land, this runs plan + apply against a local workspace.)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc 2>/dev/null || echo 2)" --target community-connector workspace-emulator

cli=build/cli/community-connector
export GITHUB_TOKEN=${GITHUB_TOKEN:-ghp_example_not_a_real_token}
echo "== validate examples/minimal.yaml =="
"$cli" validate -f examples/minimal.yaml
