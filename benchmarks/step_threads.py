#!/usr/bin/python3
"""Where a second core starts to pay on small networks (benchmarks, not tests).

Runs, on 1 and on 2 threads, one population of IF_curr_exp neurons without synapses (with Poisson
noise, and driven by a constant current instead), and the cortical microcircuit
(examples/microcircuit.py) at small scales, and prints the loop time of each and the ratio: where
it passes 1 is the crossover that the engine's thresholds should sit at (kernels/backend_cpu.hpp's
serial_below, the neuron update's kNoiseCost in host/engine/engine_impl.hpp). Spikes must be
the same on both thread counts; the script stops if they are not.

Usage: /usr/bin/python3 benchmarks/step_threads.py [--binary build/spikewafer] [--out DIR]
"""
import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile

from scaling_runs import REPO, machine_info

sys.path.insert(0, os.path.join(REPO, "examples"))
import microcircuit as mc  # noqa: E402

POPULATION = """[simulation]
dt = 0.1
duration = {duration}
seed = 1

[populations.p]
size = {size}
model = "IF_curr_exp"
params = {{ tau_m = 10.0, cm = 0.25, v_rest = -65.0, v_thresh = -50.0, v_reset = -65.0, tau_refrac = 2.0, tau_syn_E = 0.5, tau_syn_I = 0.5, i_offset = {i_offset} }}
{noise}
record = ["spikes"]
"""


def loop_time(binary, text, threads):
    with tempfile.TemporaryDirectory() as tmp:
        net = os.path.join(tmp, "net.toml")
        with open(net, "w") as f:
            f.write(text)
        proc = subprocess.run([binary, "run", net, "--out", os.path.join(tmp, "out"),
                               "--threads", str(threads)], capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(proc.stderr)
        s = json.load(open(os.path.join(tmp, "out", "summary.json")))
    return s


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--binary", default=os.path.join(REPO, "build", "spikewafer"))
    p.add_argument("--out", default=None)
    p.add_argument("--repeats", type=int, default=3, help="runs per case; the fastest counts")
    args = p.parse_args()
    stamp = datetime.datetime.utcnow().strftime("%Y-%m-%d")
    out = args.out or os.path.join(REPO, "benchmarks", "results", f"{stamp}-step-threads")
    os.makedirs(out, exist_ok=True)

    cases = []
    for noise in (True, False):
        for size in (256, 512, 1024, 2048, 4096, 8192, 16384):
            text = POPULATION.format(
                duration=2000, size=size, i_offset=0 if noise else 0.3,
                noise="noise = { rate_E = 16000, weight_E = 0.0878 }" if noise else "")
            cases.append((f"population {'noise' if noise else 'dc'} {size}", size, text))
    for scale in (0.02, 0.05, 0.1):
        net = mc.Microcircuit(scale)
        cases.append((f"microcircuit {scale:g}", sum(net.sizes), net.toml(duration=1000)))

    rows = []
    print(f"{'case':>28} {'neurons':>7} {'1 thread s':>10} {'2 threads s':>11} {'speed-up':>8}")
    for name, neurons, text in cases:
        row = {"case": name, "neurons": neurons}
        spikes = set()
        for threads in (1, 2):
            runs = [loop_time(args.binary, text, threads) for _ in range(args.repeats)]
            row[f"wall_{threads}t"] = min(r["wall_s"] for r in runs)
            spikes |= {r["spikes"] for r in runs}
        if len(spikes) != 1:
            sys.exit(f"step_threads: {name}: spikes differ between thread counts: {spikes}")
        row["spikes"] = spikes.pop()
        row["speedup"] = row["wall_1t"] / row["wall_2t"]
        rows.append(row)
        print(f"{name:>28} {neurons:>7} {row['wall_1t']:>10.4f} {row['wall_2t']:>11.4f} "
              f"{row['speedup']:>8.2f}", flush=True)
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump({"machine": machine_info(), "rows": rows}, f, indent=2)
    print(f"raw results in {out}")


if __name__ == "__main__":
    main()
