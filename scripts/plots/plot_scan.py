#!/usr/bin/python3
"""Plots of a `spikewafer` Ising scan folder: reads DIR/scan.csv and DIR/configurations.csv.

Writes DIR/phase_diagram.png (m over the T x h grid per sampler, or |m| and m against T),
DIR/susceptibility.png (chi), DIR/binder.png (Binder cumulant U4), DIR/energy.png (energy and
heat capacity) and DIR/configurations.png (sample states at up to 6 temperatures).
On a T x h grid the line plots show the slice nearest h = 0; a scan over h alone is drawn
against h. A plot whose data is missing is skipped with a printed note (exit 0); exit 2 when
DIR/scan.csv does not exist.

Usage: /usr/bin/python3 scripts/plots/plot_scan.py DIR
"""
import argparse
import os
import sys

import numpy as np

import plot_common as pc

SCRIPT = "plot_scan"
BASE_COLUMNS = ("sampler", "L", "T", "h")


def sweep(table):
    """(x column, x label, rows to draw, title note): T when the scan has >= 2 temperatures
    (the slice nearest h = 0 on a T x h grid), else h."""
    temperatures, fields = np.unique(table["T"]), np.unique(table["h"])
    if len(temperatures) < 2 and len(fields) >= 2:
        return "h", pc.H_LABEL, table, f"T = {temperatures[0]:g} J"
    if len(fields) >= 2:
        h0 = pc.nearest_value(fields, 0.0)
        return "T", pc.T_LABEL, pc.select(table, table["h"] == h0), f"h = {h0:g} J"
    return "T", pc.T_LABEL, table, f"h = {fields[0]:g} J" if len(fields) else ""


def groups(table):
    """(sampler, L, rows) per sampler and lattice size, glauber first, small L first."""
    for sampler in pc.ordered_samplers(table["sampler"]):
        of_sampler = table["sampler"] == sampler
        for L in np.unique(table["L"][of_sampler]):
            yield sampler, int(L), pc.select(table, of_sampler & (table["L"] == L))


def draw_lines(ax, table, x, y, label_suffix=""):
    """One errorbar line of column y against column x per (sampler, L)."""
    sizes, drawn = np.unique(table["L"]), 0
    samplers = pc.ordered_samplers(table["sampler"])  # one colour per sampler; L by line style
    for sampler, L, rows in groups(table):
        index = samplers.index(sampler)
        if y not in rows or not np.any(np.isfinite(rows[y])):
            continue
        order = np.argsort(rows[x])
        err = rows.get(y + "_err", np.zeros_like(rows[y]))
        ax.errorbar(rows[x][order], rows[y][order], yerr=pc.clean_err(err[order]),
                    color=pc.sampler_color(sampler, index), marker=pc.size_marker(L, sizes),
                    linestyle=pc.size_linestyle(L, sizes), markersize=4, capsize=2,
                    label=f"{sampler}, L = {L}{label_suffix}")
        drawn += 1
    return drawn


def onsager_line(ax):
    ax.axvline(pc.ONSAGER_TC, color="k", linestyle="--", linewidth=1,
               label="Onsager Tc (2D square)")


def title(directory, what, note):
    name = os.path.basename(os.path.abspath(directory))
    return f"{name}: {what}" + (f"  ({note})" if note else "")


def grid_edges(values):
    """Cell edges around sorted grid values (midpoints inside, half a step outside)."""
    values = np.asarray(values, dtype=float)
    mid = (values[1:] + values[:-1]) / 2
    return np.concatenate([[values[0] - (mid[0] - values[0])], mid,
                           [values[-1] + (values[-1] - mid[-1])]])


