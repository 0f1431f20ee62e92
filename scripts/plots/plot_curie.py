#!/usr/bin/python3
"""Curie(-Weiss) fits of the susceptibility of a `spikewafer` Ising scan.

Reads SCAN_CSV (the scan.csv of a scan: sampler, L, T, h, chi, chi_err, ...; on a T x h grid
the slice nearest h = 0 is used) and FIT_JSON (a list of objects with sampler, L, C, C_err, Tc,
Tc_err, gamma, gamma_err, T_min, T_max, chi2_per_dof and optionally binder_Tc, binder_Tc_err).
Writes OUT_PNG: left, chi(T) of each (sampler, L) with the fitted C / (T - Tc)^gamma over
[T_min, T_max] (log y); right, 1/chi against T, where the Curie-Weiss law (gamma = 1) is a
straight line; the fit extrapolated down to Tc (dotted) and the Binder-crossing Tc, when
given, marked on the T axis. Exit 2 when SCAN_CSV or FIT_JSON does not exist.

Usage: /usr/bin/python3 scripts/plots/plot_curie.py SCAN_CSV FIT_JSON OUT_PNG
"""
import argparse
import math
import os
import sys

import numpy as np

import plot_common as pc

SCRIPT = "plot_curie"
FIT_KEYS = ("C", "C_err", "Tc", "Tc_err", "gamma", "gamma_err", "T_min", "T_max",
            "chi2_per_dof", "binder_Tc", "binder_Tc_err")


def read_fits(path):
    """The fits as dicts of floats (missing or null values are NaN) plus sampler and L."""
    values = pc.read_json(path)
    if isinstance(values, dict):
        values = [values]
    fits = []
    for item in values if isinstance(values, list) else []:
        fit = {key: pc.number(item.get(key)) for key in FIT_KEYS}
        fit["sampler"] = str(item.get("sampler", "?"))
        fit["L"] = int(pc.number(item.get("L"))) if math.isfinite(pc.number(item.get("L"))) \
            else 0
        fits.append(fit)
    return fits


def zero_field(table):
    """The rows nearest h = 0 (all rows when there is no h column) and a title note."""
    if "h" not in table or len(np.unique(table["h"])) < 2:
        return table, ""
    h0 = pc.nearest_value(table["h"], 0.0)
    return pc.select(table, table["h"] == h0), f" at h = {h0:g} J"


def draw_data(ax_chi, ax_inv, table):
    sizes = np.unique(table["L"])
    for index, sampler in enumerate(pc.ordered_samplers(table["sampler"])):
        for L in np.unique(table["L"][table["sampler"] == sampler]):
            rows = pc.select(table, (table["sampler"] == sampler) & (table["L"] == L))
            order = np.argsort(rows["T"])
            T, chi = rows["T"][order], rows["chi"][order]
            err = pc.clean_err(rows.get("chi_err", np.zeros_like(chi))[order])
            style = {"color": pc.sampler_color(sampler, index), "linestyle": "none",
                     "marker": pc.size_marker(L, sizes), "markersize": 4, "capsize": 2,
                     "label": f"{sampler}, L = {int(L)}"}
            ax_chi.errorbar(T, chi, yerr=err, **style)
            style["label"] = None
            with np.errstate(divide="ignore", invalid="ignore"):
                ax_inv.errorbar(T, 1.0 / chi, yerr=pc.clean_err(err / chi ** 2), **style)


def fit_label(fit):
    gamma = pc.value_text(fit["gamma"], fit["gamma_err"])
    if not fit["gamma_err"] > 0:
        gamma += " (fixed)"
    label = (f"{fit['sampler']}, L = {fit['L']}: Tc = {pc.value_text(fit['Tc'], fit['Tc_err'])}"
             f", γ = {gamma}, C = {pc.value_text(fit['C'], fit['C_err'])}")
    if math.isfinite(fit["chi2_per_dof"]):
        label += f", χ²/dof = {fit['chi2_per_dof']:.2g}"
    return label


def draw_fit(ax_chi, ax_inv, fit, sizes, index):
    """The fitted law over [T_min, T_max] in both panels, its extrapolation to Tc in 1/chi."""
    C, Tc, gamma = fit["C"], fit["Tc"], fit["gamma"]
    if not all(math.isfinite(v) for v in (C, Tc, gamma, fit["T_min"], fit["T_max"])) or C <= 0:
        print(f"{SCRIPT}: no fit curve for {fit['sampler']}, L = {fit['L']}: "
              "C, Tc, gamma, T_min or T_max missing")
        return
    color = pc.sampler_color(fit["sampler"], index)
    linestyle = pc.size_linestyle(fit["L"], sizes) if fit["L"] in sizes else "-"
    T = np.linspace(max(fit["T_min"], Tc + 1e-9), fit["T_max"], 300)
    ax_chi.plot(T, C / (T - Tc) ** gamma, color=color, linestyle=linestyle, linewidth=1.5)
    ax_inv.plot(T, (T - Tc) ** gamma / C, color=color, linestyle=linestyle, linewidth=1.5,
                label=fit_label(fit))
    below = np.linspace(Tc, max(Tc, fit["T_min"]), 100)
    ax_inv.plot(below, (below - Tc) ** gamma / C, color=color, linestyle=":", linewidth=1)


