#!/usr/bin/env bash
# The README's main job: installs what is needed, builds, and runs the built-in Ising
# phase-diagram scan (2D square lattice, L = 8 and 16, T from 1.5 to 3.5, h from -1.5 to 1.5,
# Glauber and spiking samplers), writing its table and plots into ${1:-out/ising}. A second run into the
# same folder continues an interrupted scan (--resume) or, if it finished, says so.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$repo/out/ising}"
"$repo/scripts/install-deps.sh"
"$repo/scripts/build.sh"
resume=()
[[ -f "$out/scan.csv" ]] && resume=(--resume)
"${SPIKEWAFER_BUILD_DIR:-$repo/build}/spikewafer" ising-scan --out "$out" "${resume[@]}"
