#!/usr/bin/python3
"""Synapse loss and mapping time of `spikewafer wafer-map` with default options, for one or two
binaries side by side (benchmarks, not tests): random recurrent networks (one population of
IF_cond_exp neurons onto itself at probability p) and the ring-of-clusters networks of
wafer_scaling.py. With --before, every network is mapped by both binaries in the same run, one
after the other, so their times compare on the same machine and load.

Usage: /usr/bin/python3 benchmarks/wafer_mapping_loss.py --binary build-cpu/spikewafer
           [--before OLD_BINARY] [--random 1000:0.01 10000:0.05 ...]
           [--scaling 10000 1812480:448:7080 ...]
           [--threads 2] --out benchmarks/results/DIR
Raw output (each NET.toml, mapping.json and log, summary.txt, results.json with the machine)
goes into --out.
"""
import argparse
import json
import os
import shutil
import sys
import time

from scaling_runs import machine_info, run_logged
from wafer_scaling import network_toml

DEFAULT_RANDOM = [f"{n}:{p}" for n in (1000, 10000) for p in (0.01, 0.05, 0.1)] + ["100000:0.01"]
DEFAULT_SCALING = [10000, 50000, 200000]


def random_toml(neurons, p):
    return (f"# One population of {neurons} IF_cond_exp neurons, fixed-probability p = {p} onto"
            " itself\n[simulation]\nseed = 1\n[populations.exc]\n"
            f"size = {neurons}\nmodel = \"IF_cond_exp\"\n[[projections]]\nsource = \"exc\"\n"
            f"target = \"exc\"\nconnector = {{ kind = \"fixed_probability\", p = {p} }}\n"
            "weight = 0.001\ndelay = 1.0\n")


def scaling_toml(neurons, in_degree=50, cluster_size=236):
    clusters = max(1, min(256, neurons // cluster_size))  # as wafer_scaling.py
    return network_toml(neurons, in_degree, 100, clusters)


def map_once(binary, label, name, net_path, out, threads):
    folder = os.path.join(out, f"{name}-{label}")
    cmd = [binary, "wafer-map", net_path, "--out", folder, "--no-plots",
           "--threads", str(threads)]
    start = time.monotonic()
    proc, peak_kib = run_logged(cmd, os.path.join(out, f"log-{name}-{label}.txt"))
    wall = time.monotonic() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}); see the log in {out}")
    with open(os.path.join(folder, "mapping.json")) as f:
        m = json.load(f)
    shutil.copy(os.path.join(folder, "mapping.json"), os.path.join(out, f"mapping-{name}-{label}.json"))
    shutil.rmtree(folder)  # the tables are large; mapping.json says what is reported
    tried = [(a["neuron_size"], a["synapses_lost"] if a.get("mapped", True) else
              f"~{a['estimated_driver_loss']} (counted)") for a in m.get("neuron_sizes_tried", [])]
    return {"network": name, "binary": label, "neuron_size": m["neuron_size"],
            "synapses": m["synapses_requested"], "lost": m["synapses_lost"],
            "loss": m["synapse_loss"], "loss_by_cause": m["loss_by_cause"],
            "hicanns": m["hicanns_used"], "wafers": m["wafers_used"],
            "mapping_s": m["mapping_seconds"], "wall_s": wall, "peak_rss_kib": peak_kib,
            "sizes_tried": tried}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", required=True)
    ap.add_argument("--before", help="a second binary to compare with, run in turn")
    ap.add_argument("--random", nargs="*", default=DEFAULT_RANDOM, help="NEURONS:P ...")
    ap.add_argument("--scaling", nargs="*", default=[str(n) for n in DEFAULT_SCALING],
                    help="NEURONS[:IN_DEGREE:CLUSTER_SIZE] ... (wafer_scaling.py's networks; "
                         "defaults 50 and 236)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    binaries = [("after", args.binary)] + ([("before", args.before)] if args.before else [])
    networks = []
    for spec in args.random:
        neurons, p = spec.split(":")
        networks.append((f"random-{neurons}-{p}", random_toml(int(neurons), float(p))))
    for spec in args.scaling:
        n, *rest = (int(x) for x in spec.split(":"))
        name = f"scaling-{n}" + "".join(f"-{x}" for x in rest)
        networks.append((name, scaling_toml(n, *rest)))
    rows = []
    summary = os.path.join(args.out, "summary.txt")
    with open(summary, "w") as out:
        header = (f"{'network':24} {'binary':7} {'size':>4} {'synapses':>11} {'loss %':>7} "
                  f"{'map s':>7} {'chips':>6}  sizes tried (synapses lost)")
        print(header, file=out, flush=True)
        print(header)
        for name, text in networks:
            net_path = os.path.join(args.out, f"net-{name}.toml")
            with open(net_path, "w") as f:
                f.write(text)
            for label, binary in binaries:
                r = map_once(binary, label, name, net_path, args.out, args.threads)
                rows.append(r)
                line = (f"{name:24} {label:7} {r['neuron_size']:>4} {r['synapses']:>11} "
                        f"{100 * r['loss']:>7.3f} {r['mapping_s']:>7.2f} {r['hicanns']:>6}  "
                        + ", ".join(f"{s}: {l}" for s, l in r["sizes_tried"]))
                print(line, file=out, flush=True)
                print(line, flush=True)
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump({"machine": machine_info(threads=args.threads,
                                           binaries=dict(binaries)), "rows": rows}, f, indent=1)
    print(f"raw results in {args.out}")


if __name__ == "__main__":
    main()
