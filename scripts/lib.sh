# Shared by the scripts in this folder: installs what is missing and builds.  Source it.
set -euo pipefail

WK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WK_JOBS="${WK_JOBS:-2}"

# The Debian packages a build needs (the library headers, the compiler and CMake; catch2 and
# libbenchmark-dev for the test and benchmark targets; libssl-dev for API key hashes and TLS,
# openssl for the test certificate).
WK_BUILD_PACKAGES=(build-essential cmake ninja-build pkg-config git python3
  librocksdb-dev libboost-graph-dev libcpp-httplib-dev nlohmann-json3-dev catch2
  libbenchmark-dev libssl-dev openssl)
# ... and what the tests need besides (chromium, firefox-esr, nodejs with npm: tests/web;
# wrk: scripts/bench).
WK_PACKAGES=("${WK_BUILD_PACKAGES[@]}" curl chromium firefox-esr nodejs wrk)

wk_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# wk_ensure_packages PKG...: apt-get installs the packages that are not installed yet.
wk_ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  wk_log "installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# wk_build DIR [CMAKE ARGS...]: configures and builds the tree in DIR (a re-run is incremental).
wk_build() {
  local dir="$1"
  shift
  cmake -S "$WK_ROOT" -B "$dir" -G Ninja "$@" >/dev/null
  cmake --build "$dir" -j "$WK_JOBS"
}
