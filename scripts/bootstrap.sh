#!/usr/bin/env bash
# Installs every Debian package the build, the tests and the quickstart need (zsh: the
# completion test parses the generated zsh script with it; python3-pip: the wheel test installs
# a built wheel with pip. libpoco-dev brings Poco's Zip library, which builds the wheels).
# Idempotent: when everything is present it installs nothing and changes nothing.
set -euo pipefail

packages=(
  build-essential g++ cmake ninja-build pkg-config
  libyaml-cpp-dev libvalijson-dev nlohmann-json3-dev
  libpoco-dev libssl-dev openssl ca-certificates
  libboost-graph-dev libgtest-dev libgmock-dev libcli11-dev
  curl python3 python3-pip jq zsh
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "bootstrap: all ${#packages[@]} packages present"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "bootstrap: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi

echo "bootstrap: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
