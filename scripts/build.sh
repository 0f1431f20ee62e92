#!/usr/bin/env bash
# Configures and builds spikewafer into build/ (Release). The CUDA backend is built when nvcc is
# found (SPIKEWAFER_CUDA=AUTO); pass -DSPIKEWAFER_CUDA=OFF to skip it. Extra arguments go to cmake.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
build="${SPIKEWAFER_BUILD_DIR:-$repo/build}"
if ! command -v nvcc >/dev/null 2>&1 && [ -x /usr/local/cuda/bin/nvcc ]; then
  export PATH="/usr/local/cuda/bin:$PATH"
fi
cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build "$build" -j "$(nproc)"
