#!/usr/bin/python3
"""Hysteresis loops of a `spikewafer` field sweep: m against h on the way up and down.

Reads DIR/hysteresis.csv (sampler, T, branch, step, h, b_f, m, m_err; branch "up" or "down",
step the order of the sweep) and writes DIR/hysteresis.png: one panel per temperature (up to 6,
spread over the range, in a grid), m against h for both branches (up: solid line, triangles
pointing up; down: dashed, triangles pointing down; an arrow on each branch shows its
direction), both samplers on the same axes.
Reads DIR/loops.csv (sampler, T, area, coercive_field) and writes DIR/loop_area.png: the loop
area and the coercive field against T, one line per sampler.
A missing file skips its plot with a printed note; exit 2 when neither file exists.

Usage: /usr/bin/python3 scripts/plots/plot_hysteresis.py DIR
"""
import argparse
import math
import os
import sys

import numpy as np

import plot_common as pc

SCRIPT = "plot_hysteresis"
BRANCH_STYLES = {"up": ("-", "^", "h increasing"), "down": ("--", "v", "h decreasing")}
MAX_PANELS = 6


def direction_arrow(ax, h, m, color):
    """An arrow along the branch a third of the way in (so that the arrows of the two branches
    sit at opposite fields), spanning about a tenth of the branch."""
    if len(h) < 2:
        return
    i = min(len(h) // 3, len(h) - 2)
    j = min(len(h) - 1, i + max(1, len(h) // 10))
    ax.annotate("", xy=(h[j], m[j]), xytext=(h[i], m[i]),
                arrowprops={"arrowstyle": "-|>", "color": color, "lw": 2,
                            "mutation_scale": 22})


def draw_branches(ax, rows, sampler, color, with_labels):
    """Both branches of one sampler at one temperature."""
    for branch, (linestyle, marker, text) in BRANCH_STYLES.items():
        part = pc.select(rows, rows["branch"] == branch)
        if len(part["h"]) == 0:
            continue
        order = np.argsort(part["step"] if "step" in part else np.arange(len(part["h"])),
                           kind="stable")
        h, m = part["h"][order], part["m"][order]
        err = pc.clean_err(part.get("m_err", np.zeros_like(m))[order])
        ax.errorbar(h, m, yerr=err, color=color, linestyle=linestyle, marker=marker,
                    markersize=3.5, capsize=1.5, elinewidth=0.8,
                    label=f"{sampler}, {text}" if with_labels else None)
        direction_arrow(ax, h, m, color)


def panel_grid(count):
    columns = min(3, count)
    rows = math.ceil(count / columns)
    fig, axes = pc.plt.subplots(rows, columns, figsize=(4.4 * columns, 3.8 * rows + 0.6),
                                squeeze=False, sharex=True, sharey=True)
    for ax in axes.flat[count:]:
        ax.set_visible(False)
    return fig, axes


def plot_loops_m_h(directory):
    path, out = (os.path.join(directory, n) for n in ("hysteresis.csv", "hysteresis.png"))
    if not os.path.exists(path):
        return pc.skip(SCRIPT, out, f"{path} not found")
    table = pc.read_table(path, text_columns=("sampler", "branch"))
    lacking = pc.missing_columns(table, ("sampler", "T", "branch", "h", "m"))
    if lacking or pc.row_count(table) == 0:
        return pc.skip(SCRIPT, out, f"{path} lacks columns {lacking}" if lacking else
                       f"{path} has no rows")
    all_T = np.unique(table["T"])
    temperatures = all_T[pc.spread_indices(len(all_T), MAX_PANELS)]
    fig, axes = panel_grid(len(temperatures))
    samplers = pc.ordered_samplers(table["sampler"])
    for k, (ax, T) in enumerate(zip(axes.flat, temperatures)):
        for index, sampler in enumerate(samplers):
            rows = pc.select(table, (table["T"] == T) & (table["sampler"] == sampler))
            draw_branches(ax, rows, sampler, pc.sampler_color(sampler, index), k == 0)
        ax.axhline(0.0, color="gray", linewidth=0.5)
        ax.axvline(0.0, color="gray", linewidth=0.5)
        ax.set_title(f"T = {T:.3g} J", fontsize=10)
        ax.grid(alpha=0.3)
    for ax in axes[-1]:
        ax.set_xlabel(pc.H_LABEL)
    for ax in axes[:, 0]:
        ax.set_ylabel("magnetisation per spin m")
    fig.legend(*axes.flat[0].get_legend_handles_labels(), loc="lower center",
               ncol=2 * len(samplers), fontsize=8, bbox_to_anchor=(0.5, -0.02))
    name = os.path.basename(os.path.abspath(directory))
    shown = "" if len(temperatures) == len(all_T) else f" ({len(temperatures)} of {len(all_T)} T)"
    fig.suptitle(f"{name}: hysteresis loops{shown}")
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    pc.save_figure(fig, out, SCRIPT)


def draw_against_T(ax, table, column, label):
    for index, sampler in enumerate(pc.ordered_samplers(table["sampler"])):
        rows = pc.select(table, table["sampler"] == sampler)
        order = np.argsort(rows["T"])
        ax.plot(rows["T"][order], rows[column][order], color=pc.sampler_color(sampler, index),
                marker="o", markersize=4, label=sampler)
    ax.set_ylabel(label)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)


def plot_loop_area(directory):
    path, out = (os.path.join(directory, n) for n in ("loops.csv", "loop_area.png"))
    if not os.path.exists(path):
        return pc.skip(SCRIPT, out, f"{path} not found")
    table = pc.read_table(path, text_columns=("sampler",))
    lacking = pc.missing_columns(table, ("sampler", "T", "area", "coercive_field"))
    if lacking or pc.row_count(table) == 0:
        return pc.skip(SCRIPT, out, f"{path} lacks columns {lacking}" if lacking else
                       f"{path} has no rows")
    fig, (ax_area, ax_hc) = pc.plt.subplots(2, 1, figsize=(7, 7), sharex=True)
    draw_against_T(ax_area, table, "area", "loop area ∮ m dh (units of J)")
    draw_against_T(ax_hc, table, "coercive_field", "coercive field h_c (units of J)")
    ax_hc.set_xlabel(pc.T_LABEL)
    name = os.path.basename(os.path.abspath(directory))
    ax_area.set_title(f"{name}: hysteresis loop area and coercive field")
    pc.save_figure(fig, out, SCRIPT)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", help="the hysteresis output folder (holds hysteresis.csv and "
                                    "loops.csv)")
    args = parser.parse_args()
    inputs = [os.path.join(args.dir, n) for n in ("hysteresis.csv", "loops.csv")]
    if not any(os.path.exists(p) for p in inputs):
        print(f"{SCRIPT}: neither {inputs[0]} nor {inputs[1]} found", file=sys.stderr)
        sys.exit(2)
    plot_loops_m_h(args.dir)
    plot_loop_area(args.dir)


if __name__ == "__main__":
    main()
