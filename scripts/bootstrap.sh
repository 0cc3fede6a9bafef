#!/usr/bin/env bash
# Installs the Debian packages the build, the tests and the quickstart need.
#   scripts/bootstrap.sh          everything (scripts/test.sh, scripts/quickstart.sh)
#   scripts/bootstrap.sh build    only what builds the binaries and the .deb (the Dockerfile's
#                                 builder stage: scripts/build-package.sh)
# libpoco-dev brings Poco's Zip library, which builds the wheels.
# Idempotent: when everything is present it installs nothing and changes nothing.
set -euo pipefail

# dpkg-dev and file: CPack's DEB generator finds the ELF files with `file` and computes the
# package's Depends with dpkg-shlibdeps.
packages=(
  build-essential g++ cmake ninja-build pkg-config dpkg-dev file
  libyaml-cpp-dev libvalijson-dev nlohmann-json3-dev
  libpoco-dev libssl-dev openssl ca-certificates
  libboost-graph-dev libcli11-dev
)
# zsh: the completion test parses the generated zsh script with it. clang: the fuzz targets
# and the clang build. python3-pip: the wheel test installs a built wheel with pip.
if [ "${1:-all}" != build ]; then
  packages+=(libgtest-dev libgmock-dev curl python3 python3-pip jq zsh clang libclang-rt-14-dev)
fi

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