def heat_map(ax, rows):
    """m over (T, h) as a colour map; missing grid points stay blank."""
    temperatures, fields = np.unique(rows["T"]), np.unique(rows["h"])
    m = np.full((len(fields), len(temperatures)), np.nan)
    for T, h, value in zip(rows["T"], rows["h"], rows["m"]):
        m[np.searchsorted(fields, h), np.searchsorted(temperatures, T)] = value
    return ax.pcolormesh(grid_edges(temperatures), grid_edges(fields), m, cmap="RdBu_r",
                         vmin=-1.0, vmax=1.0, shading="flat")


def phase_diagram_map(table, directory):
    samplers = pc.ordered_samplers(table["sampler"])
    fig, axes = pc.plt.subplots(1, len(samplers), figsize=(5.2 * len(samplers) + 1, 4.5),
                                squeeze=False, sharey=True, layout="constrained")
    for ax, sampler in zip(axes[0], samplers):
        rows = pc.select(table, table["sampler"] == sampler)
        L = int(np.max(rows["L"]))
        mesh = heat_map(ax, pc.select(rows, rows["L"] == L))
        ax.set_title(pc.panel_title(sampler, L))
        ax.set_xlabel(pc.T_LABEL)
    axes[0][0].set_ylabel(pc.H_LABEL)
    fig.colorbar(mesh, ax=list(axes[0]), label="magnetisation per spin m")
    fig.suptitle(title(directory, "phase diagram", ""))
    return fig


def phase_diagram_lines(table, directory):
    x, x_label, rows, note = sweep(table)
    fig, (ax_abs, ax_m) = pc.plt.subplots(1, 2, figsize=(11, 4.5), sharex=True)
    draw_lines(ax_abs, rows, x, "abs_m")
    draw_lines(ax_m, rows, x, "m")
    for ax, label in ((ax_abs, "|m| per spin, <|m|>"), (ax_m, "magnetisation per spin <m>")):
        if x == "T":
            onsager_line(ax)
        ax.set_xlabel(x_label)
        ax.set_ylabel(label)
        ax.grid(alpha=0.3)
    ax_m.axhline(0.0, color="gray", linewidth=0.5)
    ax_abs.legend(fontsize=8)
    fig.suptitle(title(directory, "magnetisation", note))
    return fig


def plot_phase_diagram(table, directory):
    out = os.path.join(directory, "phase_diagram.png")
    if "m" not in table:
        return pc.skip(SCRIPT, out, "scan.csv has no column m")
    if np.all(np.isnan(table["m"])):
        return pc.skip(SCRIPT, out, "column m holds no numbers")
    if len(np.unique(table["T"])) >= 2 and len(np.unique(table["h"])) >= 2:
        fig = phase_diagram_map(table, directory)
    elif pc.missing_columns(table, ("abs_m",)):
        return pc.skip(SCRIPT, out, "scan.csv has no column abs_m")
    else:
        fig = phase_diagram_lines(table, directory)
    pc.save_figure(fig, out, SCRIPT)


def plot_curves(table, directory, spec):
    """One figure of column spec['y'] against the sweep axis, spec = file, y, label, what."""
    out = os.path.join(directory, spec["file"])
    if pc.missing_columns(table, (spec["y"],)):
        return pc.skip(SCRIPT, out, f"scan.csv has no column {spec['y']}")
    x, x_label, rows, note = sweep(table)
    fig, ax = pc.plt.subplots(figsize=(7, 4.8))
    if draw_lines(ax, rows, x, spec["y"]) == 0:
        pc.plt.close(fig)
        return pc.skip(SCRIPT, out, f"column {spec['y']} holds no numbers")
    if x == "T":
        onsager_line(ax)
    for i, level in enumerate(spec.get("levels", ())):
        ax.axhline(level, color="gray", linestyle=":", linewidth=1,
                   label=spec["levels_label"] if i == 0 else None)
    ax.set_xlabel(x_label)
    ax.set_ylabel(spec["label"])
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    ax.set_title(title(directory, spec["what"], note))
    pc.save_figure(fig, out, SCRIPT)


