#!/usr/bin/python3
"""The cost per synaptic event of synapses that do more than add their weight: the Brunel
network (examples/brunel.toml, scaled) with its excitatory-to-excitatory projection static,
plastic (STDP) or stochastic (a release probability), at each size and thread count, and the same
network with NEST's stdp_synapse and bernoulli_synapse in the same run on the same machine
(benchmarks, not tests).

Plastic: additive SpikePairRule, tau_plus = tau_minus = 20 ms, A_plus = 0.01, A_minus = 0.0105,
w_min = 0, w_max = 2 w_E (NEST: stdp_synapse with lambda = A_plus, alpha = A_minus / A_plus,
mu_plus = mu_minus = 0, Wmax = w_max; tau_minus on the neurons). Stochastic: release probability
0.5 with twice the weight, so that the mean input and the rates stay about those of the static
network (NEST: bernoulli_synapse with p_transmit = 0.5, the same weight). Reported per run: wall
time of the simulation (building excluded), spikes, synaptic events (spikes times out-degree: a
stochastic synapse's draw is an event whether or not the spike gets through), ns per synaptic
event, rate, and the mean and spread of the learned E->E weights. The extra cost of a variant is
(wall - static ns/event x its events) / the E->E projection's events.

Usage: /usr/bin/python3 benchmarks/synapse_cost.py [--binary build/spikewafer]
           [--variants stdp stochastic] [--sizes 10000 100000] [--threads 1 2]
           [--nest-sizes 10000] [--backend cpu|cuda] [--out DIR]
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
RELEASE = 0.5


def variant_network(text, variant):
    """Makes the first projection (exc -> exc) plastic or stochastic; static leaves it."""
    if variant == "stdp":
        key = "stdp = { " + ", ".join(f"{k} = {v!r}" for k, v in RULE.items()) + " }"
    elif variant == "stochastic":
        key = f"release_probability = {RELEASE!r}"
    else:
        return text
    first = text.index("[[projections]]")
    head, tail = text[:first], text[first:]
    if variant == "stochastic":
        tail = tail.replace(f"weight = {W_E}", f"weight = {W_E / RELEASE!r}", 1)
    tail = re.sub(r"(delay = 1.5[^\n]*\n)", r"\1" + key + "\n", tail, count=1)
    return head + tail


def spikewafer_row(args, template, n, threads, variant, duration, out):
    name = f"spikewafer-{n}-{threads}t-{variant}"
    with tempfile.TemporaryDirectory() as tmp:
        text = variant_network(scaled_network(template, n, duration), variant)
        net = os.path.join(tmp, "brunel.toml")
        with open(net, "w") as f:
            f.write(text)
        folder = os.path.join(tmp, "out")
        cmd = [args.binary, "run", net, "--out", folder, "--threads", str(threads),
               "--backend", args.backend]
        proc, _ = run_logged(cmd, os.path.join(out, name + ".log"))
        if proc.returncode != 0:
            sys.exit(f"synapse_cost: {name} failed:\n{proc.stderr}")
        s = json.load(open(os.path.join(folder, "summary.json")))
        row = {"simulator": "spikewafer", "neurons": n, "threads": threads, "variant": variant,
               "bio_time_ms": s["bio_time_ms"], "wall_s": s["wall_s"], "spikes": s["spikes"],
               "synaptic_events": s["synaptic_events"], "summary": s}
        if variant == "stdp":
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


def nest_row(n, threads, variant, duration, out):
    setup = os.path.join(REPO, "benchmarks", "peers", "setup_nest_venv.sh")
    subprocess.run(["bash", setup], check=True, stdout=subprocess.DEVNULL)
    py = os.path.join(os.environ.get("SPIKEWAFER_NEST_VENV", os.path.join(REPO, ".venv-nest")),
                      "bin", "python")
    peer = os.path.join(REPO, "benchmarks", "peers", "nest_brunel_synapses.py")
    cmd = [py, peer, "--neurons", str(n), "--threads", str(threads), "--duration", str(duration),
           "--rule", json.dumps(RULE), "--w-exc", str(W_E), "--variant", variant,
           "--release", str(RELEASE)]
    name = f"nest-{n}-{threads}t-{variant}"
    proc, _ = run_logged(cmd, os.path.join(out, name + ".log"))
    if proc.returncode != 0:
        sys.exit(f"synapse_cost: {name} failed:\n{proc.stderr}")
    row = json.loads(proc.stdout.strip().splitlines()[-1])
    row.update(simulator="nest", neurons=n, threads=threads, variant=variant)
    return finish(row)


def extra_cost(rows):
    """ns per E->E synaptic event that a variant adds, per (simulator, size, threads): the E->E
    projection carries 64 % of the events (800 of every 1000 inputs of 80 % of the neurons);
    events are those of the variant's run."""
    lines = []
    for r in rows:
        if r["variant"] == "static":
            continue
        off = [o for o in rows if o["variant"] == "static" and all(
            o[k] == r[k] for k in ("simulator", "neurons", "threads"))]
        if not off:
            continue
        o = off[0]
        variant_events = 0.64 * r["synaptic_events"]
        per_event_off = o["wall_s"] / o["synaptic_events"]
        extra = (r["wall_s"] - per_event_off * r["synaptic_events"]) / variant_events
        lines.append(f"{r['simulator']:>10} {r['neurons']:>7} {r['threads']:>2}t  "
                     f"static {1e9 * per_event_off:6.2f} ns/event  {r['variant']} "
                     f"{r['ns_per_event']:6.2f} ns/event  extra {1e9 * extra:6.2f} ns per E->E "
                     f"event  ratio {r['ns_per_event'] / (1e9 * per_event_off):5.2f}")
    return lines


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--binary", default=os.path.join(REPO, "build", "spikewafer"))
    p.add_argument("--variants", nargs="+", choices=["stdp", "stochastic"],
                   default=["stdp", "stochastic"])
    p.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    p.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    p.add_argument("--backend", choices=["cpu", "cuda"], default="cpu")
    p.add_argument("--nest-sizes", type=int, nargs="*", default=[10000])
    p.add_argument("--out", default=None)
    args = p.parse_args()
    stamp = datetime.datetime.utcnow().strftime("%Y-%m-%d")
    out = args.out or os.path.join(REPO, "benchmarks", "results", f"{stamp}-synapse-cost")
    os.makedirs(out, exist_ok=True)
    template = open(os.path.join(REPO, "examples", "brunel.toml")).read()

    variants = ["static"] + args.variants
    rows = []
    for n in args.sizes:
        duration = 500.0 if n <= 10000 else 200.0
        for threads in args.threads:
            for variant in variants:
                rows.append(spikewafer_row(args, template, n, threads, variant, duration, out))
    for n in args.nest_sizes:
        duration = 500.0 if n <= 10000 else 200.0
        for threads in args.threads:
            for variant in variants:
                rows.append(nest_row(n, threads, variant, duration, out))

    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump({"machine": machine_info(rule=RULE, release=RELEASE, backend=args.backend),
                   "rows": rows}, f, indent=2)
    print(f"{'simulator':>10} {'neurons':>7} {'thr':>3} {'variant':>10} {'wall s':>8} {'Hz':>6} "
          f"{'events':>11} {'ns/event':>8} {'w mean/w_E':>10} {'w sd/w_E':>8}")
    for r in rows:
        wm = f"{r['weight_mean'] / W_E:.4f}" if "weight_mean" in r else "-"
        ws = f"{r['weight_sd'] / W_E:.4f}" if "weight_sd" in r else "-"
        print(f"{r['simulator']:>10} {r['neurons']:>7} {r['threads']:>3} {r['variant']:>10} "
              f"{r['wall_s']:>8.2f} {r['rate_hz']:>6.1f} {r['synaptic_events']:>11} "
              f"{r['ns_per_event']:>8.2f} {wm:>10} {ws:>8}")
    for line in extra_cost(rows):
        print(line)
    print(f"raw results in {out}")


if __name__ == "__main__":
    main()
