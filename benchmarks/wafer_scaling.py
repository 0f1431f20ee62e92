#!/usr/bin/python3
"""Networks mapped onto the emulated 20-wafer BrainScaleS-1 system and run, growing until they
no longer fit this machine (benchmarks, not tests).

A ring of locally connected clusters of IF_cond_exp neurons (about `--cluster-size` neurons each,
at most `--max-clusters`; Poisson background; a fixed in-degree of `--in-degree` synapses per
neuron, mostly from its own cluster) is scaled over `--sizes`. For each size `spikewafer run --wafer` maps it (placement,
L1 routing, drivers, 4-bit weights) and runs the mapped network; this script reports mapping
time, set-up and simulation time, the real-time factor and the wall time over the hardware's
time (speed-up 10^4), memory per synapse (peak resident memory of the process / synapses, and
the engine's own bytes per synapse), synapse loss and the rate. From the largest size it
projects the full system (384 x 20 HICANNs) at the largest run's density and at the published
3.9 M neurons and 0.88 B synapses: mapping time and host memory from the measured per-synapse
costs, and the engine's memory (how many GPUs of 80 GB) from its measured bytes per neuron and
per synapse. `--project RESULTS_JSON` prints the projection of an earlier run.

Usage: /usr/bin/python3 benchmarks/wafer_scaling.py [--binary build/spikewafer]
           [--sizes 10000 ... 1700000] [--in-degree 50] [--duration 100] [--threads 2]
           [--out benchmarks/results/DIR]
Raw output (every summary.json and mapping.json, the logs, the machine) goes into --out.
"""
import argparse
import datetime
import json
import os
import shutil
import sys
import tempfile

from scaling_runs import REPO, machine_info, run_logged
FULL_SYSTEM_HICANNS = 384 * 20
GPU_BYTES = 80e9
PUBLISHED_NEURONS, PUBLISHED_SYNAPSES = 3.9e6, 0.88e9


def network_toml(n_total, in_degree, duration, clusters):
    """`clusters` populations in a ring, each a local random network: of the in-degree, 70 %
    excitatory and 20 % inhibitory inputs from its own cluster and 10 % excitatory from the
    previous one. Local connectivity is what the wafer's L1 network can route (a network with
    uniformly random connections loses most synapses; see docs/wafer.md)."""
    size = n_total // clusters
    k_self_exc = int(in_degree * 0.7)
    k_self_inh = int(in_degree * 0.2)
    k_next = in_degree - k_self_exc - k_self_inh
    params = ("{ tau_m = 20.0, cm = 0.2, v_rest = -60.0, v_thresh = -50.0, v_reset = -60.0, "
              "tau_refrac = 5.0, tau_syn_E = 5.0, tau_syn_I = 10.0, e_rev_E = 0.0, "
              "e_rev_I = -80.0 }")
    text = f"[simulation]\ndt = 0.1\nduration = {duration}\nseed = 3\n"
    for c in range(clusters):
        text += f"""
[populations.c{c}]
size = {size}
model = "IF_cond_exp"
params = {params}
initial = {{ v = {{ uniform = [-60.0, -50.0] }} }}
noise = {{ rate_E = 1000.0, weight_E = 0.002, rate_I = 600.0, weight_I = 0.004 }}
record = ["spikes"]
"""
    for c in range(clusters):
        for src, k, receptor, weight in ((c, k_self_exc, "excitatory", 0.0005),
                                         (c, k_self_inh, "inhibitory", 0.01),
                                         ((c - 1) % clusters, k_next, "excitatory", 0.0005)):
            text += f"""
[[projections]]
source = "c{src}"
target = "c{c}"
receptor = "{receptor}"
connector = {{ kind = "fixed_in_degree", n = {k} }}
weight = {weight}
delay = 1.0
"""
    return text


