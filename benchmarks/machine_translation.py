#!/usr/bin/python3
"""Open against corrected translation on Boltzmann machines with strong weights.

    benchmarks/machine_translation.py BUILD/spikewafer OUT_DIR [--ensemble K] [MACHINE.toml ...]

For each machine (default: benchmarks/machines/strong5.toml and strong16.toml) runs
`spikewafer sample` twice, with translation = "open" and "corrected" (same seeds), into
OUT_DIR/<machine>-<translation>/, then writes OUT_DIR/summary.md (pooled DKL, the replicas' mean
DKL at a few emulated times, the Gibbs reference, wall times, the correction's emulated time) and
OUT_DIR/dkl.png (the replicas' mean DKL against emulated time, both translations and Gibbs).
With --ensemble K, twice more with [noise] source = "ensemble", networks = K (no Poisson
source: the replicas' chains are each other's noise), into OUT_DIR/<machine>-ensemble-<translation>/.
"""
import csv
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = [os.path.join(HERE, "machines", f) for f in ("strong5.toml", "strong16.toml")]


def run(binary, machine, translation, out, noise=""):
    with open(machine) as f:
        text = f.read()
    config = os.path.join(out + ".toml")
    with open(config, "w") as f:
        f.write(text.replace("[sampler]\n", "[sampler]\ntranslation = \"%s\"\n" % translation, 1)
                + noise)
    subprocess.run([binary, "sample", config, "--out", out, "--no-plots"], check=True)
    with open(os.path.join(out, "sample.json")) as f:
        summary = json.load(f)
    with open(os.path.join(out, "dkl.csv")) as f:
        curve = [(float(r["time_ms"]), float(r["dkl_spiking"]),
                  float(r["dkl_gibbs"]) if r["dkl_gibbs"] else float("nan"))
                 for r in csv.DictReader(f)]
    return summary, curve


def at(curve, t):
    return min(curve, key=lambda p: abs(p[0] - t))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, out_dir = sys.argv[1], sys.argv[2]
    rest = sys.argv[3:]
    variants = [("poisson", "")]
    if rest[:1] == ["--ensemble"]:
        if len(rest) < 2:
            sys.exit(__doc__)
        variants.append(("ensemble", "[noise]\nsource = \"ensemble\"\nnetworks = %d\n" % int(rest[1])))
        rest = rest[2:]
    machines = rest or DEFAULT
    os.makedirs(out_dir, exist_ok=True)
    lines = ["# Open against corrected translation", "",
             "| machine | noise | translation | pooled DKL | mean DKL at 1 s | 10 s | end | "
             "Gibbs pooled | wall s | correction ms |", "|---|---|---|---|---|---|---|---|---|---|"]
    curves = {}
    for machine in machines:
        name = os.path.splitext(os.path.basename(machine))[0]
        for noise, noise_table in variants:
            for translation in ("open", "corrected"):
                label = translation if noise == "poisson" else "ensemble-" + translation
                summary, curve = run(binary, machine, translation,
                                     os.path.join(out_dir, "%s-%s" % (name, label)), noise_table)
                curves[(name, label)] = curve
                lines.append("| %s | %s | %s | %.4f | %.4f | %.4f | %.4f | %.5f | %.1f | %s |" % (
                    name, noise, translation, summary["dkl_spiking"], at(curve, 1000)[1],
                    at(curve, 10000)[1], curve[-1][1], summary.get("dkl_gibbs", float("nan")),
                    summary["spiking_wall_s"], summary.get("correction_ms", "-")))
    text = "\n".join(lines) + "\n"
    with open(os.path.join(out_dir, "summary.md"), "w") as f:
        f.write(text)
    sys.stdout.write(text)
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("machine_translation.py: no matplotlib, no dkl.png")
        return
    names = sorted({n for n, _ in curves})
    fig, axes = plt.subplots(1, len(names), figsize=(5 * len(names), 4), squeeze=False)
    for ax, name in zip(axes[0], names):
        for label, style in (("open", "C3-"), ("corrected", "C0-"), ("ensemble-open", "C1:"),
                             ("ensemble-corrected", "C2:")):
            if (name, label) not in curves:
                continue
            c = curves[(name, label)]
            ax.loglog([p[0] for p in c], [p[1] for p in c], style, label="spiking, " + label)
        g = [p for p in curves[(name, "open")] if p[2] == p[2]]
        ax.loglog([p[0] for p in g], [p[2] for p in g], "k--", label="Gibbs (1 sweep = tau_refrac)")
        ax.set_xlabel("emulated time per replica (ms)")
        ax.set_ylabel("D_KL(sampled || target), mean over replicas")
        ax.set_title(name)
        ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(out_dir, "dkl.png"), dpi=120)


if __name__ == "__main__":
    main()
