#!/bin/bash
cd /tmp/r13
B=/work/main/build-cpu/spikewafer
R=/work/main/benchmarks/results/2026-12-06-loop-convergence
rm -rf open5 s3 s4 s5
/usr/bin/time -f "open5 %e s" $B ising-scan $R/open-wall/open.toml --out open5 --no-plots > open5.log 2>> wall.txt
for s in 3 4 5; do
  /usr/bin/time -f "seed$s %e s" $B ising-scan seed$s.toml --out s$s --no-plots > s$s.log 2>> wall.txt
  ( grep '^sampler' $R/scan-seed$s.csv | head -1; grep '^glauber' $R/scan-seed$s.csv; grep '^spiking' s$s/scan.csv ) > scan-seed$s.csv
  /usr/bin/python3 /work/main/benchmarks/ising_fidelity.py scan-seed$s.csv --out fidelity-seed$s.md > /dev/null
  /usr/bin/python3 $R/largest_differences.py scan-seed$s.csv > largest-seed$s.txt
done
echo done >> wall.txt
