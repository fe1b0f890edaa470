#!/usr/bin/env bash
# Installs the Debian packages crv-io builds and tests with, when they are missing.
# Runs `apt-get update` once, and only when something has to be installed.
#   scripts/install-deps.sh        what `make build/test/sanitize` need (g++'s ASan and
#                                  UBSan runtimes come with build-essential)
#   scripts/install-deps.sh fuzz   also clang and its runtimes (libFuzzer, ASan, UBSan)
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config clang-format clang-tidy
  libzstd-dev liblz4-dev libsnappy-dev zlib1g-dev libbrotli-dev
  libtomlplusplus-dev nlohmann-json3-dev libfmt-dev libcli11-dev libsimdjson-dev
  libgtest-dev libgmock-dev libbenchmark-dev doxygen
  nodejs npm git
  python3-dev pybind11-dev python3-numpy python3-pandas python3-pytest
)
if [ "${1:-}" = fuzz ]; then
  packages+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    # nodejs/npm may come from elsewhere than Debian; a working binary is enough.
    case "$p" in
      nodejs) command -v node >/dev/null 2>&1 && continue ;;
      npm) command -v npm >/dev/null 2>&1 && continue ;;
    esac
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
