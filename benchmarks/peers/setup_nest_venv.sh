#!/usr/bin/env bash
# Create the virtual environment in which benchmarks/peers/nest_adex.py runs
# NEST's aeif_cond_exp / aeif_cond_alpha, the peer of
# benchmarks/adex_firing_patterns.py. Installs nest-simulator and numpy from
# PyPI.
#
#   SPIKEWAFER_NEST_VENV   where to put the venv (default: <repo>/.venv-nest,
#                          which /.gitignore keeps out of git via /.venv*/)
#
# Idempotent: if the venv exists and `import nest` works, nothing is
# installed. Always prints the NEST version as the last line:
#   NEST <version>
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="${SPIKEWAFER_NEST_VENV:-$repo/.venv-nest}"
source "$here/venv_support.sh"

# `import nest` prints NEST's banner on stdout unless PYNEST_QUIET is set;
# keep it out of this script's output (and of the benchmark's progress lines).
export PYNEST_QUIET=1
# nest-simulator's PyPI wheel carries NEST and the libraries it links (GSL
# among them), so nothing comes from apt; pinned so that reruns of the
# benchmark compare against the same NEST.
ensure_venv setup_nest_venv "$venv" 'import nest, numpy' nest-simulator==3.10.0 numpy

py="$venv/bin/python"
echo "[setup_nest_venv] python: $("$py" -c 'import sys; print(sys.version.split()[0])') at $py"
echo "NEST $("$py" -c 'import nest; print(nest.__version__)')"
