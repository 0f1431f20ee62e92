#!/usr/bin/env bash
# Writes scikit-learn's 8x8 handwritten digits (1,797 images, shipped inside its wheel: nothing
# is downloaded at run time of the simulator) as CSV files for `spikewafer train`:
#   data/digits/train.csv, train_labels.csv (the first 1,500 images of a fixed shuffle, seed 1)
#   data/digits/test.csv,  test_labels.csv  (the other 297)
# Pixels are scaled from 0..16 to 0..1 (the trainer binarises at 0.5), one image per row.
# scikit-learn is installed from the Python package registry into .venv-digits/ (made with
# Debian's /usr/bin/python3) on the first run. Usage: scripts/make-digits.sh [OUT_DIR]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$repo/data/digits}"
venv="$repo/.venv-digits"
if [[ ! -x "$venv/bin/python" ]]; then
  echo "[make-digits] creating $venv with scikit-learn"
  /usr/bin/python3 -m venv "$venv"
  "$venv/bin/pip" install -q scikit-learn
fi
mkdir -p "$out"
"$venv/bin/python" - "$out" <<'PY'
import os
import sys

import numpy as np
from sklearn.datasets import load_digits

out = sys.argv[1]
digits = load_digits()
order = np.random.default_rng(1).permutation(len(digits.target))
images, labels = digits.data[order] / 16.0, digits.target[order]
for name, rows in (("train", slice(0, 1500)), ("test", slice(1500, None))):
    np.savetxt(os.path.join(out, f"{name}.csv"), images[rows], fmt="%.4f", delimiter=",")
    np.savetxt(os.path.join(out, f"{name}_labels.csv"), labels[rows], fmt="%d")
print(f"[make-digits] wrote {out}/train.csv ({1500} images), test.csv "
      f"({len(labels) - 1500}), and their labels")
PY
