#!/bin/bash
# 4 sweeps (SW_SWEEPS override of /tmp/spikewafer-sweeps) and 200 ms of burn-in after the loop;
# Glauber rows: seeds 3-5 from ../2026-12-06-loop-convergence, seeds 6-8 from ../seeds-6-8.
cd /tmp/isz
R=/work/main/benchmarks/results
for s in 3 4 5 6 7 8; do
  /usr/bin/time -f "sw4-burn200 seed$s %e s" env SW_SWEEPS=4 /tmp/spikewafer-sweeps ising-scan seed$s.toml --out s$s --no-plots > s$s.log 2>> wall.txt
  if [ $s -le 5 ]; then g=$R/2026-12-06-loop-convergence/scan-seed$s.csv; else g=$R/2026-12-07-contrastive-sweeps/seeds-6-8/sw3-scan-seed$s.csv; fi
  ( grep '^sampler' $g | head -1; grep '^glauber' $g; grep '^spiking' s$s/scan.csv ) > scan-seed$s.csv
  /usr/bin/python3 /work/main/benchmarks/ising_fidelity.py scan-seed$s.csv --out fidelity-seed$s.md > /dev/null
  /usr/bin/python3 $R/2026-12-06-loop-convergence/largest_differences.py scan-seed$s.csv > largest-seed$s.txt
  cp s$s/translation.csv translation-seed$s.csv
done
echo done >> wall.txt
