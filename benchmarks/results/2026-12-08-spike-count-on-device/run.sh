#!/bin/bash
# Per-step device traffic and CPU wall time of `spikewafer run`, before and after the step's
# spike count stayed in device memory, alternated. Usage: run.sh BEFORE_BINARY AFTER_BINARY ROUNDS
# The Brunel network of 10^5 neurons is examples/brunel.toml with its sizes x10 and 200 ms; the
# microcircuit is examples/microcircuit.py at scale 0.1.
set -euo pipefail
before=$1 after=$2 rounds=${3:-3}
repo=$(cd "$(dirname "$0")/../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed -e 's/^size = 8000/size = 80000/' -e 's/^size = 2000/size = 20000/' \
    -e 's/^duration = 1000.0/duration = 200.0/' "$repo/examples/brunel.toml" > "$work/brunel1e5.toml"
/usr/bin/python3 "$repo/examples/microcircuit.py" --scale 0.1 --out "$work/microcircuit0.1.toml" > /dev/null
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), --threads 2"
echo "# round binary network spikes wall_s per_step"
for round in $(seq "$rounds"); do
  for which in before after; do
    binary=${!which}
    for net in coba network stdp brunel brunel1e5 microcircuit0.1; do
      config="$repo/examples/$net.toml"
      [ -f "$work/$net.toml" ] && config="$work/$net.toml"
      "$binary" run "$config" --out "$work/$which-$net" --threads 2 > /dev/null 2>&1
      /usr/bin/python3 - "$work/$which-$net/summary.json" "$round $which $net" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
print(sys.argv[2], s["spikes"], s["wall_s"], json.dumps(s["per_step"]))
PY
      rm -rf "$work/$which-$net"
    done
  done
done
