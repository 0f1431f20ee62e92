#!/usr/bin/python3
"""The six largest differences of |m| and of the energy per spin between the spiking sampler and
Glauber dynamics in a scan.csv with both, one line per grid point:
|d|m||, |de|, L, T, h, then each sampler's |m| and energy.
Usage: /usr/bin/python3 largest_differences.py scan-seed3.csv"""
import csv
import sys

rows = list(csv.DictReader(open(sys.argv[1])))
glauber = {(r['L'], r['T'], r['h']): r for r in rows if r['sampler'] == 'glauber'}
found = []
for r in rows:
    if r['sampler'] != 'spiking':
        continue
    g = glauber[(r['L'], r['T'], r['h'])]
    found.append((abs(float(r['abs_m']) - float(g['abs_m'])),
                  abs(float(r['energy']) - float(g['energy'])),
                  r['L'], r['T'], r['h'], r['abs_m'], g['abs_m'], r['energy'], g['energy']))
for k, name in enumerate(['|m|', 'energy']):
    print('largest differences of', name)
    for x in sorted(found, key=lambda x: -x[k])[:6]:
        print('  %.3f %.3f L=%s T=%s h=%s  |m| %s vs %s  e %s vs %s' % x)
