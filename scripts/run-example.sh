#!/usr/bin/env bash
# The README's main job: installs what is needed, builds, and runs the built-in example (the
# Vogels-Abbott COBA network, examples/coba.toml), writing spikes, a summary and a raster plot
# into ${1:-out/coba}.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$repo/out/coba}"
"$repo/scripts/install-deps.sh"
"$repo/scripts/build.sh"
"${SPIKEWAFER_BUILD_DIR:-$repo/build}/spikewafer" run "$repo/examples/coba.toml" --out "$out" --csv
/usr/bin/python3 "$repo/scripts/plot_raster.py" "$out"
