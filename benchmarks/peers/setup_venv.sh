#!/usr/bin/env bash
# Create the virtual environment used by the peer-simulator benchmarks
# (Brian2 in C++ standalone mode) and install brian2 + numpy from PyPI.
#
#   SPIKEWAFER_VENV   where to put the venv (default: <repo>/.venv-peers,
#                     which /.gitignore keeps out of git via /.venv*/)
#
# Idempotent: if the venv exists and `import brian2` works, nothing is
# installed. Always prints the brian2 version as the last line:
#   brian2 <version>
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="${SPIKEWAFER_VENV:-$repo/.venv-peers}"
source "$here/venv_support.sh"

# NumPy 2.4 removed ndarray.ptp, which brian2 2.9.0 (the newest release pip
# offers for Python 3.11, Debian 12's python) still references at import
# time ("AttributeError: type object 'numpy.ndarray' has no attribute 'ptp'").
ensure_venv setup_venv "$venv" 'import brian2, numpy' brian2 'numpy<2.4'

py="$venv/bin/python"
echo "[setup_venv] python: $("$py" -c 'import sys; print(sys.version.split()[0])') at $py"
echo "brian2 $("$py" -c 'import brian2; print(brian2.__version__)')"
