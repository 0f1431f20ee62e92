#!/usr/bin/python3
"""Activation function of a sampling neuron: reads DIR/activation.csv and DIR/calibration.json.

DIR/activation.csv has the columns bias (the mean free membrane potential, mV), p_on, p_on_err:
the fraction of time the neuron is refractory ("on") at each bias. DIR/calibration.json holds
the logistic fit p_on(u) = 1 / (1 + exp(-(u - u0) / alpha)) as u0, alpha, u0_err, alpha_err
(mV) and residual (the RMS of p_on - fit).
Writes DIR/activation.png: the data with error bars and the fitted logistic, the residuals
(data - fit) in a panel below, the fit values in the legend. Without calibration.json only
the data is drawn (a printed note says so). Exit 2 when DIR/activation.csv does not exist.

Usage: /usr/bin/python3 scripts/plots/plot_activation.py DIR
"""
import argparse
import math
import os
import sys

import numpy as np

import plot_common as pc

SCRIPT = "plot_activation"


def logistic(u, u0, alpha):
    return 1.0 / (1.0 + np.exp(-(np.asarray(u, dtype=float) - u0) / alpha))


def read_fit(path):
    """(u0, alpha, u0_err, alpha_err, residual) from calibration.json, or None (with a note)."""
    if not os.path.exists(path):
        print(f"{SCRIPT}: {path} not found; drawing the data without a fit")
        return None
    values = pc.read_json(path)
    fit = {key: pc.number(values.get(key)) for key in ("u0", "alpha", "u0_err", "alpha_err",
                                                        "residual")}
    if not (math.isfinite(fit["u0"]) and math.isfinite(fit["alpha"]) and fit["alpha"] != 0):
        print(f"{SCRIPT}: {path} has no finite u0 and alpha; drawing the data without a fit")
        return None
    return fit


def fit_label(fit):
    label = (f"logistic fit: u0 = {pc.value_text(fit['u0'], fit['u0_err'], 'mV')},\n"
             f"α = {pc.value_text(fit['alpha'], fit['alpha_err'], 'mV')}")
    if math.isfinite(fit["residual"]):
        label += f", RMS residual = {fit['residual']:.2g}"
    return label


def draw_data(ax, table):
    order = np.argsort(table["bias"])
    ax.errorbar(table["bias"][order], table["p_on"][order],
                yerr=pc.clean_err(table.get("p_on_err", np.zeros(len(order)))[order]),
                color=pc.sampler_color("spiking"), marker="o", markersize=4, linestyle="none",
                capsize=2, label="measured p_on")


def draw_fit(ax_fit, ax_res, table, fit):
    bias = table["bias"]
    u = np.linspace(np.nanmin(bias), np.nanmax(bias), 400)
    ax_fit.plot(u, logistic(u, fit["u0"], fit["alpha"]), color="k", linewidth=1.2,
                label=fit_label(fit))
    ax_fit.axvline(fit["u0"], color="gray", linestyle=":", linewidth=1)
    residual = table["p_on"] - logistic(bias, fit["u0"], fit["alpha"])
    err = pc.clean_err(table.get("p_on_err", np.zeros(len(bias))))
    ax_res.errorbar(bias, residual, yerr=err, color=pc.sampler_color("spiking"), marker="o",
                    markersize=3, linestyle="none", capsize=2)
    ax_res.axhline(0.0, color="k", linewidth=0.8)
    ax_res.set_ylabel("data - fit")
    ax_res.grid(alpha=0.3)


def plot_activation(table, fit, directory):
    if fit is None:
        fig, ax_fit = pc.plt.subplots(figsize=(7, 4.5))
        ax_bottom = ax_fit
    else:
        fig, (ax_fit, ax_bottom) = pc.plt.subplots(
            2, 1, figsize=(7, 6.5), sharex=True, gridspec_kw={"height_ratios": [3, 1]})
        draw_fit(ax_fit, ax_bottom, table, fit)
    draw_data(ax_fit, table)
    ax_fit.set_ylabel("p_on (fraction of time refractory)")
    ax_fit.set_ylim(-0.05, 1.05)
    ax_fit.grid(alpha=0.3)
    ax_fit.legend(fontsize=8, loc="upper left")
    ax_bottom.set_xlabel("bias: mean free membrane potential u (mV)")
    name = os.path.basename(os.path.abspath(directory))
    ax_fit.set_title(f"{name}: activation function of a sampling neuron")
    pc.save_figure(fig, os.path.join(directory, "activation.png"), SCRIPT)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", help="the calibration output folder (holds activation.csv)")
    args = parser.parse_args()
    path = os.path.join(args.dir, "activation.csv")
    if not os.path.exists(path):
        print(f"{SCRIPT}: {path} not found", file=sys.stderr)
        sys.exit(2)
    table = pc.read_table(path)
    lacking = pc.missing_columns(table, ("bias", "p_on"))
    if lacking or pc.row_count(table) == 0:
        pc.skip(SCRIPT, os.path.join(args.dir, "activation.png"),
                f"{path} lacks columns {lacking}" if lacking else f"{path} has no rows")
        return
    plot_activation(table, read_fit(os.path.join(args.dir, "calibration.json")), args.dir)


if __name__ == "__main__":
    main()
