#!/usr/bin/env bash
# The README's test command: installs what is needed, builds (with the CUDA backend where nvcc
# is found, warnings as errors) and runs the whole test suite, C++ (ctest) and Python (pytest),
# then the C++ suite under sanitizers.
# GPU tests skip where no GPU is.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
"$repo/scripts/install-deps.sh"
"$repo/scripts/build.sh" -DSPIKEWAFER_WERROR=ON
"$repo/scripts/check-vectorized.sh"
cd "${SPIKEWAFER_BUILD_DIR:-$repo/build}"
ctest --output-on-failure -j "$(nproc)" --timeout 600
# Hostile input: 120 mutated example configs through every command (fixed seed, about a minute);
# a crash, an uncaught error, leftover temporaries or NaN outputs fail the suite.
/usr/bin/python3 "$repo/scripts/fuzz-configs.py" "$PWD/spikewafer" --count 120 --seed 1 \
  --out "$PWD/fuzz-report.md"
# The Python package (its own build in build-python/, installed into .venv/) and its pytest suite.
"$repo/scripts/test-python.sh"
# The C++ suite again under AddressSanitizer and UndefinedBehaviorSanitizer with leak checking
# (build-sanitizers/, about 13 minutes on 2 cores): memory errors, undefined behaviour and leaks
# fail the suite.
"$repo/scripts/check-sanitizers.sh"
