#!/usr/bin/env bash
# The Python test suite: sets up the virtual environment (scripts/setup-python.sh: builds and
# installs the package) and runs pytest on python/tests. Extra arguments go to pytest
# (for example -k simulator, -x).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
venv="${SPIKEWAFER_PY_VENV:-$repo/.venv}"
"$repo/scripts/setup-python.sh"
# Run from outside the source tree so that `import spikewafer` finds the installed package
# (with its compiled module), not the bare python/spikewafer folder.
cd "$repo/python/tests"
exec "$venv/bin/python" -m pytest -q "$repo/python/tests" "$@"
