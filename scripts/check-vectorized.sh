#!/usr/bin/env bash
# Checks that the compiler still vectorises the CPU neuron update: every LifStep instantiation
# (2 models x with/without noise) must be reported as a vectorised loop. Losing that costs 3-5x
# in speed without changing any result, so no other test would notice. Needs a configured
# build folder (for the include paths): scripts/check-vectorized.sh [BUILD_DIR]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-${SPIKEWAFER_BUILD_DIR:-$repo/build}}"
flags_file="$build/CMakeFiles/spikewafer_core.dir/flags.make"
[ -f "$flags_file" ] || { echo "check-vectorized: $flags_file not found; build first" >&2; exit 2; }
defines=$(sed -n 's/^CXX_DEFINES = //p' "$flags_file")
includes=$(sed -n 's/^CXX_INCLUDES = //p' "$flags_file")
cxxflags=$(sed -n 's/^CXX_FLAGS = //p' "$flags_file")
cxx=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt")
report=$(cd "$build" && eval "$cxx" $defines $includes $cxxflags -fopt-info-vec-optimized \
  -c "$repo/host/engine/engine_cpu.cpp" -o /dev/null 2>&1 | grep 'lif_step.hpp.*loop vectorized' || true)
count=$(printf '%s\n' "$report" | grep -c 'loop vectorized' || true)
# GCC 12 reports each of the four instantiations four times (vector widths, epilogues): 16 here,
# 8 when the noisy variants stop vectorising. Another compiler may need another count.
if [ "$count" -lt 16 ]; then
  echo "check-vectorized: the LIF update is no longer vectorised ($count reports, want >= 16)" >&2
  echo "see docs/architecture.md, 'Speed', for what the loop needs" >&2
  exit 1
fi
echo "check-vectorized: LIF update vectorised ($count loop reports)"
