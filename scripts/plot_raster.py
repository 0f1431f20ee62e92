#!/usr/bin/python3
"""Raster plot and population rates of a `spikewafer run` output folder: writes DIR/raster.png.

Usage: /usr/bin/python3 scripts/plot_raster.py DIR [--replica R] [--max-neurons N]
Uses Debian's python3-h5py and python3-matplotlib (scripts/install-deps.sh installs them).
"""
import argparse
import json
import os
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir")
    parser.add_argument("--replica", type=int, default=0)
    parser.add_argument("--max-neurons", type=int, default=500,
                        help="neurons shown per population (the first ones)")
    args = parser.parse_args()
    path = os.path.join(args.dir, "spikes.h5")
    if not os.path.exists(path):
        sys.exit(f"plot_raster: {path} not found; run `spikewafer run NET.toml --out {args.dir}` first")
    with open(os.path.join(args.dir, "summary.json")) as f:
        summary = json.load(f)
    duration = summary["bio_time_ms"]

    fig, (ax_raster, ax_rate) = plt.subplots(2, 1, figsize=(9, 6), sharex=True,
                                             gridspec_kw={"height_ratios": [3, 1]})
    offset = 0
    with h5py.File(path, "r") as f:
        for i, name in enumerate(sorted(f.keys(), key=lambda n: f[n].attrs["population_index"])):
            g = f[name]
            sel = np.asarray(g["replica"]) == args.replica
            t, n = np.asarray(g["time_ms"])[sel], np.asarray(g["neuron"])[sel]
            shown = n < args.max_neurons
            color = f"C{i}"
            ax_raster.scatter(t[shown], n[shown] + offset, s=0.5, color=color, label=name)
            offset += min(args.max_neurons, int(n.max()) + 1 if n.size else 0)
            bins = np.arange(0.0, duration + 5.0, 5.0)
            counts, _ = np.histogram(t, bins)
            size = int(n.max()) + 1 if n.size else 1
            ax_rate.plot(bins[:-1], counts / (size * 5e-3), color=color, label=name)
    ax_raster.set_ylabel("neuron")
    ax_raster.legend(loc="upper right", markerscale=10)
    ax_raster.set_title(f"{args.dir}  (replica {args.replica}, {summary['neurons']} neurons, "
                        f"{summary['wall_s']:.2f} s wall)")
    ax_rate.set_xlabel("time (ms)")
    ax_rate.set_ylabel("rate (Hz)")
    fig.tight_layout()
    out = os.path.join(args.dir, "raster.png")
    fig.savefig(out, dpi=120)
    print(f"plot_raster: wrote {out}")


if __name__ == "__main__":
    main()
