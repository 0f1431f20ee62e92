#!/usr/bin/python3
"""The cortical microcircuit (examples/microcircuit.py) on spikewafer and on NEST 3, side by side
on the same machine (benchmarks, not tests).

For each scale, seed and thread count, one spikewafer run and one NEST run alternate, so that the
machine's state changes both alike. NEST builds the same network from the same module
(benchmarks/peers/nest_microcircuit.py) in its own venv (benchmarks/peers/setup_nest_venv.sh).
Reported per run: set-up time, simulation loop, wall time per simulated second (what NEST calls
the real-time factor; spikewafer's summary.json gives its inverse), spikes per population from
--rate-start to the end, peak memory; spikewafer's bytes per synapse. Then per scale: each
population's rate on both (mean and spread over the runs; spikewafer's spikes do not depend on the
thread count, so its spread is over seeds), whether spikewafer's mean lies within NEST's own
spread, and NEST's loop time over spikewafer's per thread count; rates-scale-<s>.png shows
the rates of both against the published full-scale ones.

Usage: /usr/bin/python3 benchmarks/microcircuit_vs_nest.py [--binary build/spikewafer]
           [--scales 0.1 1] [--threads 1 2] [--seeds 1 2 3] [--duration 1000]
           [--nest-scales 0.1] [--nest-threads 1 2] [--out DIR]
Raw output (every summary.json and NEST JSON line, the logs, the machine) goes into --out.
"""
import argparse
import datetime
import json
import math
import os
import subprocess
import sys
import tempfile

from scaling_runs import REPO, machine_info

sys.path.insert(0, os.path.join(REPO, "examples"))
import microcircuit as mc  # noqa: E402

# Runs a command and writes its own peak RSS (KiB) to stderr's last line: each run's peak alone,
# not the largest of every child this script has waited for.
PEAK_WRAPPER = ("import resource, subprocess, sys\n"
                "code = subprocess.run(sys.argv[1:]).returncode\n"
                "print('peak_rss_kib', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
                " file=sys.stderr)\n"
                "sys.exit(code)\n")


def run(cmd, log_path):
    """(stdout, peak RSS in KiB); writes the command line and its output to log_path."""
    print("running:", " ".join(cmd), file=sys.stderr, flush=True)
    proc = subprocess.run(["/usr/bin/python3", "-c", PEAK_WRAPPER] + cmd, capture_output=True,
                          text=True)
    with open(log_path, "w") as f:
        f.write(" ".join(cmd) + "\n" + proc.stdout + proc.stderr)
    if proc.returncode != 0:
        sys.exit(f"microcircuit_vs_nest: failed, see {log_path}:\n{proc.stderr[-2000:]}")
    peak = int(proc.stderr.strip().splitlines()[-1].split()[1])
    return proc.stdout, peak


def spikewafer_run(args, scale, seed, threads, out):
    import h5py  # Debian's python3-h5py, which scripts/install-deps.sh installs
    name = f"spikewafer-{scale:g}-seed{seed}-{threads}t"
    with tempfile.TemporaryDirectory() as tmp:
        net = os.path.join(tmp, "microcircuit.toml")
        with open(net, "w") as f:
            f.write(mc.Microcircuit(scale, background=args.background).toml(args.duration, seed))
        folder = os.path.join(tmp, "out")
        _, peak = run([args.binary, "run", net, "--out", folder, "--threads", str(threads),
                       "--backend", args.backend], os.path.join(out, name + ".log"))
        s = json.load(open(os.path.join(folder, "summary.json")))
        with h5py.File(os.path.join(folder, "spikes.h5"), "r") as h5:
            # A population that never fired has no group in spikes.h5.
            spikes = [int((h5[p]["time_ms"][:] >= args.rate_start).sum()) if p in h5 else 0
                      for p in mc.POPULATIONS]
    with open(os.path.join(out, name + ".summary.json"), "w") as f:
        json.dump(s, f, indent=2)
    return finish({"simulator": "spikewafer", "scale": scale, "seed": seed, "threads": threads,
                   "setup_s": s["setup_s"], "wall_s": s["wall_s"], "bio_time_ms": s["bio_time_ms"],
                   "spikes": spikes, "synapses": s["synapses"],
                   "bytes_per_synapse": s["bytes_per_synapse"], "peak_rss_kib": peak}, args)


