#!/usr/bin/env bash
# Create the virtual environment in which PyNN's own example scripts run on
# PyNN's Brian2 backend (pyNN.brian2), the peer of
# benchmarks/pynn_examples_vs_peer.py. Installs PyNN 0.13.0, neo, quantities,
# lazyarray, brian2 and numpy from PyPI.
#
#   SPIKEWAFER_PYNN_VENV   where to put the venv (default:
#                          <repo>/.venv-pynn-peers, which /.gitignore keeps
#                          out of git via /.venv*/)
#
# Idempotent: if the venv exists and `import pyNN.brian2` works, nothing is
# installed. Always prints the versions as the last line:
#   PyNN <version> brian2 <version> numpy <version>
# NEST comes from its own venv (setup_nest_venv.sh).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="${SPIKEWAFER_PYNN_VENV:-$repo/.venv-pynn-peers}"
source "$here/venv_support.sh"

# PyNN 0.13.0 needs neo>=0.13.4 and lazyarray>=0.5.2 and takes any brian2
# (its CI installs the newest). brian2 2.9.0 is the newest release pip offers
# for Python 3.11 (Debian 12's python); it still references ndarray.ptp,
# which NumPy 2.4 removed, hence numpy<2.4 (as in setup_venv.sh).
ensure_venv setup_pynn_venv "$venv" 'import pyNN.brian2, neo, quantities, lazyarray, pytest, scipy' \
  PyNN==0.13.0 neo quantities lazyarray brian2==2.9.0 'numpy<2.4' pytest scipy

py="$venv/bin/python"
echo "[setup_pynn_venv] python: $("$py" -c 'import sys; print(sys.version.split()[0])') at $py"
"$py" -c 'import pyNN, brian2, numpy; print("PyNN", pyNN.__version__, "brian2", brian2.__version__, "numpy", numpy.__version__)'
