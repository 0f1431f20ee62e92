#!/bin/bash
cd /tmp/isy
for s in 6 7 8; do
  /tmp/spikewafer-default ising-scan glauber$s.toml --out g$s --no-plots > g$s.log 2>&1
  /usr/bin/time -f "sw3 seed$s %e s" /tmp/spikewafer-default ising-scan seed$s.toml --out sw3-s$s --no-plots > sw3-s$s.log 2>> wall.txt
  /usr/bin/time -f "sw4 seed$s %e s" env SW_SWEEPS=4 /tmp/spikewafer-sweeps ising-scan seed$s.toml --out sw4-s$s --no-plots > sw4-s$s.log 2>> wall.txt
  for n in sw3 sw4; do
    ( head -1 g$s/scan.csv; grep '^glauber' g$s/scan.csv; grep '^spiking' $n-s$s/scan.csv ) > $n-scan-seed$s.csv
    /usr/bin/python3 /work/main/benchmarks/ising_fidelity.py $n-scan-seed$s.csv --out $n-fidelity-seed$s.md > /dev/null
    /usr/bin/python3 /work/main/benchmarks/results/2026-12-06-loop-convergence/largest_differences.py $n-scan-seed$s.csv > $n-largest-seed$s.txt
    cp $n-s$s/translation.csv $n-translation-seed$s.csv
  done
done
echo done >> wall.txt
