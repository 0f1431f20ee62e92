# Sourced by the peer set-up scripts (setup_venv.sh, setup_pynn_venv.sh): one way to make a
# peer's virtual environment from Debian's /usr/bin/python3 (a pyenv python may come first on
# PATH; the peers' code generation needs the system compiler toolchain).
#
#   ensure_venv TAG VENV IMPORT_CHECK PACKAGE...
#
# Does nothing when VENV's python already runs `-c IMPORT_CHECK`; otherwise creates VENV if
# needed, upgrades pip and installs the packages from PyPI, then checks the import again.
# Messages are prefixed with [TAG]; failures exit 1 with the reason.

ensure_venv() {
  local tag=$1 venv=$2 check=$3
  shift 3
  local sys_python=/usr/bin/python3 py="$venv/bin/python"
  if [[ ! -x "$sys_python" ]]; then
    echo "[$tag] ERROR: $sys_python not found (run scripts/install-deps.sh)" >&2
    exit 1
  fi
  if [[ -x "$py" ]] && "$py" -c "$check" >/dev/null 2>&1; then
    echo "[$tag] venv $venv already has what it needs; skipping install"
    return 0
  fi
  if [[ ! -x "$py" ]]; then
    echo "[$tag] creating venv at $venv"
    "$sys_python" -m venv "$venv" || {
      echo "[$tag] ERROR: '$sys_python -m venv' failed (is python3-venv installed? run" \
           "scripts/install-deps.sh)" >&2
      exit 1
    }
  fi
  echo "[$tag] installing $* from PyPI"
  "$py" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$py" -m pip install --quiet --disable-pip-version-check "$@" || {
    echo "[$tag] ERROR: pip install $* failed" >&2
    exit 1
  }
  "$py" -c "$check" || {
    echo "[$tag] ERROR: '$check' fails in $venv" >&2
    exit 1
  }
}
