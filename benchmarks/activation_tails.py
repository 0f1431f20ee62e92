"""Is the sampling neuron's activation logistic in its tails? (issue 23, step 1)

Calibrates a sampling neuron as `spikewafer calibrate` does (logistic fit over the transition),
then measures p(z = 1) of unconnected neurons at biases b far beyond the fitted range
(I = i0 + alpha_i b, b from -8 to 8) and prints the measured log-odds against b, the logistic's.
A lattice at T = 1.5 asks the translation for log-odds of -5.3 to +5.3.

    .venv/bin/python benchmarks/activation_tails.py --out DIR [NEURON.toml] [--seconds S]

The default neuron is examples/neuron.toml (the sampling default). Writes DIR/tails.csv: b, the
measured p and its error (the spread over the K neurons of each b), the measured and the
logistic's log-odds, and the neurons' mean free potential u = u0 + alpha b with the
conductances' driving forces there; and DIR/tails.png (drawn by Debian's Python, which has
matplotlib: this file again with --plot DIR).
"""

from __future__ import annotations

import argparse
import math
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent


def neuron_values(path: Path) -> dict:
    """The [neuron] table of a NEURON.toml merged over the sampling defaults."""
    import tomllib
    neuron = tomllib.loads(path.read_text()).get("neuron", {})
    params = {"cm": 0.2, "tau_m": 0.1, "v_rest": -65.0, "v_thresh": -52.0, "v_reset": -53.0,
              "tau_refrac": 10.0, "tau_syn_E": 10.0, "tau_syn_I": 10.0, "e_rev_E": 0.0,
              "e_rev_I": -90.0}
    params.update(neuron.get("params", {}))
    noise = {"rate_E": 5000.0, "weight_E": 0.002, "rate_I": 5000.0, "weight_I": 0.002}
    noise.update(neuron.get("noise", {}))
    return {"model": neuron.get("model", "IF_cond_exp"), "dt": neuron.get("dt", 0.1),
            "params": params, "noise": noise}


def plot(out: Path) -> None:
    """tails.png: measured log-odds against b, the logistic, and the lattice's ranges."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    t = np.genfromtxt(out / "tails.csv", delimiter=",", names=True, skip_header=2)
    ok = np.isfinite(t["logit_measured"]) & (t["logit_err"] < 1.0)
    fig, ax = plt.subplots(figsize=(6.4, 4.8))
    ax.plot(t["b"], t["b"], "k-", lw=1, label="logistic (the translation's model)")
    ax.errorbar(t["b"][ok], t["logit_measured"][ok], yerr=t["logit_err"][ok], fmt="o", ms=4,
                label="measured (64 neurons x 60 s per b)")
    for temperature, colour in ((3.5, "tab:green"), (2.269, "tab:orange"), (1.5, "tab:red")):
        reach = 8.0 / temperature  # the gauge's conditionals: mid +- 2W, W = 4 / T
        ax.axvspan(-reach, reach, color=colour, alpha=0.08)
        ax.axvline(-reach, color=colour, lw=0.8, ls="--", label=f"lattice's range at T = {temperature:g}")
    ax.set_xlabel("bias b (I = i0 + alpha_i b)")
    ax.set_ylabel("log-odds of p(z = 1)")
    ax.set_title("Sampling neuron: activation in its tails")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(out / "tails.png", dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("neuron", nargs="?", default=str(REPO / "examples/neuron.toml"))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--plot", action="store_true", help="draw DIR/tails.png only")
    parser.add_argument("--seconds", type=float, default=60.0, help="emulated s per neuron")
    parser.add_argument("--copies", type=int, default=64, help="neurons per bias value")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.plot:
        plot(args.out)
        return

    import spikewafer as sw
    args.out.mkdir(parents=True, exist_ok=True)
    lines = []
    with tempfile.TemporaryDirectory() as out:
        cal = sw.calibrate(args.neuron, out)
    lines.append(f"# calibration: u0 {cal['u0']:.3f} mV, alpha {cal['alpha']:.4f} mV, "
          f"i0 {cal['i0']:.5f} nA, alpha_i {cal['alpha_i']:.6f} nA")

    n = neuron_values(Path(args.neuron))
    biases = np.arange(-8.0, 8.01, 0.5)
    net = sw.Network()
    net.simulation.dt = n["dt"]
    net.simulation.seed = args.seed
    size = biases.size * args.copies
    net.add_population(name="n", size=size, model=n["model"], params=n["params"],
                       noise=n["noise"], record=["spikes"])
    net.population("n").i_offset_per_neuron = np.repeat(cal["i0"] + cal["alpha_i"] * biases,
                                                        args.copies)
    sim = sw.Simulator(net)
    duration = args.seconds * 1000.0
    sim.run(duration)
    per_neuron = np.bincount(sim.result().spikes["neuron"], minlength=size)
    counts = per_neuron.reshape(biases.size, args.copies)

    window = n["params"]["tau_refrac"] + n["dt"]  # the state window (docs/models.md)
    exposure = duration * args.copies
    lines.append(f"# {args.copies} neurons x {args.seconds:g} s per bias; z = 1 for {window:g} ms "
          "after a spike; errors: the spread over the neurons of one b")
    lines.append("b,spikes,p_on,p_on_err,logit_measured,logit_err,logit_logistic,u_mV,"
          "drive_E_mV,drive_I_mV")
    u0, alpha = cal["u0"], cal["alpha"]
    for b, c in zip(biases, counts):
        p = c.sum() * window / exposure
        p_err = max(c.std(ddof=1), 1.0) / math.sqrt(c.size) * window / duration
        if 0 < p < 1:
            logit = math.log(p / (1 - p))
            logit_err = p_err / (p * (1 - p))
        else:
            logit, logit_err = float("nan"), float("nan")
        u = u0 + alpha * b
        lines.append(f"{b:.1f},{c.sum()},{p:.6f},{p_err:.6f},{logit:.3f},{logit_err:.3f},{b:.3f},{u:.3f},"
              f"{n['params']['e_rev_E'] - u:.3f},{u - n['params']['e_rev_I']:.3f}")
    (args.out / "tails.csv").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    # The plot needs matplotlib, which Debian's Python has and the virtual environment has not.
    subprocess.run(["/usr/bin/python3", __file__, "--plot", "--out", str(args.out)], check=True)


if __name__ == "__main__":
    main()