def plot_energy(table, directory):
    out = os.path.join(directory, "energy.png")
    lacking = pc.missing_columns(table, ("energy", "heat_capacity"))
    if lacking:
        return pc.skip(SCRIPT, out, f"scan.csv has no column {', '.join(lacking)}")
    x, x_label, rows, note = sweep(table)
    fig, (ax_e, ax_c) = pc.plt.subplots(2, 1, figsize=(7, 7), sharex=True)
    draw_lines(ax_e, rows, x, "energy")
    draw_lines(ax_c, rows, x, "heat_capacity")
    if x == "T":
        onsager_line(ax_c)
    ax_e.set_ylabel("energy per spin e (units of J)")
    ax_c.set_ylabel("heat capacity per spin C (units of k_B)")
    ax_c.set_xlabel(x_label)
    for ax in (ax_e, ax_c):
        ax.grid(alpha=0.3)
    ax_e.legend(fontsize=8)
    ax_c.legend(fontsize=8)
    ax_e.set_title(title(directory, "energy and heat capacity", note))
    pc.save_figure(fig, out, SCRIPT)


def state_image(state, L, dims):
    """The 0/1 image of one state string (index = x + L y + L^2 z): an L x L array (y rows) for
    2D, the z = 0 slice for 3D, a 1 x L row for 1D; None when the length does not fit."""
    if dims not in (1, 2, 3) or len(state) != L ** dims or set(state) - {"0", "1"}:
        return None
    bits = np.frombuffer(state.encode("ascii"), dtype=np.uint8) - ord("0")
    return bits.reshape(1, L) if dims == 1 else bits[:L * L].reshape(L, L)


def configuration_rows(table):
    """Per sampler the rows of its largest L (nearest h = 0 on a T x h grid), dims 0 left out."""
    table = pc.select(table, table["dims"] != 0)
    chosen = {}
    for sampler in pc.ordered_samplers(table["sampler"]):
        rows = pc.select(table, table["sampler"] == sampler)
        rows = pc.select(rows, rows["L"] == np.max(rows["L"]))
        chosen[sampler] = pc.select(rows, rows["h"] == pc.nearest_value(rows["h"], 0.0))
    return chosen


def show_state(ax, rows, T):
    """Draws the first state of rows at temperature T on ax (a note when there is none)."""
    at = np.flatnonzero(rows["T"] == T)
    image = None
    if len(at):
        i = at[0]
        image = state_image(str(rows["state"][i]), int(rows["L"][i]), int(rows["dims"][i]))
    if image is None:
        ax.text(0.5, 0.5, "no state", ha="center", va="center", transform=ax.transAxes)
    else:
        ax.imshow(image, cmap="gray_r", vmin=0, vmax=1, origin="lower",
                  interpolation="nearest", aspect="equal" if image.shape[0] > 1 else "auto")
    ax.set_xticks([])
    ax.set_yticks([])
    return image is not None


def configurations_grid(chosen, directory):
    """Rows: samplers; columns: up to 6 temperatures spread over the range."""
    all_T = np.unique(np.concatenate([rows["T"] for rows in chosen.values()]))
    temperatures = all_T[pc.spread_indices(len(all_T), 6)]
    fig, axes = pc.plt.subplots(len(chosen), len(temperatures), squeeze=False,
                                figsize=(2.1 * len(temperatures) + 0.6, 2.3 * len(chosen) + 0.6),
                                layout="constrained")
    for r, (sampler, rows) in enumerate(chosen.items()):
        for c, T in enumerate(temperatures):
            show_state(axes[r][c], rows, T)
            axes[r][c].set_title(f"T = {T:.3g} J", fontsize=9)
        dims = int(rows["dims"][0]) if len(rows["dims"]) else 2
        slice_note = ", z = 0 slice" if dims == 3 else ""
        field = f", h = {rows['h'][0]:g} J" if len(rows["h"]) else ""
        axes[r][0].set_ylabel(pc.panel_title(sampler, int(np.max(rows["L"]))) + field + slice_note,
                              fontsize=9)
    fig.suptitle(title(directory, "configurations (black = spin up; x across, y up)", ""))
    return fig


