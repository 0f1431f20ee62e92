"""PyNN's test_HH_cond_exp on pyNN.spikewafer and on PyNN's Brian2 backend, side by side: the
first time v is above 0 mV and the spike count in 20 ms, for PyNN's initial gates (m 0, h 1,
n 0) and with h = 0. Run once per backend with a python that has it: the project's .venv for spikewafer, a venv with
PyNN 0.13.0, Brian2 and numpy < 2 for brian2 (`hh_scenario_peers.py brian2`)."""
import importlib
import sys

import numpy as np
import quantities as pq


def scenario(name, h):
    sim = importlib.import_module("pyNN." + name)
    sim.setup(timestep=0.001, min_delay=0.1)
    cell = sim.Population(1, sim.HH_cond_exp(gbar_Na=20.0, gbar_K=6.0, g_leak=0.01, cm=0.2,
                                             v_offset=-63.0, e_rev_Na=50.0, e_rev_K=-90.0,
                                             e_rev_leak=-65.0, e_rev_E=0.0, e_rev_I=-80.0,
                                             tau_syn_E=0.2, tau_syn_I=2.0, i_offset=1.0))
    cell.initialize(v=-64.0, m=0.0, h=h, n=0.0)
    cell.record(["v", "spikes"])
    sim.run(20.0)
    seg = cell.get_data().segments[0]
    v = seg.filter(name="v")[0]
    first = float(v.times[np.where(np.asarray(v).ravel() > 0)[0][0]].rescale(pq.ms))
    spikes = np.asarray(seg.spiketrains[0].rescale(pq.ms))
    sim.end()
    return first, spikes


for h in (1.0, 0.0):
    for name in sys.argv[1:] or ["spikewafer", "brian2"]:
        first, spikes = scenario(name, h)
        # Brian2's backend for HH has no refractory period: a spike in every step above -40 mV
        print(f"h0 = {h:.0f}  {name:10s}  first v > 0 at {first:.4f} ms, {spikes.size} spikes, "
              f"the first at {spikes[0]:.3f} ms")