def nest_run(args, scale, seed, threads, out):
    py = os.path.join(os.environ.get("SPIKEWAFER_NEST_VENV", os.path.join(REPO, ".venv-nest")),
                      "bin", "python")
    peer = os.path.join(REPO, "benchmarks", "peers", "nest_microcircuit.py")
    stdout, peak = run([py, peer, "--scale", str(scale), "--threads", str(threads),
                        "--duration", str(args.duration), "--rate-start", str(args.rate_start),
                        "--seed", str(seed), "--background", args.background],
                       os.path.join(out, f"nest-{scale:g}-seed{seed}-{threads}t.log"))
    row = json.loads(stdout.strip().splitlines()[-1])
    row["peak_rss_kib"] = peak
    return finish(row, args)


def finish(row, args):
    sizes = mc.Microcircuit(row["scale"]).sizes
    window_s = (row["bio_time_ms"] - args.rate_start) * 1e-3
    row["rates_hz"] = [n / size / window_s for n, size in zip(row["spikes"], sizes)]
    row["wall_per_bio_s"] = row["wall_s"] / (row["bio_time_ms"] * 1e-3)
    print(json.dumps(row), flush=True)
    return row


def mean_sd(values):
    m = sum(values) / len(values)
    sd = math.sqrt(sum((v - m) ** 2 for v in values) / (len(values) - 1)) if len(values) > 1 else 0.0
    return m, sd


def report(rows, scale):
    lines = [f"## scale {scale:g}", ""]
    sw = [r for r in rows if r["simulator"] == "spikewafer" and r["scale"] == scale]
    ne = [r for r in rows if r["simulator"] == "nest" and r["scale"] == scale]
    lines.append(f"{'simulator':>10} {'thr':>3} {'runs':>4} {'setup s':>8} {'loop s':>8} "
                 f"{'wall/bio':>8} {'peak GiB':>8}")
    threads = sorted({r["threads"] for r in sw + ne})
    loops = {}
    for name, group in (("spikewafer", sw), ("nest", ne)):
        for t in threads:
            g = [r for r in group if r["threads"] == t]
            if not g:
                continue
            setup, loop = mean_sd([r["setup_s"] for r in g]), mean_sd([r["wall_s"] for r in g])
            loops[(name, t)] = loop[0]
            peak = max(r["peak_rss_kib"] for r in g) / 2**20
            lines.append(f"{name:>10} {t:>3} {len(g):>4} {setup[0]:>8.3f} {loop[0]:>8.3f} "
                         f"{sum(r['wall_per_bio_s'] for r in g) / len(g):>8.3f} {peak:>8.2f}")
    for t in threads:
        if ("spikewafer", t) in loops and ("nest", t) in loops:
            lines.append(f"NEST loop / spikewafer loop on {t} thread(s): "
                         f"{loops[('nest', t)] / loops[('spikewafer', t)]:.2f}x")
    if sw:
        lines.append(f"spikewafer bytes per synapse: {sw[0]['bytes_per_synapse']:.2f} "
                     f"({sw[0]['synapses']} synapses)")
    if sw and ne:
        lines += ["", f"{'population':>10} {'spikewafer Hz':>16} {'NEST Hz':>16} "
                      f"{'NEST range':>15} {'in range':>8} {'diff/err':>8} {'rel diff':>8}"]
        for p, name in enumerate(mc.POPULATIONS):
            a = mean_sd([r["rates_hz"][p] for r in sw if r["threads"] == sw[0]["threads"]])
            b = mean_sd([r["rates_hz"][p] for r in ne])
            lo, hi = min(r["rates_hz"][p] for r in ne), max(r["rates_hz"][p] for r in ne)
            err = math.sqrt(a[1] ** 2 + b[1] ** 2)
            # With one run on either side there is no spread to compare with.
            spread = len(ne) > 1 and err > 0
            inside = ("yes" if lo <= a[0] <= hi else "no") if len(ne) > 1 else "-"
            ratio = f"{abs(a[0] - b[0]) / err:.2f}" if spread else "-"
            lines.append(f"{name:>10} {a[0]:>8.3f} +- {a[1]:<5.3f} {b[0]:>8.3f} +- {b[1]:<5.3f} "
                         f"{lo:>7.3f}-{hi:<7.3f} {inside:>8} {ratio:>8} "
                         + (f"{(a[0] - b[0]) / b[0]:>+8.1%}" if b[0] > 0 else f"{'-':>8}"))
    return lines