def configurations_strips(chosen, directory):
    """1D chains: one panel per sampler, one row of pixels per temperature."""
    fig, axes = pc.plt.subplots(len(chosen), 1, squeeze=False, sharex=True,
                                figsize=(8, 1.2 + 2.4 * len(chosen)), layout="constrained")
    for ax, (sampler, rows) in zip(axes[:, 0], chosen.items()):
        order = np.argsort(rows["T"], kind="stable")
        images = [state_image(str(rows["state"][i]), int(rows["L"][i]), 1) for i in order]
        kept = [(rows["T"][i], im) for i, im in zip(order, images) if im is not None]
        if not kept:
            ax.text(0.5, 0.5, "no state", ha="center", va="center", transform=ax.transAxes)
            continue
        ax.imshow(np.vstack([im for _, im in kept]), cmap="gray_r", vmin=0, vmax=1,
                  origin="lower", interpolation="nearest", aspect="auto")
        ticks = pc.spread_indices(len(kept), 8)
        ax.set_yticks(ticks, [f"{kept[t][0]:.3g}" for t in ticks])
        ax.set_ylabel(f"{sampler}: T (units of J)")
        ax.set_title(pc.panel_title(sampler, int(np.max(rows["L"]))), fontsize=9)
    axes[-1][0].set_xlabel("site x")
    fig.suptitle(title(directory, "configurations (black = spin up)", ""))
    return fig


def plot_configurations(directory):
    path = os.path.join(directory, "configurations.csv")
    out = os.path.join(directory, "configurations.png")
    if not os.path.exists(path):
        return pc.skip(SCRIPT, out, f"{path} not found")
    table = pc.read_table(path, text_columns=("sampler", "state"))
    lacking = pc.missing_columns(table, ("sampler", "L", "T", "h", "dims", "state"))
    if lacking or pc.row_count(table) == 0:
        return pc.skip(SCRIPT, out, f"{path} lacks columns {lacking}" if lacking else
                       f"{path} has no rows")
    if np.all(table["dims"] == 0):
        return pc.skip(SCRIPT, out, "dims 0 (complete graph): a state has no spatial layout")
    chosen = configuration_rows(table)
    if all(np.all(rows["dims"] == 1) for rows in chosen.values()):
        fig = configurations_strips(chosen, directory)
    else:
        fig = configurations_grid(chosen, directory)
    pc.save_figure(fig, out, SCRIPT)


CURVES = (
    {"file": "susceptibility.png", "y": "chi", "what": "magnetic susceptibility",
     "label": "susceptibility per spin χ (1/J)"},
    {"file": "binder.png", "y": "binder", "what": "Binder cumulant (sizes cross at Tc)",
     "label": "Binder cumulant U4 = 1 - <m⁴> / (3 <m²>²)", "levels": (2.0 / 3.0, 0.0),
     "levels_label": "limits: 2/3 ordered, 0 disordered"},
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", help="the scan output folder (holds scan.csv)")
    args = parser.parse_args()
    path = os.path.join(args.dir, "scan.csv")
    if not os.path.exists(path):
        print(f"{SCRIPT}: {path} not found; run a `spikewafer` scan with --out {args.dir} first",
              file=sys.stderr)
        sys.exit(2)
    table = pc.read_table(path, text_columns=("sampler",))
    lacking = pc.missing_columns(table, BASE_COLUMNS)
    if lacking or pc.row_count(table) == 0:
        pc.skip(SCRIPT, "the scan plots", f"{path} lacks columns {lacking}" if lacking
                else f"{path} has no rows")
    else:
        plot_phase_diagram(table, args.dir)
        for spec in CURVES:
            plot_curves(table, args.dir, spec)
        plot_energy(table, args.dir)
    plot_configurations(args.dir)


if __name__ == "__main__":
    main()
