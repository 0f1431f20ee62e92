"""NEST's side of benchmarks/synapse_cost.py: examples/brunel.toml's network in NEST 3
(iaf_psc_exp, fixed in-degrees 800 + 200 without autapses on the recurrent projections, delay
1.5 ms, a 20 kHz Poisson drive per neuron with the excitatory weight, initial V uniform in
[0, 20) mV), with the excitatory-to-excitatory synapses static, stdp_synapse (--variant stdp) or
bernoulli_synapse (--variant stochastic, p_transmit = --release, the weight divided by it).
Prints one JSON line: wall time of nest.Simulate, spikes, synaptic events (spikes times
out-degree), and the learned E->E weights' mean and spread (nA).

Run in the venv of setup_nest_venv.sh: python nest_brunel_synapses.py --neurons 10000
    --threads 2 --duration 500 --rule '{"tau_plus": 20, ...}' --w-exc 0.0549602
    [--variant static|stdp|stochastic] [--release 0.5]
"""
import argparse
import json
import os
import time

os.environ.setdefault("PYNEST_QUIET", "1")
import nest  # noqa: E402
import numpy as np  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--neurons", type=int, required=True)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--duration", type=float, default=500.0)
    p.add_argument("--rule", required=True)
    p.add_argument("--w-exc", type=float, required=True)  # nA
    p.add_argument("--variant", choices=["static", "stdp", "stochastic"], default="static")
    p.add_argument("--release", type=float, default=0.5)
    p.add_argument("--seed", type=int, default=7)
    a = p.parse_args()
    rule = json.loads(a.rule)

    nest.ResetKernel()
    nest.set_verbosity("M_ERROR")
    nest.SetKernelStatus({"resolution": 0.1, "local_num_threads": a.threads,
                          "rng_seed": a.seed})
    n_e = int(a.neurons * 0.8)
    n_i = a.neurons - n_e
    params = {"C_m": 250.0, "tau_m": 20.0, "t_ref": 2.0, "E_L": 0.0, "V_th": 20.0,
              "V_reset": 10.0, "tau_syn_ex": 0.5, "tau_syn_in": 0.5, "I_e": 0.0,
              "tau_minus": rule["tau_minus"]}
    exc = nest.Create("iaf_psc_exp", n_e, params=params)
    inh = nest.Create("iaf_psc_exp", n_i, params=params)
    for pop in (exc, inh):
        pop.V_m = nest.random.uniform(0.0, 20.0)
    w_e = a.w_exc * 1000.0  # pA
    w_i = -5.0 * w_e
    drive = nest.Create("poisson_generator", params={"rate": 20000.0})
    nest.Connect(drive, exc + inh, syn_spec={"weight": w_e, "delay": 0.1})
    spikes = nest.Create("spike_recorder")
    nest.Connect(exc + inh, spikes)

    def indegree(n, autapses):
        return {"rule": "fixed_indegree", "indegree": n, "allow_autapses": autapses}

    if a.variant == "stdp":
        nest.CopyModel("stdp_synapse", "brunel_stdp",
                       {"tau_plus": rule["tau_plus"], "lambda": rule["A_plus"],
                        "alpha": rule["A_minus"] / rule["A_plus"], "mu_plus": 0.0,
                        "mu_minus": 0.0, "Wmax": rule["w_max"] * 1000.0})
        ee = {"synapse_model": "brunel_stdp", "weight": w_e, "delay": 1.5}
    elif a.variant == "stochastic":
        ee = {"synapse_model": "bernoulli_synapse", "p_transmit": a.release,
              "weight": w_e / a.release, "delay": 1.5}
    else:
        ee = {"weight": w_e, "delay": 1.5}
    nest.Connect(exc, exc, indegree(800, False), ee)
    nest.Connect(exc, inh, indegree(800, True), {"weight": w_e, "delay": 1.5})
    nest.Connect(inh, exc, indegree(200, True), {"weight": w_i, "delay": 1.5})
    nest.Connect(inh, inh, indegree(200, False), {"weight": w_i, "delay": 1.5})

    start = time.perf_counter()
    nest.Simulate(a.duration)
    wall = time.perf_counter() - start

    senders = np.asarray(spikes.get("events")["senders"])
    first_i = inh.tolist()[0]
    e_spikes = int(np.sum(senders < first_i))
    i_spikes = int(senders.size - e_spikes)
    # Mean out-degrees: an E neuron 800 (onto E) + 800 n_i / n_e (onto I); an I neuron
    # 200 n_e / n_i + 200.
    events = e_spikes * (800 + 800 * n_i / n_e) + i_spikes * (200 * n_e / n_i + 200)
    row = {"wall_s": wall, "bio_time_ms": a.duration, "spikes": int(senders.size),
           "synaptic_events": int(round(events)), "nest": nest.__version__}
    if a.variant == "stdp":
        # In blocks of sources: one get() of millions of connections took 13 GB.
        blocks = []
        for first in range(0, n_e, 250):
            block = nest.GetConnections(exc[first:min(first + 250, n_e)], exc)
            blocks.append(np.asarray(block.get("weight"), float))
        w = np.concatenate(blocks) / 1000.0
        row.update(weight_mean=float(w.mean()), weight_sd=float(w.std()),
                   weight_at_max=float(np.mean(w >= rule["w_max"] * (1 - 1e-6))))
    print(json.dumps(row))


if __name__ == "__main__":
    main()
