#!/usr/bin/env bash
# A run split over 2 and 4 MPI processes gives the same output as one process (docs/parallel.md):
# spikes.csv byte for byte, every dataset of traces.h5 (traces and rates) exactly, and the spike
# count in summary.json; for `run` (neurons split evenly) and `run --wafer` (split by chips).
# Usage: mpi_rank_invariance.sh SPIKEWAFER MPIEXEC NETWORK WAFER_NETWORK
set -euo pipefail
spikewafer=$1 mpiexec=$2 network=$3 wafer_network=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Root in containers and CI; more processes than cores on small machines.
launch=("$mpiexec" --allow-run-as-root --oversubscribe)

compare() {  # compare DIR_ONE DIR_MANY WHAT
  cmp "$1/spikes.csv" "$2/spikes.csv" || { echo "FAIL: $3: spikes differ" >&2; exit 1; }
  [[ $(wc -l < "$1/spikes.csv") -gt 100 ]] || { echo "FAIL: $3: too few spikes to compare" >&2; exit 1; }
  if [[ -f $1/traces.h5 ]]; then
    /usr/bin/python3 - "$1/traces.h5" "$2/traces.h5" "$3" <<'PY'
import sys
import h5py
import numpy as np
def datasets(path):
    out = {}
    with h5py.File(path) as f:
        f.visititems(lambda name, obj: out.__setitem__(name, obj[()])
                     if isinstance(obj, h5py.Dataset) else None)
    return out
a, b = datasets(sys.argv[1]), datasets(sys.argv[2])
bad = [k for k in a if k not in b or not np.array_equal(a[k], b[k])] + [k for k in b if k not in a]
if bad or not a:
    sys.exit(f"FAIL: {sys.argv[3]}: traces.h5 differs in {bad or 'nothing recorded'}")
PY
  fi
  echo "ok: $3"
}

"$spikewafer" run "$network" --out "$work/one" --csv --threads 1 > /dev/null
"$spikewafer" run "$wafer_network" --wafer --compare --out "$work/wafer_one" --csv --threads 1 > /dev/null
for n in 2 4; do
  "${launch[@]}" -np "$n" "$spikewafer" run "$network" --out "$work/many$n" --csv --threads 1 > /dev/null
  compare "$work/one" "$work/many$n" "run on $n processes"
  grep -q "\"processes\": $n" "$work/many$n/summary.json" || { echo "FAIL: summary lacks processes" >&2; exit 1; }
  "${launch[@]}" -np "$n" "$spikewafer" run "$wafer_network" --wafer --compare \
    --out "$work/wafer_many$n" --csv --threads 1 > /dev/null
  compare "$work/wafer_one" "$work/wafer_many$n" "run --wafer on $n processes"
  compare "$work/wafer_one/ideal" "$work/wafer_many$n/ideal" "run --wafer --compare (ideal) on $n processes"
done
