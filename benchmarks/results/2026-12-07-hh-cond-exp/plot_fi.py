"""The f-I curve of examples/hh_neurons.toml (population `fi`: bias 0.05..1.00 nA, 1 s) from its
spikes.csv, with the pure-Python RK4 solution's counts at 0.05, 0.5 and 1 nA (dt 0.005 ms, NEST's
spike rule), and neuron 0 of `driven`'s raster. Usage: plot_fi.py SPIKES_CSV OUT_PNG"""
import csv
import sys
from collections import Counter

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

rows = list(csv.DictReader(open(sys.argv[1])))
counts = Counter(int(r["neuron"]) for r in rows if r["population"] == "fi")
currents = [0.05 * (k + 1) for k in range(20)]
fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
a.plot(currents, [counts[k] for k in range(20)], "o-", label="spikewafer, dt = 0.1 ms")
a.plot([0.05, 0.5, 1.0], [14, 77, 128], "kx", markersize=10, label="RK4 reference (dt 0.005 ms)")
a.set_xlabel("bias current (nA)")
a.set_ylabel("firing rate (Hz)")
a.set_title("HH_cond_exp f-I curve (PyNN's defaults)")
a.legend()
a.grid(alpha=0.3)
for n in range(10):
    t = [float(r["time_ms"]) for r in rows if r["population"] == "driven" and int(r["neuron"]) == n]
    b.plot(t, [n] * len(t), "|", color="C0")
b.set_xlabel("time (ms)")
b.set_ylabel("neuron")
b.set_title("`driven`: Poisson conductance input, 10 of 50")
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=110)
