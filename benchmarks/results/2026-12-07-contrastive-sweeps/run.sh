#!/bin/bash
# usage: run.sh NAME SEED [ENV...]
cd /tmp/isx
B=/work/main/build-cpu/spikewafer
R=/work/main/benchmarks/results/2026-12-06-loop-convergence
n=$1; s=$2; shift 2
rm -rf $n-s$s
/usr/bin/time -f "$n seed$s %e s" env "$@" $B ising-scan seed$s.toml --out $n-s$s --no-plots > $n-s$s.log 2>> wall.txt
( grep '^sampler' $R/scan-seed$s.csv | head -1; grep '^glauber' $R/scan-seed$s.csv; grep '^spiking' $n-s$s/scan.csv ) > $n-scan-seed$s.csv
/usr/bin/python3 /work/main/benchmarks/ising_fidelity.py $n-scan-seed$s.csv --out $n-fidelity-seed$s.md > /dev/null
/usr/bin/python3 $R/largest_differences.py $n-scan-seed$s.csv > $n-largest-seed$s.txt
