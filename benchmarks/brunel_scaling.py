#!/usr/bin/python3
"""Brunel network scaled from 10^4 to 10^6 neurons on the CPU (benchmarks, not tests).

Keeps examples/brunel.toml's in-degrees (800 excitatory + 200 inhibitory inputs per neuron, so
1000 synapses per neuron) and scales the populations 80/20. For each size it runs
`spikewafer run`, and reports set-up time, simulation time, real-time factor, neuron updates/s,
synaptic events/s, bytes per synapse, peak memory and the firing rate.

Usage: /usr/bin/python3 benchmarks/brunel_scaling.py [--binary build/spikewafer]
           [--sizes 10000 100000 1000000] [--threads 2] [--backend cpu|cuda]
           [--out benchmarks/results/DIR]
Raw output (every summary.json, the command lines, the machine) goes into --out.
"""
import argparse
import datetime
import json
import os
import re
import sys
import tempfile

from scaling_runs import REPO, machine_info, run_logged


def scaled_network(template, n_total, duration):
    """examples/brunel.toml with sizes n_total * 0.8 / 0.2 and the given duration."""
    text = template
    text = re.sub(r"duration = [0-9.]+", f"duration = {duration}", text, count=1)
    sizes = iter([int(n_total * 0.8), n_total - int(n_total * 0.8)])
    text = re.sub(r"^size = \d+", lambda m: f"size = {next(sizes)}", text, flags=re.M)
    # Only spikes are needed for the rate; recording per-bin rates of 10^6 neurons is not.
    return text.replace('record = ["spikes", "rate"]', 'record = ["spikes"]')


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--binary", default=os.path.join(REPO, "build", "spikewafer"))
    p.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000, 1000000])
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--backend", choices=["cpu", "cuda"], default="cpu")
    p.add_argument("--out", default=None)
    args = p.parse_args()
    stamp = datetime.datetime.utcnow().strftime("%Y-%m-%d")
    out = args.out or os.path.join(REPO, "benchmarks", "results", f"{stamp}-brunel-scaling")
    os.makedirs(out, exist_ok=True)
    template = open(os.path.join(REPO, "examples", "brunel.toml")).read()

    rows = []
    for n in args.sizes:
        duration = 1000.0 if n <= 10000 else (200.0 if n <= 100000 else 100.0)
        with tempfile.TemporaryDirectory() as tmp:
            net = os.path.join(tmp, "brunel.toml")
            with open(net, "w") as f:
                f.write(scaled_network(template, n, duration))
            cmd = [args.binary, "run", net, "--out", os.path.join(tmp, "out"),
                   "--threads", str(args.threads), "--backend", args.backend]
            proc, peak_kib = run_logged(cmd, os.path.join(out, f"run-{n}.log"))
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                sys.exit(f"brunel_scaling: run with {n} neurons failed")
            s = json.load(open(os.path.join(tmp, "out", "summary.json")))
        steps = s["bio_time_ms"] / 0.1
        row = {
            "neurons": s["neurons"], "synapses": s["synapses"], "bio_time_ms": s["bio_time_ms"],
            "setup_s": s["setup_s"], "wall_s": s["wall_s"], "realtime_factor": s["realtime_factor"],
            "neuron_updates_per_s": s["neurons"] * steps / s["wall_s"],
            "synaptic_events_per_s": s["synaptic_events"] / s["wall_s"],
            "bytes_per_synapse": s["bytes_per_synapse"],
            "peak_rss_gib": peak_kib / 2**20,
            "rate_hz": s["spikes"] / s["neurons"] / (s["bio_time_ms"] * 1e-3),
            "threads": s["threads"], "backend": s["backend"], "summary": s,
        }
        rows.append(row)
        print(json.dumps({k: v for k, v in row.items() if k != "summary"}), flush=True)

    machine = machine_info(backend=args.backend)
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump({"machine": machine, "rows": rows}, f, indent=2)
    print(f"{'neurons':>9} {'synapses':>12} {'setup s':>8} {'sim s':>8} {'RT factor':>9} "
          f"{'upd/s':>10} {'events/s':>10} {'B/syn':>6} {'RSS GiB':>7} {'Hz':>6}")
    for r in rows:
        rss = f"{r['peak_rss_gib']:.2f}"
        print(f"{r['neurons']:>9} {r['synapses']:>12} {r['setup_s']:>8.2f} {r['wall_s']:>8.2f} "
              f"{r['realtime_factor']:>9.4f} {r['neuron_updates_per_s']:>10.3g} "
              f"{r['synaptic_events_per_s']:>10.3g} {r['bytes_per_synapse']:>6.2f} {rss:>7} "
              f"{r['rate_hz']:>6.1f}")
    print(f"raw results in {out}")


if __name__ == "__main__":
    main()
