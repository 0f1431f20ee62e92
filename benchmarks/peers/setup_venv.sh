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
# Uses Debian's /usr/bin/python3 on purpose (a pyenv python may come first
# on PATH; Brian2's standalone build needs the system compiler toolchain).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="${SPIKEWAFER_VENV:-$repo/.venv-peers}"
sys_python=/usr/bin/python3

log() { echo "[setup_venv] $*"; }

# NumPy 2.4 removed ndarray.ptp, which brian2 2.9.0 (the newest release pip
# offers for Python 3.11, Debian 12's python) still references at import
# time ("AttributeError: type object 'numpy.ndarray' has no attribute 'ptp'").
numpy_spec='numpy<2.4'

if [[ ! -x "$sys_python" ]]; then
    echo "[setup_venv] ERROR: $sys_python not found (run scripts/install-deps.sh)" >&2
    exit 1
fi

py="$venv/bin/python"

if [[ -x "$py" ]] && "$py" -c 'import brian2, numpy' >/dev/null 2>&1; then
    log "venv $venv already has brian2; skipping install"
else
    if [[ ! -x "$py" ]]; then
        log "creating venv at $venv"
        if ! "$sys_python" -m venv "$venv"; then
            echo "[setup_venv] ERROR: '$sys_python -m venv' failed (is python3-venv installed? run scripts/install-deps.sh)" >&2
            exit 1
        fi
    else
        log "venv $venv exists but brian2 is missing; installing"
    fi
    log "upgrading pip"
    "$py" -m pip install --quiet --disable-pip-version-check --upgrade pip
    log "installing brian2 and $numpy_spec from PyPI"
    if ! "$py" -m pip install --quiet --disable-pip-version-check brian2 "$numpy_spec"; then
        echo "[setup_venv] ERROR: pip install brian2 '$numpy_spec' failed" >&2
        exit 1
    fi
fi

ver="$("$py" -c 'import brian2; print(brian2.__version__)')"
log "python: $("$py" -c 'import sys; print(sys.version.split()[0])') at $py"
echo "brian2 $ver"
