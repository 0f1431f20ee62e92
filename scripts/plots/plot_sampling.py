#!/usr/bin/python3
"""Plots of a `spikewafer` sampling run: how well spiking networks sample a Boltzmann machine.

Reads DIR/distribution.csv (state, p_target, p_sampled, p_gibbs; state = z_0 z_1 ... as '0'/'1',
p_gibbs may be empty) and writes DIR/distribution.png: grouped bars per state (target, spiking
sampler, Gibbs sampler), with D_KL(sampled || target) in the legend; with more than 32 states
only the 32 most probable target states are drawn, on a log y axis.
Reads DIR/dkl.csv (time_ms, dkl_spiking, dkl_spiking_std, dkl_gibbs, dkl_gibbs_std; cells may be
empty) and writes DIR/dkl.png: D_KL against time, log-log, mean +- std shaded.
Reads DIR/tempering.csv when it exists (time_ms, variant, dkl, dkl_std, mode_switches_per_s;
variant e.g. plain, noise, stp) and writes DIR/tempering.png: D_KL against time per variant
(log-log) and a bar chart of the mode-switch rate per variant (its value at the latest time).
When every dkl cell is empty (tempering on a trained RBM: samples are classified instead of
compared with an exact distribution), the D_KL panel is left out: DIR/tempering.json's "classes"
(labels, confidence, data_histogram, image_shape) and per-variant class_histogram and
class_distance give a panel of the class histogram of each variant beside the data's (the
total-variation distance in the legend), and the bar chart shows the class-switch rate.
Reads DIR/tempering_images.csv when it exists (variant, phase, replica, time_ms, class,
confidence, p0 .. p{V-1}; phase cold, hot or constant; class -1 = not confident; the image shape
from tempering.json's classes.image_shape) and writes DIR/tempering_images.png: the sampled
images, one row per (variant, phase), each titled with its class ("?" when not confident).
A missing file skips its plot with a printed note; exit 2 when none of them exists.

Usage: /usr/bin/python3 scripts/plots/plot_sampling.py DIR [--log] [--max-states N]
"""
import argparse
import math
import os
import sys

import numpy as np

import plot_common as pc

SCRIPT = "plot_sampling"
INPUTS = ("distribution.csv", "dkl.csv", "tempering.csv")
VARIANT_COLORS = ("tab:gray", "tab:green", "tab:purple", "tab:red", "tab:brown", "tab:pink",
                  "tab:olive", "tab:cyan")
DKL_LABEL = "D_KL(sampled ‖ target) (nats)"


def kl_divergence(sampled, target):
    """D_KL(sampled || target), natural log, 0 log 0 = 0; NaN when sampled has no numbers."""
    sampled, target = np.asarray(sampled, dtype=float), np.asarray(target, dtype=float)
    if not np.any(np.isfinite(sampled)):
        return math.nan
    used = np.isfinite(sampled) & (sampled > 0)
    with np.errstate(divide="ignore"):
        return float(np.sum(sampled[used] * np.log(sampled[used] / target[used])))


def shown_states(table, max_states):
    """(row indices to draw, note): every state in file order, or the max_states most probable
    target states, most probable first."""
    count = len(table["state"])
    if count <= max_states:
        return np.arange(count), f"all {count} states"
    order = np.argsort(-np.nan_to_num(table["p_target"], nan=-1.0), kind="stable")
    return order[:max_states], f"the {max_states} most probable of {count} states"


def bar_series(table):
    """(column, label, colour) of each probability series that holds numbers."""
    series = [("p_target", "target", pc.sampler_color("target"))]
    for column, name, sampler in (("p_sampled", "spiking sampler", "spiking"),
                                  ("p_gibbs", "Gibbs sampler", "gibbs")):
        if column in table and np.any(np.isfinite(table[column])):
            dkl = kl_divergence(table[column], table["p_target"])
            label = f"{name}, D_KL = {dkl:.3g}" if math.isfinite(dkl) else name
            series.append((column, label, pc.sampler_color(sampler)))
    return series


