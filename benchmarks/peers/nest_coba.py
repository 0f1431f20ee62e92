"""COBA (examples/coba.toml) in NEST 3, the third peer of benchmarks/run_coba_vs_brian2.sh.

The network mirrors examples/coba.toml: 3200 + 800 iaf_cond_exp neurons (C_m 200 pF, g_L 10 nS,
E_L = V_reset = -60 mV, V_th -50 mV, t_ref 5 ms, E_ex 0 mV, E_in -80 mV, tau_syn 5 / 10 ms), four
fixed-probability projections (p = 0.02, no autapses) of 4 nS and 51 nS with delay 0.1 ms, initial
V uniform in [-60, -50) mV and conductances normal (4 +- 1.5 nS, 20 +- 12 nS) clipped at 0, as
spikewafer does. Each run is a fresh kernel (network built again, same seed); only nest.Simulate
is timed, the span of spikewafer's wall_s and Brian2's sim_time_s.

Run in the venv of setup_nest_venv.sh:
    python nest_coba.py --threads 2 --runs 3 --json out.json
Writes the fields that run_coba_vs_brian2.sh's table reads (threads, sim_time_s, sim_time_s_runs,
rate_exc_hz, rate_inh_hz, synapses).
"""
import argparse
import json
import os
import statistics
import time

os.environ.setdefault("PYNEST_QUIET", "1")
import nest  # noqa: E402
import numpy as np  # noqa: E402

N_EXC, N_INH = 3200, 800


def one_run(threads, duration, seed):
    nest.ResetKernel()
    nest.set_verbosity("M_ERROR")
    nest.SetKernelStatus({"resolution": 0.1, "local_num_threads": threads, "rng_seed": seed})
    params = {"C_m": 200.0, "g_L": 10.0, "E_L": -60.0, "V_th": -50.0, "V_reset": -60.0,
              "t_ref": 5.0, "E_ex": 0.0, "E_in": -80.0, "tau_syn_ex": 5.0, "tau_syn_in": 10.0,
              "I_e": 0.0}
    exc = nest.Create("iaf_cond_exp", N_EXC, params=params)
    inh = nest.Create("iaf_cond_exp", N_INH, params=params)
    rng = np.random.default_rng(seed)
    for pop, n in ((exc, N_EXC), (inh, N_INH)):
        pop.set(V_m=list(rng.uniform(-60.0, -50.0, n)),
                g_ex=list(np.maximum(rng.normal(4.0, 1.5, n), 0.0)),
                g_in=list(np.maximum(rng.normal(20.0, 12.0, n), 0.0)))
    rule = {"rule": "pairwise_bernoulli", "p": 0.02, "allow_autapses": False}
    for source, weight in ((exc, 4.0), (inh, -51.0)):  # nS; negative: the inhibitory receptor
        for target in (exc, inh):
            nest.Connect(source, target, rule, {"weight": weight, "delay": 0.1})
    recorder = nest.Create("spike_recorder")
    nest.Connect(exc + inh, recorder)
    synapses = nest.GetKernelStatus("num_connections") - N_EXC - N_INH  # less the recorder's
    start = time.perf_counter()
    nest.Simulate(duration)
    wall = time.perf_counter() - start
    senders = np.asarray(recorder.get("events")["senders"])
    first_inh = inh.tolist()[0]
    return wall, int(np.sum(senders < first_inh)), int(np.sum(senders >= first_inh)), synapses


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--duration", type=float, default=1000.0)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--json", required=True)
    a = p.parse_args()
    runs = [one_run(a.threads, a.duration, a.seed) for _ in range(a.runs)]
    walls = [r[0] for r in runs]
    wall, spikes_exc, spikes_inh, synapses = runs[0]
    seconds = a.duration * 1e-3
    result = {"simulator": "nest", "nest_version": nest.__version__, "threads": a.threads,
              "seed": a.seed, "duration_ms": a.duration, "synapses": synapses,
              "spikes_exc": spikes_exc, "spikes_inh": spikes_inh,
              "rate_exc_hz": spikes_exc / (N_EXC * seconds),
              "rate_inh_hz": spikes_inh / (N_INH * seconds),
              "sim_time_s": statistics.median(walls), "sim_time_s_runs": walls,
              "sim_time_source": "time.perf_counter around nest.Simulate"}
    print(json.dumps(result))
    with open(a.json, "w") as f:
        json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
