"""NEST's side of benchmarks/microcircuit_vs_nest.py: the network that examples/microcircuit.py
writes, built in NEST 3 from the same numbers (the module is imported, not copied): iaf_psc_exp
populations, fixed_total_number projections with normal weights and delays drawn again outside
their bounds (nest.math.redraw, as NEST's own Potjans_2014 example), one poisson_generator per
population (independent trains per target) or the DC variant, a spike_recorder.

Prints one JSON line: set-up time (create and connect), simulation time, spikes per population
counted from --rate-start to the end, NEST's version.

Run in the venv of setup_nest_venv.sh:
    python nest_microcircuit.py --scale 0.1 --threads 2 --duration 1000 --seed 1
"""
import argparse
import json
import os
import sys
import time

os.environ.setdefault("PYNEST_QUIET", "1")
import nest  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "examples"))
import microcircuit as mc  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--scale", type=float, default=0.1)
    p.add_argument("--background", choices=("poisson", "dc"), default="poisson")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--duration", type=float, default=1000.0)
    p.add_argument("--rate-start", type=float, default=200.0)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    net = mc.Microcircuit(a.scale, background=a.background)

    start = time.perf_counter()
    nest.ResetKernel()
    nest.set_verbosity("M_ERROR")
    nest.SetKernelStatus({"resolution": mc.DT, "local_num_threads": a.threads,
                          "rng_seed": a.seed})
    n = mc.NEURON
    pops = []
    for t, size in enumerate(net.sizes):
        pop = nest.Create("iaf_psc_exp", size, params={
            "C_m": n["cm"] * 1000.0, "tau_m": n["tau_m"], "E_L": n["v_rest"],
            "V_th": n["v_thresh"], "V_reset": n["v_reset"], "t_ref": n["tau_refrac"],
            "tau_syn_ex": n["tau_syn_E"], "tau_syn_in": n["tau_syn_I"], "I_e": net.dc[t]})
        pop.V_m = nest.random.normal(mean=mc.INITIAL_V_MEAN[t], std=mc.INITIAL_V_SD[t])
        pops.append(pop)
    # One synapse model per source population: NEST stores at most 2^27 connections per thread
    # and synapse model, which the full network on 2 threads exceeds with a single model.
    for name in mc.POPULATIONS:
        nest.CopyModel("static_synapse", f"static_from_{name}")
    recorder = nest.Create("spike_recorder", params={"start": a.rate_start})
    for t, target in enumerate(pops):
        nest.Connect(target, recorder)
        if a.background == "poisson":
            drive = nest.Create("poisson_generator",
                                params={"rate": mc.BACKGROUND_RATE * net.external_indegrees[t]})
            nest.Connect(drive, target, syn_spec={"weight": net.external_psc, "delay": mc.DT})
        for s, source in enumerate(pops):
            count = net.synapses[t][s]
            if count == 0:
                continue
            w = net.psc[t][s]  # pA, signed
            d = mc.DELAY_EXCITATORY if s % 2 == 0 else mc.DELAY_INHIBITORY
            low, high = (0.0, np.inf) if w > 0 else (-np.inf, 0.0)
            weight = nest.math.redraw(
                nest.random.normal(mean=w, std=abs(w) * mc.WEIGHT_RELATIVE_SD), min=low,
                max=high)
            delay = nest.math.redraw(
                nest.random.normal(mean=d, std=d * mc.DELAY_RELATIVE_SD), min=mc.DT,
                max=np.inf)
            nest.Connect(source, target, {"rule": "fixed_total_number", "N": count},
                         {"synapse_model": f"static_from_{mc.POPULATIONS[s]}", "weight": weight,
                          "delay": delay})
    nest.Prepare()  # NEST builds its connection tables here: set-up, not simulation
    setup = time.perf_counter() - start

    start = time.perf_counter()
    nest.Run(a.duration)
    wall = time.perf_counter() - start
    nest.Cleanup()

    senders = np.asarray(recorder.get("events")["senders"])
    firsts = [pop.tolist()[0] for pop in pops]
    spikes = [int(np.sum((senders >= f) & (senders < f + size)))
              for f, size in zip(firsts, net.sizes)]
    print(json.dumps({"simulator": "nest", "version": nest.__version__, "threads": a.threads,
                      "scale": a.scale, "seed": a.seed, "setup_s": setup, "wall_s": wall,
                      "bio_time_ms": a.duration, "rate_start_ms": a.rate_start,
                      "spikes": spikes, "sizes": net.sizes}))


if __name__ == "__main__":
    main()