def plot_rates(rows, scale, path):
    """Bar chart of each population's rate on spikewafer and NEST (mean and spread over runs),
    with the published full-scale rates for reference; nothing where matplotlib is missing."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return
    fig, ax = plt.subplots(figsize=(8, 3.6))
    x = range(len(mc.POPULATIONS))
    for shift, name, colour in ((-0.2, "spikewafer", "tab:blue"), (0.2, "nest", "tab:orange")):
        group = [r for r in rows if r["simulator"] == name and r["scale"] == scale]
        if name == "spikewafer" and group:  # its spikes do not depend on the thread count
            group = [r for r in group if r["threads"] == group[0]["threads"]]
        if not group:
            continue
        stats = [mean_sd([r["rates_hz"][p] for r in group]) for p in x]
        ax.bar([i + shift for i in x], [m for m, _ in stats], 0.4, yerr=[sd for _, sd in stats],
               color=colour, capsize=2, label=f"{'NEST' if name == 'nest' else name} "
                                              f"({len(group)} run{'s' if len(group) > 1 else ''})")
    ax.plot(list(x), mc.FULL_MEAN_RATES, "k_", markersize=18, label="published, full scale")
    ax.set_xticks(list(x), [p.replace("23", "2/3") for p in mc.POPULATIONS])
    ax.set_ylabel("rate (Hz)")
    ax.set_title(f"cortical microcircuit, scale {scale:g}: rates from 200 ms on")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def write_report(rows, scales, out):
    lines = []
    for scale in scales:
        lines += report(rows, scale) + [""]
        plot_rates(rows, scale, os.path.join(out, f"rates-scale-{scale:g}.png"))
    text = "\n".join(lines)
    print(text)
    with open(os.path.join(out, "report.txt"), "w") as f:
        f.write(text)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--binary", default=os.path.join(REPO, "build", "spikewafer"))
    p.add_argument("--scales", type=float, nargs="+", default=[0.1, 1.0])
    p.add_argument("--nest-scales", type=float, nargs="*", default=[0.1],
                   help="scales that NEST runs too (full scale takes NEST many minutes)")
    p.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    p.add_argument("--nest-threads", type=int, nargs="+", default=None,
                   help="thread counts NEST runs with (default: --threads)")
    p.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    p.add_argument("--full-scale-seeds", type=int, nargs="+", default=[1],
                   help="seeds for scales above 0.5")
    p.add_argument("--duration", type=float, default=1000.0, help="ms")
    p.add_argument("--rate-start", type=float, default=200.0, help="ms; rates count from here")
    p.add_argument("--background", choices=("poisson", "dc"), default="poisson")
    p.add_argument("--backend", choices=["cpu", "cuda"], default="cpu")
    p.add_argument("--out", default=None)
    p.add_argument("--report", metavar="DIR",
                   help="only print the report of an earlier run's DIR/results.json (and rewrite "
                        "DIR/report.txt)")
    args = p.parse_args()
    if args.report:
        rows = json.load(open(os.path.join(args.report, "results.json")))["rows"]
        write_report(rows, sorted({r["scale"] for r in rows}), args.report)
        return
    stamp = datetime.datetime.utcnow().strftime("%Y-%m-%d")
    out = args.out or os.path.join(REPO, "benchmarks", "results", f"{stamp}-microcircuit-vs-nest")
    os.makedirs(out, exist_ok=True)
    if args.nest_scales:
        subprocess.run(["bash", os.path.join(REPO, "benchmarks", "peers", "setup_nest_venv.sh")],
                       check=True, stdout=subprocess.DEVNULL)

    rows = []
    for scale in args.scales:
        seeds = args.seeds if scale <= 0.5 else args.full_scale_seeds
        for seed in seeds:
            for threads in args.threads:
                rows.append(spikewafer_run(args, scale, seed, threads, out))
                if scale in args.nest_scales and threads in (args.nest_threads or args.threads):
                    rows.append(nest_run(args, scale, seed, threads, out))

    with open(os.path.join(out, "results.json"), "w") as f:  # first: the runs are the record
        json.dump({"machine": machine_info(backend=args.backend, background=args.background,
                                           duration_ms=args.duration,
                                           rate_start_ms=args.rate_start), "rows": rows},
                  f, indent=2)
    write_report(rows, args.scales, out)
    print(f"raw results in {out}")


if __name__ == "__main__":
    main()
