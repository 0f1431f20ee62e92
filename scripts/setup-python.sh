#!/usr/bin/env bash
# Creates (or updates) the Python virtual environment with the spikewafer package installed:
#   ${SPIKEWAFER_PY_VENV:-<repo>/.venv}, made with Debian's /usr/bin/python3 (another python3,
#   such as pyenv's, may come first on PATH; the module is built for this one).
# Installs python/requirements.txt (build requirements, pytest, PyNN, neo, quantities, and scipy
# and matplotlib for PyNN's system scenarios) and then
# `pip install --no-build-isolation .`, which builds the C++ library and the extension module
# with CMake in build-python/ (kept, so a second run recompiles only what changed).
# Idempotent: an existing environment is reused; re-running rebuilds and reinstalls the package.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
venv="${SPIKEWAFER_PY_VENV:-$repo/.venv}"
python=/usr/bin/python3

log() { echo "[setup-python] $*"; }
die() { echo "[setup-python] ERROR: $*" >&2; exit 1; }

# The C++ build's Debian packages (compilers, CMake, HDF5, Thrust, ...).
"$repo/scripts/install-deps.sh"

# The interpreter, venv support and the headers a Python extension is compiled against.
installed() {
  [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true) == "install ok installed" ]]
}
missing=()
for p in python3 python3-venv python3-dev; do installed "$p" || missing+=("$p"); done
if [[ ${#missing[@]} -gt 0 ]]; then
  log "missing Debian packages: ${missing[*]}"
  if [[ $(id -u) -eq 0 ]]; then as_root=(); elif command -v sudo >/dev/null; then as_root=(sudo);
  else die "not root and no sudo; run as root: apt-get install ${missing[*]}"; fi
  "${as_root[@]}" apt-get update -q || die "apt-get update failed"
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${missing[@]}" || die "apt-get install failed for: ${missing[*]}"
fi
[[ -x $python ]] || die "$python not found (Debian's python3 package)"

# Reuse an environment made from the same interpreter; refuse to touch any other.
if [[ -x $venv/bin/python ]]; then
  made_with=$("$venv/bin/python" -c 'import sys; print(sys.base_prefix)' 2>/dev/null || true)
  wanted=$("$python" -c 'import sys; print(sys.base_prefix)')
  [[ $made_with == "$wanted" ]] ||
    die "$venv was made with the Python in '$made_with', not $python; remove it or set" \
        "SPIKEWAFER_PY_VENV to another folder"
  log "reusing $venv ($("$venv/bin/python" --version))"
else
  [[ -e $venv ]] && die "$venv exists but is not a virtual environment; remove it or set SPIKEWAFER_PY_VENV"
  log "creating $venv with $python ($("$python" --version))"
  "$python" -m venv "$venv" || die "python3 -m venv failed (is python3-venv installed?)"
fi

pip=("$venv/bin/python" -m pip --disable-pip-version-check)
log "installing python/requirements.txt"
nice -n 10 "${pip[@]}" install -q --upgrade pip ||
  die "pip could not upgrade itself (is the package registry reachable?)"
nice -n 10 "${pip[@]}" install -q -r "$repo/python/requirements.txt" ||
  die "pip install -r python/requirements.txt failed (is the package registry reachable?)"

log "building and installing spikewafer (CMake build folder: $repo/build-python/)"
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}"
start=$(date +%s)
(cd "$repo" && nice -n 10 "${pip[@]}" install -q --no-build-isolation .) ||
  die "building the package failed; for the compiler's output run:" \
      "$venv/bin/pip install -v --no-build-isolation $repo"
"$venv/bin/python" -c 'import spikewafer' ||
  die "the package was installed but does not import"

# PyNN finds a backend by module name (pyNN.<simulator>): install a one-line module
# pyNN/spikewafer.py that stands for spikewafer.pynn, as external backends do. Idempotent.
"$venv/bin/python" - <<'PY' || die "could not install the pyNN.spikewafer module"
import os
import pyNN
path = os.path.join(os.path.dirname(pyNN.__file__), "spikewafer.py")
text = ('"""The spikewafer backend for PyNN (spikewafer.pynn, docs/pynn.md); written by '
        'spikewafer\'s scripts/setup-python.sh."""\n'
        "import sys\n"
        "from spikewafer import pynn as _backend\n"
        "sys.modules[__name__] = _backend\n")
old = open(path).read() if os.path.exists(path) else None
if old != text:
    with open(path, "w") as f:
        f.write(text)
PY
"$venv/bin/python" -c 'import pyNN.spikewafer' ||
  die "pyNN.spikewafer does not import"
log "spikewafer installed into $venv in $(( $(date +%s) - start )) s; activate with: source $venv/bin/activate"
