#!/bin/bash
# The open translation (in the gauge) and the default scan, seed 5, alternated, three times, with
# nothing else running; binary of the commit that adds this folder (/tmp/spikewafer-final).
cd /tmp/wall4
for rep in 1 2 3; do
  rm -rf o d
  /usr/bin/time -f "open seed5 rep$rep %e s" /tmp/spikewafer-final ising-scan open.toml --out o --no-plots > /dev/null 2>> wall-raw-final.txt
  /usr/bin/time -f "default seed5 rep$rep %e s" /tmp/spikewafer-final ising-scan seed5.toml --out d --no-plots > /dev/null 2>> wall-raw-final.txt
done
grep " s$" wall-raw-final.txt | grep -v "^spikewafer" > wall-times.txt
