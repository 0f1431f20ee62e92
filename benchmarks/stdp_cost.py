#!/usr/bin/python3
"""The cost of STDP per synaptic event: the Brunel network (examples/brunel.toml, scaled) with
its excitatory-to-excitatory projection plastic and not, at each size and thread count, and the
same network with NEST's stdp_synapse in the same run on the same machine (benchmarks, not
tests).

Plastic: additive SpikePairRule, tau_plus = tau_minus = 20 ms, A_plus = 0.01, A_minus = 0.0105,
w_min = 0, w_max = 2 w_E (NEST: stdp_synapse with lambda = A_plus, alpha = A_minus / A_plus,
mu_plus = mu_minus = 0, Wmax = w_max; tau_minus on the neurons). Reported per run: wall time of
the simulation (building excluded), spikes, synaptic events (spikes times out-degree), ns per
synaptic event, rate, and the mean and spread of the learned E->E weights. The extra cost of
plasticity is (wall on - wall off) / plastic synaptic events.

Usage: /usr/bin/python3 benchmarks/stdp_cost.py [--binary build/spikewafer]
           [--sizes 10000 100000] [--threads 1 2] [--nest-sizes 10000] [--backend cpu|cuda]
           [--out DIR]
NEST runs in benchmarks/peers/setup_nest_venv.sh's venv (.venv-nest; made if missing).
Raw output (every summary.json, NEST's JSON lines, the machine) goes into --out.
"""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile

from brunel_scaling import scaled_network
from scaling_runs import REPO, machine_info, run_logged

W_E = 0.0549602
RULE = dict(tau_plus=20.0, tau_minus=20.0, A_plus=0.01, A_minus=0.0105, w_min=0.0, w_max=2 * W_E)


def plastic_network(text):
    """Makes the first projection (exc -> exc) plastic."""
    stdp = ", ".join(f"{k} = {v!r}" for k, v in RULE.items())
    first = text.index("[[projections]]")
    head, tail = text[:first], text[first:]
    tail = re.sub(r"(delay = 1.5[^\n]*\n)", r"\1stdp = { " + stdp + " }\n", tail, count=1)
    return head + tail


def spikewafer_row(args, template, n, threads, plastic, duration, out):
    name = f"spikewafer-{n}-{threads}t-{'stdp' if plastic else 'static'}"
    with tempfile.TemporaryDirectory() as tmp:
        text = scaled_network(template, n, duration)
        if plastic:
            text = plastic_network(text)
        net = os.path.join(tmp, "brunel.toml")
        with open(net, "w") as f:
            f.write(text)
        folder = os.path.join(tmp, "out")
        cmd = [args.binary, "run", net, "--out", folder, "--threads", str(threads),
               "--backend", args.backend]
        proc, _ = run_logged(cmd, os.path.join(out, name + ".log"))
        if proc.returncode != 0:
            sys.exit(f"stdp_cost: {name} failed:\n{proc.stderr}")
        s = json.load(open(os.path.join(folder, "summary.json")))
        row = {"simulator": "spikewafer", "neurons": n, "threads": threads, "plastic": plastic,
               "bio_time_ms": s["bio_time_ms"], "wall_s": s["wall_s"], "spikes": s["spikes"],
               "synaptic_events": s["synaptic_events"], "summary": s}
        if plastic:
            row.update(learned_weights(os.path.join(folder, "weights.h5")))
    return finish(row)


def learned_weights(path):
    """Mean, spread and share at w_max of the learned E->E weights (replica 0); nothing where
    h5py is missing (a bare GPU machine)."""
    try:
        import h5py
        import numpy as np
    except ImportError:
        return {}
    with h5py.File(path, "r") as h5:
        w = np.asarray(h5["projection_0/weight"][0], float)
    return dict(weight_mean=float(w.mean()), weight_sd=float(w.std()),
                weight_at_max=float(np.mean(w >= RULE["w_max"] * (1 - 1e-6))))


def finish(row):
    row["ns_per_event"] = 1e9 * row["wall_s"] / max(row["synaptic_events"], 1)
    row["rate_hz"] = row["spikes"] / row["neurons"] / (row["bio_time_ms"] * 1e-3)
    print(json.dumps({k: v for k, v in row.items() if k != "summary"}), flush=True)
    return row


