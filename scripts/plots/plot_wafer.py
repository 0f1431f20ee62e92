#!/usr/bin/python3
"""Plots of a `spikewafer wafer-map` report folder.

Reads DIR/chips.csv (wafer, hicann, x, y, neurons, neuron_utilisation, drivers_used,
l1_lines_used), DIR/routes.csv (wafer, bus, from_x, from_y, to_x, to_y: one row per L1 hop
between neighbouring chips) and DIR/projections.csv (projection, requested, realized, no_route,
no_driver, no_address, loss). Writes, per used wafer W:
  DIR/utilisation_wafer_W.png  neuron, synapse-driver and L1-line utilisation on the 36 x 16 grid
  DIR/routes_wafer_W.png       the routed L1 lines (hops between chips, coloured by bus)
and DIR/loss_per_projection.png (lost synapses per projection, stacked by cause).
Exit 2 when DIR/chips.csv does not exist.

Usage: /usr/bin/python3 scripts/plots/plot_wafer.py DIR
"""
import os
import sys

import numpy as np
from matplotlib.collections import LineCollection

import plot_common as pc

SCRIPT = "plot_wafer"
COLUMNS, ROWS = 36, 16
DRIVERS, LINES = 224.0, 320.0
MAX_NAMED = 40  # projections in the loss plot that get a named bar each


def grid(chips, wafer, values):
    """A 16 x 36 array of values (NaN where no chip is)."""
    image = np.full((ROWS, COLUMNS), np.nan)
    mask = chips["wafer"] == wafer
    image[chips["y"][mask].astype(int), chips["x"][mask].astype(int)] = values[mask]
    return image


def plot_utilisation(chips, wafer, out):
    panels = (("neurons placed (fraction)", chips["neuron_utilisation"]),
              ("synapse drivers used (fraction)", chips["drivers_used"] / DRIVERS),
              ("L1 lines used (fraction)", chips["l1_lines_used"] / LINES))
    fig, axes = pc.plt.subplots(1, 3, figsize=(15, 3.6))
    for ax, (title, values) in zip(axes, panels):
        image = ax.imshow(grid(chips, wafer, values), origin="upper", cmap="viridis",
                          vmin=0.0, vmax=1.0, interpolation="nearest")
        ax.set_title(title)
        ax.set_xlabel("grid column x")
        ax.set_ylabel("grid row y")
        fig.colorbar(image, ax=ax, shrink=0.8)
    fig.suptitle(f"wafer {wafer}: utilisation per HICANN")
    pc.save_figure(fig, os.path.join(out, f"utilisation_wafer_{wafer}.png"), SCRIPT)


def plot_routes(chips, routes, wafer, out):
    fig, ax = pc.plt.subplots(figsize=(9, 4.5))
    present = grid(chips, wafer, np.ones_like(chips["x"]))
    ax.imshow(np.where(np.isnan(present), np.nan, 0.15), origin="upper", cmap="Greys",
              vmin=0.0, vmax=1.0, interpolation="nearest")
    if routes and pc.row_count(routes):
        mask = routes["wafer"] == wafer
        buses = routes["bus"][mask]
        colors = pc.plt.cm.tab20((buses.astype(int) % 20) / 19.0)
        # One artist for all hops: a large mapping has 10^5 of them, and a line each took
        # minutes to draw.
        starts = np.column_stack([routes["from_x"][mask], routes["from_y"][mask]])
        ends = np.column_stack([routes["to_x"][mask], routes["to_y"][mask]])
        ax.add_collection(LineCollection(np.stack([starts, ends], axis=1), colors=colors,
                                         linewidths=1.2, alpha=0.7))
        ax.set_title(f"wafer {wafer}: routed L1 lines ({int(mask.sum())} hops between chips, "
                     f"{len(set(buses.tolist()))} buses)")
    else:
        ax.set_title(f"wafer {wafer}: no L1 hops between chips")
    ax.set_xlabel("grid column x")
    ax.set_ylabel("grid row y")
    pc.save_figure(fig, os.path.join(out, f"routes_wafer_{wafer}.png"), SCRIPT)


def plot_loss(projections, out):
    """Lost synapses per projection, stacked by cause: named bars, or for more than
    MAX_NAMED projections (a figure a bar wide each would not fit) the projections sorted by
    their loss, unnamed."""
    names = list(projections["projection"])
    causes = (("no_route", "tab:red"), ("no_driver", "tab:orange"), ("no_address", "tab:purple"))
    requested = np.maximum(projections["requested"], 1)
    shares = [np.asarray(projections[cause] / requested, dtype=float) for cause, _ in causes]
    named = len(names) <= MAX_NAMED
    order = np.arange(len(names)) if named else np.argsort(-sum(shares), kind="stable")
    fig, ax = pc.plt.subplots(figsize=(max(5, 1.2 * len(names)) if named else 9, 4))
    x = np.arange(len(names))
    bottom = np.zeros(len(names))
    for (cause, color), share in zip(causes, shares):
        ax.bar(x, share[order], bottom=bottom, color=color, label=cause.replace("_", " "),
               width=0.8 if named else 1.0)
        bottom += share[order]
    ax.set_ylabel("lost synapses (fraction of requested)")
    ax.set_ylim(0, max(0.05, float(bottom.max()) * 1.15 if len(bottom) else 0.05))
    if named:
        ax.set_xticks(x, names)
        pc.plt.setp(ax.get_xticklabels(), rotation=30, ha="right")
        ax.set_title("synapse loss per projection")
    else:
        ax.set_xlabel(f"the {len(names)} projections, by their loss")
        ax.set_title("synapse loss per projection (projections.csv names them)")
    ax.legend()
    pc.save_figure(fig, os.path.join(out, "loss_per_projection.png"), SCRIPT)


def main(argv):
    if len(argv) != 2:
        print(__doc__)
        return 2
    out = argv[1]
    chips_path = os.path.join(out, "chips.csv")
    if not os.path.exists(chips_path):
        print(f"{SCRIPT}: {chips_path} not found", file=sys.stderr)
        return 2
    chips = pc.read_table(chips_path)
    routes_path = os.path.join(out, "routes.csv")
    routes = pc.read_table(routes_path) if os.path.exists(routes_path) else {}
    for wafer in sorted(set(chips["wafer"].astype(int).tolist())):
        plot_utilisation(chips, wafer, out)
        plot_routes(chips, routes, wafer, out)
    projections_path = os.path.join(out, "projections.csv")
    if os.path.exists(projections_path):
        projections = pc.read_table(projections_path, text_columns=("projection",))
        if pc.row_count(projections):
            plot_loss(projections, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