def project_full_system(big):
    """The full system from the largest run's measured per-synapse and per-neuron costs: at that
    run's density per chip, and at the published 3.9 M neurons and 0.88 B synapses (docs/wafer.md)
    without loss."""
    scale = FULL_SYSTEM_HICANNS / big["hicanns_used"]
    per_synapse_map_s = big["mapping_s"] / big["synapses_requested"]
    # Engine memory: 8 bytes per realised synapse (CSR), the rest per neuron (state, ring).
    engine_bytes = big["engine_bytes_per_synapse"] * big["synapses_realized"]
    per_neuron_bytes = (engine_bytes - 8.0 * big["synapses_realized"]) / big["neurons"]
    out = {"based_on_neurons": big["neurons"], "per_synapse_mapping_us": per_synapse_map_s * 1e6,
           "engine_bytes_per_neuron": per_neuron_bytes}
    for name, neurons, synapses, realised in (
            ("at_this_density", big["neurons"] * scale, big["synapses_requested"] * scale,
             big["synapses_realized"] * scale),
            ("published_full_system", PUBLISHED_NEURONS, PUBLISHED_SYNAPSES, PUBLISHED_SYNAPSES)):
        device = per_neuron_bytes * neurons + 8.0 * realised
        out[name] = {"neurons": neurons, "synapses": synapses, "realised": realised,
                     "mapping_s": per_synapse_map_s * synapses,
                     "host_peak_memory_gib": big["peak_bytes_per_synapse"] * synapses / 2**30,
                     "engine_memory_gib": device / 2**30,
                     "gpus_of_80GB_for_engine": device / GPU_BYTES}
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--binary", default=os.path.join(REPO, "build", "spikewafer"))
    p.add_argument("--sizes", type=int, nargs="+",
                   default=[10000, 50000, 200000, 500000, 1000000, 1700000])
    p.add_argument("--in-degree", type=int, default=50)
    p.add_argument("--duration", type=float, default=100.0)
    p.add_argument("--cluster-size", type=int, default=236)
    p.add_argument("--max-clusters", type=int, default=256)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--out", default=None)
    p.add_argument("--project", metavar="RESULTS_JSON",
                   help="only print the projection from an earlier run's results.json")
    args = p.parse_args()
    if args.project:
        rows = json.load(open(args.project))["rows"]
        print(json.dumps(project_full_system(rows[-1]), indent=2))
        return
    stamp = datetime.datetime.utcnow().strftime("%Y-%m-%d")
    out = args.out or os.path.join(REPO, "benchmarks", "results", f"{stamp}-wafer-scaling")
    os.makedirs(out, exist_ok=True)

    rows = []
    for n in sorted(args.sizes):
        with tempfile.TemporaryDirectory() as tmp:
            net = os.path.join(tmp, "net.toml")
            with open(net, "w") as f:
                f.write(network_toml(n, args.in_degree, args.duration,
                                     max(1, min(args.max_clusters, n // args.cluster_size))))
            run_dir = os.path.join(tmp, "out")
            cmd = [args.binary, "run", net, "--wafer", "--out", run_dir,
                   "--threads", str(args.threads)]
            proc, peak_kib = run_logged(cmd, os.path.join(out, f"run-{n}.log"))
            if proc.returncode != 0:
                print(f"wafer_scaling: {n} neurons failed (exit {proc.returncode}); stopping. "
                      f"{proc.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
                break
            for name in ("summary.json", "mapping.json"):
                shutil.copy(os.path.join(run_dir, name), os.path.join(out, f"{name[:-5]}-{n}.json"))
            s = json.load(open(os.path.join(run_dir, "summary.json")))
            m = json.load(open(os.path.join(run_dir, "mapping.json")))
        w = s["wafer"]
        row = {
            "neurons": s["neurons"], "synapses_requested": m["synapses_requested"],
            "synapses_realized": m["synapses_realized"], "synapse_loss": m["synapse_loss"],
            "hicanns_used": m["hicanns_used"], "wafers_used": m["wafers_used"],
            "neuron_size": m["neuron_size"], "mapping_s": m["mapping_seconds"],
            "setup_s": s["setup_s"], "wall_s": s["wall_s"], "bio_time_ms": s["bio_time_ms"],
            "realtime_factor": s["realtime_factor"], "wall_over_hardware": w["wall_over_hardware"],
            "engine_bytes_per_synapse": s["memory_bytes"] / max(1, s["synapses"]),
            "peak_rss_gib": peak_kib / 2**20,
            "cpu_wall_s_per_bio_s": s["wall_s"] / (s["bio_time_ms"] * 1e-3),
            "peak_bytes_per_synapse": peak_kib * 1024 / max(1, m["synapses_requested"]),
            "rate_hz": s["spikes"] / s["neurons"] / (s["bio_time_ms"] * 1e-3),
            "synaptic_events_per_s": s["synaptic_events"] / s["wall_s"],
        }
        rows.append(row)
        print(json.dumps(row), flush=True)
    if not rows:
        sys.exit("wafer_scaling: no size ran")

    projection = project_full_system(rows[-1])
    machine = machine_info(threads=args.threads, in_degree=args.in_degree,
                           duration_ms=args.duration, cluster_size=args.cluster_size,
                           max_clusters=args.max_clusters)
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump({"machine": machine, "rows": rows, "full_system_projection": projection}, f,
                  indent=2)
    print(f"{'neurons':>9} {'synapses':>11} {'loss':>6} {'HICANNs':>7} {'map s':>7} "
          f"{'setup s':>7} {'sim s':>7} {'RT fac':>7} {'wall/hw':>8} {'B/syn eng':>9} "
          f"{'B/syn RSS':>9} {'RSS GiB':>7} {'Hz':>5}")
    for r in rows:
        print(f"{r['neurons']:>9} {r['synapses_requested']:>11} {r['synapse_loss']:>6.3f} "
              f"{r['hicanns_used']:>7} {r['mapping_s']:>7.1f} {r['setup_s']:>7.1f} "
              f"{r['wall_s']:>7.1f} {r['realtime_factor']:>7.4f} {r['wall_over_hardware']:>8.0f} "
              f"{r['engine_bytes_per_synapse']:>9.1f} {r['peak_bytes_per_synapse']:>9.1f} "
              f"{r['peak_rss_gib']:>7.2f} {r['rate_hz']:>5.1f}")
    print("full system (projected): " + json.dumps(projection))
    print(f"raw results in {out}")


if __name__ == "__main__":
    main()
