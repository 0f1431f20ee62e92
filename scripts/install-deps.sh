#!/usr/bin/env bash
# Install spikewafer's build, test and tooling dependencies from Debian's apt (Debian 12).
#
# Idempotent and quick on repeat runs: packages are checked with dpkg-query first, and
# `apt-get update` / `apt-get install` run only when something is missing.
# Runs as root, or through sudo when not root and sudo exists.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

packages=(
  build-essential cmake git pkg-config
  librandom123-dev libtomlplusplus-dev libcli11-dev libhdf5-dev libeigen3-dev
  nlohmann-json3-dev libgtest-dev libgmock-dev libbenchmark-dev libomp-dev
  libthrust-dev libcub-dev libcu++-dev libopenmpi-dev openmpi-bin
  python3 python3-venv python3-numpy python3-matplotlib python3-h5py
)

log() { echo "[install-deps] $*"; }
die() { echo "[install-deps] ERROR: $*" >&2; exit 1; }

if [[ $(id -u) -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo env DEBIAN_FRONTEND=noninteractive)
else
  as_root=()
fi

installed() {
  local status
  status=$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) || return 1
  [[ $status == "install ok installed" ]]
}

log "checking ${#packages[@]} packages with dpkg-query"
missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  log "all ${#packages[@]} packages already installed; nothing to do"
  exit 0
fi

log "missing (${#missing[@]}): ${missing[*]}"
if [[ $(id -u) -ne 0 && ${#as_root[@]} -eq 0 ]]; then
  die "not root and sudo is not available; run as root: apt-get install ${missing[*]}"
fi

log "apt-get update"
"${as_root[@]}" apt-get update -q \
  || die "apt-get update failed (network, or the apt sources in /etc/apt?)"

log "apt-get install ${missing[*]}"
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" \
  || die "apt-get install failed for: ${missing[*]}"

still=()
for p in "${missing[@]}"; do
  installed "$p" || still+=("$p")
done
[[ ${#still[@]} -eq 0 ]] || die "still not installed after apt-get: ${still[*]}"
log "installed ${#missing[@]} packages; all ${#packages[@]} present"
