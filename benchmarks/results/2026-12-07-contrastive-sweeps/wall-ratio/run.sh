#!/bin/bash
cd /tmp/wallx
for rep in 1 2; do
  rm -rf o d s
  /usr/bin/time -f "open seed5 rep$rep %e s" /tmp/spikewafer-default ising-scan open.toml --out o --no-plots > /dev/null 2>> wall-raw.txt
  /usr/bin/time -f "sweeps3 seed5 rep$rep %e s" /tmp/spikewafer-default ising-scan seed5.toml --out d --no-plots > /dev/null 2>> wall-raw.txt
  /usr/bin/time -f "sweeps4 seed5 rep$rep %e s" env SW_SWEEPS=4 /tmp/spikewafer-sweeps ising-scan seed5.toml --out s --no-plots > /dev/null 2>> wall-raw.txt
done
grep " s$" wall-raw.txt | grep -v "^spikewafer" > wall-times.txt
echo done >> wall-times.txt