def plot_distribution(directory, log_y, max_states):
    path, out = (os.path.join(directory, n) for n in ("distribution.csv", "distribution.png"))
    if not os.path.exists(path):
        return pc.skip(SCRIPT, out, f"{path} not found")
    table = pc.read_table(path, text_columns=("state",))
    lacking = pc.missing_columns(table, ("state", "p_target"))
    if lacking or pc.row_count(table) == 0:
        return pc.skip(SCRIPT, out, f"{path} lacks columns {lacking}" if lacking else
                       f"{path} has no rows")
    rows, note = shown_states(table, max_states)
    series = bar_series(table)
    width = 0.8 / len(series)
    width_in = min(14.0, max(6.0, 0.3 * len(rows) * len(series) + 2))
    fig, ax = pc.plt.subplots(figsize=(width_in, 4.8))
    for k, (column, label, color) in enumerate(series):
        ax.bar(np.arange(len(rows)) + (k - (len(series) - 1) / 2) * width,
               np.nan_to_num(table[column][rows]), width, color=color, label=label)
    ax.set_xticks(np.arange(len(rows)), [str(s) for s in table["state"][rows]],
                  rotation=90 if len(rows) > 8 else 0, family="monospace", fontsize=8)
    if log_y or len(table["state"]) > max_states:
        ax.set_yscale("log")
    ax.set_xlabel("state z_0 z_1 ... z_(n-1)")
    ax.set_ylabel("probability p(z)")
    ax.legend(fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    name = os.path.basename(os.path.abspath(directory))
    ax.set_title(f"{name}: sampled and target distributions ({note})")
    pc.save_figure(fig, out, SCRIPT)


def draw_band(ax, time, mean, std, color, label):
    """A log-log line of mean with mean +- std shaded; the lower edge is clipped to a tenth of
    the smallest positive mean, where it reaches zero or below. False when nothing to draw."""
    order = np.argsort(time)
    time, mean = time[order], mean[order]
    std = pc.clean_err(std[order])
    keep = np.isfinite(time) & (time > 0) & np.isfinite(mean) & (mean > 0)
    if not np.any(keep):
        return False
    time, mean, std = time[keep], mean[keep], std[keep]
    floor = 0.1 * np.min(mean)
    ax.fill_between(time, np.maximum(mean - std, floor), mean + std, color=color, alpha=0.25,
                    linewidth=0)
    ax.plot(time, mean, color=color, marker="o", markersize=3, label=label)
    return True


def log_axes(ax, directory, what):
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(pc.TIME_LABEL)
    ax.set_ylabel(DKL_LABEL)
    ax.grid(which="both", alpha=0.25)
    ax.set_title(f"{os.path.basename(os.path.abspath(directory))}: {what}")


def plot_dkl(directory):
    path, out = (os.path.join(directory, n) for n in ("dkl.csv", "dkl.png"))
    if not os.path.exists(path):
        return pc.skip(SCRIPT, out, f"{path} not found")
    table = pc.read_table(path)
    if pc.missing_columns(table, ("time_ms",)) or pc.row_count(table) == 0:
        return pc.skip(SCRIPT, out, f"{path} has no time_ms column or no rows")
    fig, ax = pc.plt.subplots(figsize=(7, 4.8))
    drawn = 0
    for sampler, label in (("spiking", "spiking sampler"), ("gibbs", "Gibbs sampler")):
        mean = table.get(f"dkl_{sampler}")
        if mean is None:
            continue
        std = table.get(f"dkl_{sampler}_std", np.zeros_like(mean))
        drawn += draw_band(ax, table["time_ms"], mean, std, pc.sampler_color(sampler),
                           f"{label} (mean ± std)")
    if not drawn:
        pc.plt.close(fig)
        return pc.skip(SCRIPT, out, f"{path} holds no positive D_KL values")
    log_axes(ax, directory, "convergence to the target distribution")
    ax.legend(fontsize=8)
    pc.save_figure(fig, out, SCRIPT)


def final_rates(table, variants):
    """The mode-switch rate of each variant at its latest time with a finite value."""
    rates = []
    for variant in variants:
        rows = pc.select(table, (table["variant"] == variant)
                         & np.isfinite(table["mode_switches_per_s"]))
        rates.append(rows["mode_switches_per_s"][np.argmax(rows["time_ms"])]
                     if len(rows["time_ms"]) else math.nan)
    return np.array(rates, dtype=float)


def draw_rates(ax, table, variants, colors, what="mode"):
    """Bars of the final switch rate per variant; what = "mode" (exact modes) or "class"."""
    if "mode_switches_per_s" not in table:
        ax.text(0.5, 0.5, "no mode_switches_per_s column", ha="center", va="center",
                transform=ax.transAxes)
        return
    rates = final_rates(table, variants)
    bars = ax.bar(np.arange(len(variants)), np.nan_to_num(rates), color=colors)
    ax.bar_label(bars, labels=[f"{r:.3g}" if math.isfinite(r) else "n/a" for r in rates],
                 fontsize=8)
    ax.set_xticks(np.arange(len(variants)), variants, rotation=20)
    ax.set_ylabel(f"{what} switches per second (1/s)")
    ax.set_title(f"{what}-switch rate (at the latest time)")
    ax.grid(axis="y", alpha=0.3)


def read_classes(directory):
    """(classes, {variant: its entry}) from DIR/tempering.json, or (None, {}) when the file is
    missing, unreadable or has no "classes" table."""
    path = os.path.join(directory, "tempering.json")
    try:
        report = pc.read_json(path)
    except (OSError, ValueError):
        return None, {}
    if not isinstance(report, dict) or not isinstance(report.get("classes"), dict):
        return None, {}
    variants = {str(v.get("variant")): v for v in report.get("variants", [])
                if isinstance(v, dict)}
    return report["classes"], variants


def histogram(values, labels):
    """A JSON list of numbers as a float array of length labels (missing entries NaN)."""
    numbers = [pc.number(v) for v in (values if isinstance(values, list) else [])][:labels]
    return np.array(numbers + [math.nan] * (labels - len(numbers)), dtype=float)


def class_label(variant, entry):
    """'plain: TV 0.42' (or 'plain: no confident sample' for an all-zero histogram)."""
    if entry is None:
        return f"{variant}: not in tempering.json"
    hist = entry.get("class_histogram")
    if isinstance(hist, list) and not any(pc.number(v) > 0 for v in hist):
        return f"{variant}: no confident sample"
    distance = pc.number(entry.get("class_distance"))
    return f"{variant}: TV {distance:.2g}" if math.isfinite(distance) else f"{variant}: TV n/a"


def draw_class_histograms(ax, classes, entries, variants, colors):
    """Grouped bars of each variant's class histogram, the data's histogram as black outlines."""
    data = classes.get("data_histogram")
    labels = pc.number(classes.get("labels"))
    labels = int(labels) if math.isfinite(labels) else len(data) if isinstance(data, list) else 0
    if labels <= 0:
        ax.text(0.5, 0.5, "tempering.json gives no number of labels", ha="center",
                va="center", transform=ax.transAxes)
        return
    x = np.arange(labels)
    width = 0.8 / max(1, len(variants))
    top = 0.0
    for k, (variant, color) in enumerate(zip(variants, colors)):
        hist = histogram(entries.get(variant, {}).get("class_histogram"), labels)
        top = max(top, float(np.nanmax(hist, initial=0.0)))
        ax.bar(x + (k - (len(variants) - 1) / 2) * width, np.nan_to_num(hist), width,
               color=color, label=class_label(variant, entries.get(variant)))
    if isinstance(data, list):
        hist = histogram(data, labels)
        top = max(top, float(np.nanmax(hist, initial=0.0)))
        ax.bar(x, np.nan_to_num(hist), 0.9, fill=False, edgecolor="black", linewidth=1.3,
               label="data")
    ax.set_xticks(x, [str(c) for c in x])
    ax.set_xlim(-0.6, labels - 0.4)
    legend = ax.get_legend_handles_labels()[1]  # long labels: two legend columns, not four
    columns = max(1, min(len(legend), 4 if max(map(len, legend), default=0) <= 18 else 2))
    legend_rows = -(-len(legend) // columns)
    ax.set_ylim(0, (1.2 + 0.12 * legend_rows) * top if top > 0 else 1)
    ax.set_xlabel("class (label unit)")
    ax.set_ylabel("fraction of the confident samples")
    confidence = pc.number(classes.get("confidence"))
    rule = f", confidence ≥ {confidence:.2g}" if math.isfinite(confidence) else ""
    ax.set_title(f"class histogram per variant and of the data{rule}\n"
                 "(TV = total-variation distance to the data's histogram)", fontsize=10)
    ax.legend(fontsize=8, ncol=columns, loc="upper center")
    ax.grid(axis="y", alpha=0.3)


def plot_classes(directory, out, table, variants, colors):
    """tempering.png without D_KL: class histograms (when tempering.json has "classes") and the
    class-switch rates."""
    classes, entries = read_classes(directory)
    name = os.path.basename(os.path.abspath(directory))
    if classes is None:
        fig, ax_rate = pc.plt.subplots(figsize=(6, 4.8))
        fig.suptitle(f"{name}: switch rate per sampler variant (no D_KL in tempering.csv, "
                     "no classes in tempering.json)", fontsize=10)
        draw_rates(ax_rate, table, variants, colors)
        return pc.save_figure(fig, out, SCRIPT)
    extra = [v for v in entries if v not in variants]
    shown = variants + extra
    colors = colors + [VARIANT_COLORS[(len(variants) + i) % len(VARIANT_COLORS)]
                       for i in range(len(extra))]
    fig, (ax_hist, ax_rate) = pc.plt.subplots(1, 2, figsize=(12, 4.8),
                                              gridspec_kw={"width_ratios": [3, 2]})
    draw_class_histograms(ax_hist, classes, entries, shown, colors)
    draw_rates(ax_rate, table, variants, colors[:len(variants)], what="class")
    fig.suptitle(f"{name}: classes of the samples of each sampler variant (trained classifier) "
                 "against the classes of the training data", y=1.03)
    pc.save_figure(fig, out, SCRIPT)


def plot_tempering(directory):
    path, out = (os.path.join(directory, n) for n in ("tempering.csv", "tempering.png"))
    if not os.path.exists(path):
        return pc.skip(SCRIPT, out, f"{path} not found (no tempering comparison in this run)")
    table = pc.read_table(path, text_columns=("variant",))
    lacking = pc.missing_columns(table, ("time_ms", "variant", "dkl"))
    if lacking or pc.row_count(table) == 0:
        return pc.skip(SCRIPT, out, f"{path} lacks columns {lacking}" if lacking else
                       f"{path} has no rows")
    variants = list(dict.fromkeys(str(v) for v in table["variant"]))
    colors = [VARIANT_COLORS[i % len(VARIANT_COLORS)] for i in range(len(variants))]
    if not np.any(np.isfinite(np.asarray(table["dkl"], dtype=float))):
        return plot_classes(directory, out, table, variants, colors)
    fig, (ax_dkl, ax_rate) = pc.plt.subplots(1, 2, figsize=(12, 4.8),
                                             gridspec_kw={"width_ratios": [3, 2]})
    for variant, color in zip(variants, colors):
        rows = pc.select(table, table["variant"] == variant)
        draw_band(ax_dkl, rows["time_ms"], rows["dkl"],
                  rows.get("dkl_std", np.zeros_like(rows["dkl"])), color, variant)
    log_axes(ax_dkl, directory, "D_KL per sampler variant (mean ± std)")
    ax_dkl.legend(fontsize=8)
    draw_rates(ax_rate, table, variants, colors)
    pc.save_figure(fig, out, SCRIPT)


def image_shape(directory, pixels):
    """(rows, columns) of an image of `pixels` values: tempering.json's classes.image_shape,
    else a square, else one row."""
    classes, _ = read_classes(directory)
    shape = (classes or {}).get("image_shape")
    if isinstance(shape, list) and len(shape) == 2:
        rows, columns = (pc.number(v) for v in shape)
        if math.isfinite(rows) and math.isfinite(columns) and int(rows) * int(columns) == pixels:
            return int(rows), int(columns)
    side = int(round(math.sqrt(pixels)))
    return (side, side) if side * side == pixels else (1, pixels)


def plot_tempering_images(directory):
    path, out = (os.path.join(directory, n)
                 for n in ("tempering_images.csv", "tempering_images.png"))
    if not os.path.exists(path):
        return pc.skip(SCRIPT, out, f"{path} not found (no tempering on a trained RBM)")
    table = pc.read_table(path, text_columns=("variant", "phase"))
    pixels = 0
    while f"p{pixels}" in table:
        pixels += 1
    lacking = pc.missing_columns(table, ("variant", "phase", "p0"))
    if lacking or pc.row_count(table) == 0:
        return pc.skip(SCRIPT, out, f"{path} lacks columns {lacking}" if lacking else
                       f"{path} has no rows")
    shape = image_shape(directory, pixels)
    images = np.stack([np.asarray(table[f"p{i}"], dtype=float) for i in range(pixels)], axis=1)
    classes = np.asarray(table.get("class", np.full(len(images), math.nan)), dtype=float)
    groups = list(dict.fromkeys(zip((str(v) for v in table["variant"]),
                                    (str(p) for p in table["phase"]))))
    members = [[i for i in range(len(images)) if (str(table["variant"][i]),
                                                   str(table["phase"][i])) == group]
               for group in groups]
    columns = max(len(m) for m in members)
    width = 0.75 if shape[0] > 1 else min(0.75, 12.0 / max(1, columns))
    height = width * shape[0] / shape[1] + 0.3  # the image and its title
    fig, axes = pc.plt.subplots(len(groups), columns, squeeze=False,
                                figsize=(1.4 + width * columns, 0.5 + height * len(groups)))
    for axes_row, (variant, phase), rows in zip(axes, groups, members):
        for k, ax in enumerate(axes_row):
            if k >= len(rows):
                ax.axis("off")
                continue
            i = rows[k]
            ax.imshow(images[i].reshape(shape), cmap="gray_r", vmin=0, vmax=1,
                      interpolation="nearest")
            ax.set_xticks([])
            ax.set_yticks([])
            label = int(classes[i]) if math.isfinite(classes[i]) else -1
            ax.set_title(str(label) if label >= 0 else "?", fontsize=9, pad=2)
        axes_row[0].set_ylabel(f"{variant}, {phase}", rotation=0, ha="right", va="center",
                               fontsize=9)
    name = os.path.basename(os.path.abspath(directory))
    fig.suptitle(f"{name}: sampled images per variant and phase "
                 "(title: class given by the classifier, ? = not confident)", fontsize=10)
    pc.save_figure(fig, out, SCRIPT)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", help="the sampling output folder (holds distribution.csv, "
                                    "dkl.csv and optionally tempering.csv, "
                                    "tempering_images.csv)")
    parser.add_argument("--log", action="store_true",
                        help="log y axis for the distribution even with few states")
    parser.add_argument("--max-states", type=int, default=32,
                        help="states drawn at most (the most probable target states)")
    args = parser.parse_args()
    if not any(os.path.exists(os.path.join(args.dir, name)) for name in INPUTS):
        print(f"{SCRIPT}: none of {', '.join(INPUTS)} found in {args.dir}", file=sys.stderr)
        sys.exit(2)
    plot_distribution(args.dir, args.log, max(1, args.max_states))
    plot_dkl(args.dir)
    plot_tempering(args.dir)
    plot_tempering_images(args.dir)


if __name__ == "__main__":
    main()