def draw_binder_tc(ax_inv, fits, samplers):
    """A star on the T axis at each distinct Binder-crossing Tc of a sampler."""
    drawn = set()
    for fit in fits:
        key = (fit["sampler"], fit["binder_Tc"], fit["binder_Tc_err"])
        if not math.isfinite(fit["binder_Tc"]) or key in drawn:
            continue
        drawn.add(key)
        index = samplers.index(fit["sampler"]) if fit["sampler"] in samplers else len(samplers)
        ax_inv.errorbar([fit["binder_Tc"]], [0.0], xerr=pc.clean_err([fit["binder_Tc_err"]]),
                        color=pc.sampler_color(fit["sampler"], index), marker="*",
                        markersize=11, linestyle="none", capsize=3, clip_on=False,
                        label=f"{fit['sampler']}: Binder crossing Tc = "
                              f"{pc.value_text(fit['binder_Tc'], fit['binder_Tc_err'])}")


def decorate(ax_chi, ax_inv, title):
    for ax in (ax_chi, ax_inv):
        ax.axvline(pc.ONSAGER_TC, color="k", linestyle="--", linewidth=1,
                   label="Onsager Tc (2D square)")
        ax.set_xlabel(pc.T_LABEL)
        ax.grid(alpha=0.3, which="both")
    ax_chi.set_yscale("log")
    ax_chi.set_ylabel("susceptibility per spin χ (1/J)")
    ax_chi.set_title(title, fontsize=10)
    ax_chi.legend(fontsize=8)
    ax_inv.axhline(0.0, color="gray", linewidth=0.5)
    ax_inv.set_ylabel("1 / χ (J)")
    ax_inv.set_title("1/χ: a straight line for Curie-Weiss (γ = 1); dotted: fit extrapolated",
                     fontsize=10)
    ax_inv.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.13))


def focus_inverse_axis(ax_inv, table, fits):
    """1/chi from 0 up to its largest value at or above the lowest fitted Tc: the paramagnetic
    side, where the law holds (the ordered side, with large 1/chi, would squash it)."""
    fitted_tc = [f["Tc"] for f in fits if math.isfinite(f["Tc"])]
    with np.errstate(divide="ignore", invalid="ignore"):
        inverse = 1.0 / table["chi"]
    above = np.isfinite(inverse) & (table["T"] >= (min(fitted_tc) if fitted_tc else -np.inf))
    if np.any(above):
        top = float(np.max(inverse[above]))
        ax_inv.set_ylim(min(0.0, ax_inv.get_ylim()[0]), 1.1 * top if top > 0 else None)


def plot_curie(table, fits, out):
    table, note = zero_field(table)
    fig, (ax_chi, ax_inv) = pc.plt.subplots(1, 2, figsize=(13, 5.2))
    draw_data(ax_chi, ax_inv, table)
    sizes = [int(L) for L in np.unique(table["L"])]
    samplers = pc.ordered_samplers(table["sampler"])
    for fit in fits:
        index = samplers.index(fit["sampler"]) if fit["sampler"] in samplers else len(samplers)
        draw_fit(ax_chi, ax_inv, fit, sizes, index)
    draw_binder_tc(ax_inv, fits, samplers)
    focus_inverse_axis(ax_inv, table, fits)
    name = os.path.basename(os.path.dirname(os.path.abspath(out)))
    decorate(ax_chi, ax_inv, f"{name}: χ = C / (T - Tc)^γ fitted above Tc{note}")
    pc.save_figure(fig, out, SCRIPT)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scan_csv", help="the scan.csv of an Ising scan")
    parser.add_argument("fit_json", help="the Curie fits (a JSON list of fit objects)")
    parser.add_argument("out_png", help="the PNG to write")
    args = parser.parse_args()
    for path in (args.scan_csv, args.fit_json):
        if not os.path.exists(path):
            print(f"{SCRIPT}: {path} not found", file=sys.stderr)
            sys.exit(2)
    table = pc.read_table(args.scan_csv, text_columns=("sampler",))
    lacking = pc.missing_columns(table, ("sampler", "L", "T", "chi"))
    if lacking or pc.row_count(table) == 0:
        pc.skip(SCRIPT, args.out_png, f"{args.scan_csv} lacks columns {lacking}" if lacking
                else f"{args.scan_csv} has no rows")
        return
    plot_curie(table, read_fits(args.fit_json), args.out_png)


if __name__ == "__main__":
    main()