def nest_row(n, threads, plastic, duration, out):
    setup = os.path.join(REPO, "benchmarks", "peers", "setup_nest_venv.sh")
    subprocess.run(["bash", setup], check=True, stdout=subprocess.DEVNULL)
    py = os.path.join(os.environ.get("SPIKEWAFER_NEST_VENV", os.path.join(REPO, ".venv-nest")),
                      "bin", "python")
    peer = os.path.join(REPO, "benchmarks", "peers", "nest_brunel_stdp.py")
    cmd = [py, peer, "--neurons", str(n), "--threads", str(threads), "--duration", str(duration),
           "--rule", json.dumps(RULE), "--w-exc", str(W_E)] + (["--plastic"] if plastic else [])
    name = f"nest-{n}-{threads}t-{'stdp' if plastic else 'static'}"
    proc, _ = run_logged(cmd, os.path.join(out, name + ".log"))
    if proc.returncode != 0:
        sys.exit(f"stdp_cost: {name} failed:\n{proc.stderr}")
    row = json.loads(proc.stdout.strip().splitlines()[-1])
    row.update(simulator="nest", neurons=n, threads=threads, plastic=plastic)
    return finish(row)


def extra_cost(rows):
    """ns per plastic synaptic event added by plasticity, per (simulator, size, threads): the
    plastic projection carries 64 % of the events (800 of every 1000 inputs of 80 % of the
    neurons); events are those of the plastic run."""
    lines = []
    for r in rows:
        if not r["plastic"]:
            continue
        off = [o for o in rows if not o["plastic"] and all(
            o[k] == r[k] for k in ("simulator", "neurons", "threads"))]
        if not off:
            continue
        o = off[0]
        plastic_events = 0.64 * r["synaptic_events"]
        per_event_off = o["wall_s"] / o["synaptic_events"]
        extra = (r["wall_s"] - per_event_off * r["synaptic_events"]) / plastic_events
        lines.append(f"{r['simulator']:>10} {r['neurons']:>7} {r['threads']:>2}t  "
                     f"static {1e9 * per_event_off:6.2f} ns/event  stdp {r['ns_per_event']:6.2f} "
                     f"ns/event  extra {1e9 * extra:6.2f} ns per plastic event  "
                     f"ratio {r['ns_per_event'] / (1e9 * per_event_off):5.2f}")
    return lines


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--binary", default=os.path.join(REPO, "build", "spikewafer"))
    p.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    p.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    p.add_argument("--backend", choices=["cpu", "cuda"], default="cpu")
    p.add_argument("--nest-sizes", type=int, nargs="*", default=[10000])
    p.add_argument("--out", default=None)
    args = p.parse_args()
    stamp = datetime.datetime.utcnow().strftime("%Y-%m-%d")
    out = args.out or os.path.join(REPO, "benchmarks", "results", f"{stamp}-stdp-cost")
    os.makedirs(out, exist_ok=True)
    template = open(os.path.join(REPO, "examples", "brunel.toml")).read()

    rows = []
    for n in args.sizes:
        duration = 500.0 if n <= 10000 else 200.0
        for threads in args.threads:
            for plastic in (False, True):
                rows.append(spikewafer_row(args, template, n, threads, plastic, duration, out))
    for n in args.nest_sizes:
        duration = 500.0 if n <= 10000 else 200.0
        for threads in args.threads:
            for plastic in (False, True):
                rows.append(nest_row(n, threads, plastic, duration, out))

    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump({"machine": machine_info(rule=RULE, backend=args.backend), "rows": rows}, f,
                  indent=2)
    print(f"{'simulator':>10} {'neurons':>7} {'thr':>3} {'stdp':>5} {'wall s':>8} {'Hz':>6} "
          f"{'events':>11} {'ns/event':>8} {'w mean/w_E':>10} {'w sd/w_E':>8}")
    for r in rows:
        wm = f"{r['weight_mean'] / W_E:.4f}" if "weight_mean" in r else "-"
        ws = f"{r['weight_sd'] / W_E:.4f}" if "weight_sd" in r else "-"
        print(f"{r['simulator']:>10} {r['neurons']:>7} {r['threads']:>3} {str(r['plastic']):>5} "
              f"{r['wall_s']:>8.2f} {r['rate_hz']:>6.1f} {r['synaptic_events']:>11} "
              f"{r['ns_per_event']:>8.2f} {wm:>10} {ws:>8}")
    for line in extra_cost(rows):
        print(line)
    print(f"raw results in {out}")


if __name__ == "__main__":
    main()
