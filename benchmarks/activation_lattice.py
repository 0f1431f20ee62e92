#!/usr/bin/python3
"""What the sampling neuron's measured activation alone does to the Ising lattice (issue 23).

Reads DIR/tails.csv of benchmarks/activation_tails.py (the measured log-odds f(b) of an
unconnected sampling neuron against its bias b) and runs heat-bath dynamics on the 16 x 16
lattice in the sublattice gauge (the network's form: couplings -W, biases +2W, W = 4 / T, h = 0)
twice per temperature: with the logistic (Glauber: the target) and with the measured activation
in its place, p(z = 1) = logistic(f(a x)) for the target's log-odds x, i.e. a LIF sampler whose
PSPs were perfect and whose only error is the activation's shape. a is a weight factor like the
closed loop's (1: the open translation). Prints, per T and a, the energy per spin and |m| of both
and their differences; writes DIR/activation-lattice.csv.

    /usr/bin/python3 benchmarks/activation_lattice.py DIR [--factors 1,0.98,0.96,0.94]
"""
import argparse
import csv
from pathlib import Path

import numpy as np

L = 16
SWEEPS, BURN_IN = 12000, 2000


def measured_activation(path: Path):
    rows = [r for r in path.read_text().splitlines() if not r.startswith("#")]
    table = list(csv.DictReader(rows))
    b = np.array([float(r["b"]) for r in table])
    logit = np.array([float(r["logit_measured"]) for r in table])
    err = np.array([float(r["logit_err"]) for r in table])
    ok = np.isfinite(logit) & (err < 0.5)
    return lambda x: np.interp(x, b[ok], logit[ok])


def heat_bath(temperature, activation, rng):
    """Energy per spin and |m| (spins read back with sublattice B flipped), means over sweeps."""
    w = 4.0 / temperature
    a_sites = np.indices((L, L)).sum(axis=0) % 2 == 0
    z = (rng.random((L, L)) < 0.5).astype(float)
    energies, magnetisations = [], []
    for sweep in range(SWEEPS):
        for sites in (a_sites, ~a_sites):
            n = sum(np.roll(z, s, axis) for s in (1, -1) for axis in (0, 1))
            p = 1.0 / (1.0 + np.exp(-activation(2.0 * w - w * n)))
            z = np.where(sites, (rng.random((L, L)) < p).astype(float), z)
        if sweep >= BURN_IN:
            spin = np.where(a_sites, 2.0 * z - 1.0, 1.0 - 2.0 * z)
            bonds = spin * np.roll(spin, 1, 0) + spin * np.roll(spin, 1, 1)
            energies.append(-bonds.mean())
            magnetisations.append(abs(spin.mean()))
    return float(np.mean(energies)), float(np.mean(magnetisations))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--factors", default="1,0.98,0.96,0.94")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    f = measured_activation(args.dir / "tails.csv")
    rng = np.random.default_rng(args.seed)
    factors = [float(a) for a in args.factors.split(",")]
    out = ["T,factor,glauber_energy,glauber_abs_m,energy,abs_m,d_energy,d_abs_m"]
    print(f"# {L} x {L}, h = 0, {SWEEPS - BURN_IN} sweeps measured after {BURN_IN}")
    for temperature in (1.5, 1.7, 1.9, 2.1, 2.3, 2.5, 2.7, 3.0, 3.5):
        e0, m0 = heat_bath(temperature, lambda x: x, rng)
        for a in factors:
            e, m = heat_bath(temperature, lambda x, a=a: f(a * x), rng)
            out.append(f"{temperature},{a},{e0:.4f},{m0:.4f},{e:.4f},{m:.4f},{e - e0:+.4f},"
                       f"{m - m0:+.4f}")
            print(out[-1], flush=True)
    (args.dir / "activation-lattice.csv").write_text("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
