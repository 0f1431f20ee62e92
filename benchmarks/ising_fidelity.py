#!/usr/bin/python3
"""How closely each spiking sampler of a scan follows Glauber dynamics on the same grid.

    benchmarks/ising_fidelity.py DIR/scan.csv [--out DIR/fidelity.md]

For every sampler (or [compare] variant) other than glauber, and every L, against Glauber's row
of the same (L, T, h): the largest and the mean |difference| of m, |m| and the energy per spin;
at h = 0 the mean signed m above Tc (a symmetric sampler gives 0); the temperature where
chi peaks (Glauber's and the sampler's); and the crossing of the Binder cumulants of the two
smallest L with its statistical error (the cumulants redrawn within their errors), against
Onsager's Tc = 2 / ln(1 + sqrt 2) = 2.269. Below Tc at h = 0 the signed m
is decided by which sign each replica orders in, for Glauber as for any sampler, so the table
compares |m| there and reports m's difference over the other points.
"""
import argparse
import csv
import math
import random
import sys
from collections import defaultdict

ONSAGER_TC = 2.0 / math.log(1.0 + math.sqrt(2.0))


def read(path):
    rows = defaultdict(dict)  # sampler -> (L, T, h) -> row
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            key = (int(r["L"]), round(float(r["T"]), 9), round(float(r["h"]), 9))
            rows[r["sampler"]][key] = {k: float(v) for k, v in r.items()
                                      if k not in ("sampler",)}
    return rows


def binder_crossing(rows, h, sizes, noise=None):
    """T where the Binder cumulants of the two smallest L cross at field h (linear between grid
    points): from the hot side, the first change of sign that holds for two grid points (or to
    the cold end), as `binder_crossing` in host/ising/curie_fit.cpp (deep in the ordered phase
    both cumulants sit at 2/3, far above Tc both near 0, and noise crosses them at random there,
    a point at a time). None if there is none. With `noise` (a random.Random), each cumulant is
    redrawn within its binder_err first."""
    if len(sizes) < 2:
        return None
    a, b = sizes[0], sizes[1]
    Ts = sorted((T for (L, T, hh) in rows if L == a and hh == h and (b, T, hh) in rows),
                reverse=True)
    value = lambda r: r["binder"] + (noise.gauss(0.0, r["binder_err"]) if noise else 0.0)
    d = [value(rows[(a, T, h)]) - value(rows[(b, T, h)]) for T in Ts]
    sign = lambda x: (x > 0) - (x < 0)
    hot = next((sign(x) for x in d if x != 0), 0)
    for u in range(len(d) - 1):
        if sign(d[u]) == -hot:
            continue
        if sign(d[u + 1]) == -hot and (u + 2 == len(d) or sign(d[u + 2]) == -hot):
            return Ts[u] + (Ts[u + 1] - Ts[u]) * d[u] / (d[u] - d[u + 1])
    return None


def crossing_error(rows, h, sizes, redraws=2000):
    """The crossing's statistical error: its standard deviation over `redraws` redraws of every
    cumulant within its binder_err (normal, fixed seed), and the fraction of redraws that
    cross at all; as curie-fit's binder_crossing_err (host/ising/curie_fit.cpp)."""
    noise = random.Random(20261207)
    found = [T for T in (binder_crossing(rows, h, sizes, noise) for _ in range(redraws))
             if T is not None]
    if len(found) < 2:
        return None, len(found) / redraws
    mean = sum(found) / len(found)
    return (math.sqrt(sum((T - mean) ** 2 for T in found) / (len(found) - 1)),
            len(found) / redraws)


def chi_peak(rows, L, h):
    """(grid T, interpolated T) of chi's peak. The grid T is chi's largest value coming down from
    the hottest T until chi falls to half of it (as curie-fit takes it: a chain trapped in a
    stripe deep in the ordered phase can have a larger chi than the critical peak, and noise
    makes small bumps on the hot side). The interpolated T is the vertex of a parabola fitted
    through that point and its grid neighbours (a broad peak's top is flat within the errors of
    8 replicas, so which grid point is largest is partly chance; a grid step is 4% of Tc)."""
    points = sorted(((T, r["chi"]) for (LL, T, hh), r in rows.items() if LL == L and hh == h),
                    reverse=True)
    if not points:
        return None
    best = 0
    for k in range(1, len(points)):
        if points[k][1] < 0.5 * points[best][1]:
            break
        if points[k][1] > points[best][1]:
            best = k
    T = points[best][0]
    if 0 < best < len(points) - 1:
        (x0, y0), (x1, y1), (x2, y2) = points[best - 1], points[best], points[best + 1]
        # Vertex of the parabola through three points.
        denom = (x0 - x1) * (x0 - x2) * (x1 - x2)
        a = (x2 * (y1 - y0) + x1 * (y0 - y2) + x0 * (y2 - y1)) / denom
        b = (x2 * x2 * (y0 - y1) + x1 * x1 * (y2 - y0) + x0 * x0 * (y1 - y2)) / denom
        if a < 0:
            return T, min(max(-b / (2 * a), x2), x0)
    return T, T


def report(rows):
    glauber = rows.get("glauber")
    if not glauber:
        sys.exit("ising_fidelity.py: the scan has no glauber rows to compare with")
    sizes = sorted({L for (L, _, _) in glauber})
    fields = sorted({h for (_, _, h) in glauber})
    h0 = min(fields, key=abs)
    lines = ["# Spiking samplers against Glauber dynamics", ""]
    lines.append("| sampler | L | max \\|dm\\| (mean) | max \\|d\\|m\\|\\| (mean) | max \\|de\\| (mean) "
                 "| mean m at h = 0, T > Tc | chi peak T: grid, parabola (Glauber's) |")
    lines.append("|---|---|---|---|---|---|---|")
    crossings = []
    for sampler in sorted(s for s in rows if s != "glauber"):
        mine = rows[sampler]
        for L in sizes:
            dm, dabs, de, above = [], [], [], []
            for key, g in glauber.items():
                if key[0] != L or key not in mine:
                    continue
                s = mine[key]
                ordered_h0 = key[2] == h0 and key[1] < ONSAGER_TC
                if not ordered_h0:
                    dm.append(abs(s["m"] - g["m"]))
                dabs.append(abs(s["abs_m"] - g["abs_m"]))
                de.append(abs(s["energy"] - g["energy"]))
                if key[2] == h0 and key[1] > ONSAGER_TC:
                    above.append(s["m"])
            if not de:
                continue
            stat = lambda v: "%.3f (%.3f)" % (max(v), sum(v) / len(v)) if v else "-"
            mean_above = "%+.3f" % (sum(above) / len(above)) if above else "-"
            peak = chi_peak(mine, L, h0)
            gpeak = chi_peak(glauber, L, h0)
            text = lambda p: "%.2f, %.2f" % p if p else "-"
            lines.append("| %s | %d | %s | %s | %s | %s | %s (%s) |" % (
                sampler, L, stat(dm), stat(dabs), stat(de), mean_above, text(peak), text(gpeak)))
        crossings.append((sampler, binder_crossing(mine, h0, sizes)))
    crossings.append(("glauber", binder_crossing(glauber, h0, sizes)))
    lines += ["", "Binder cumulants of L = %s cross at h = %g (Onsager: Tc = %.4f):" % (
        " and ".join(str(L) for L in sizes[:2]), h0, ONSAGER_TC), ""]
    for sampler, T in crossings:
        if T is None:
            lines.append("- %s: no crossing on the grid" % sampler)
            continue
        err, crossed = crossing_error(rows[sampler], h0, sizes)
        spread = "" if err is None else " +- %.3f" % err
        lines.append("- %s: T = %.3f%s (%+.1f%% from Onsager's; statistical error from the "
                     "cumulants' errors, %.0f%% of redraws cross)" % (
                         sampler, T, spread, 100.0 * (T - ONSAGER_TC) / ONSAGER_TC, 100 * crossed))
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scan_csv")
    parser.add_argument("--out", help="also write the report here (Markdown)")
    args = parser.parse_args()
    try:
        rows = read(args.scan_csv)
    except (OSError, KeyError, ValueError) as e:
        sys.exit("ising_fidelity.py: cannot read %s as a scan table: %s" % (args.scan_csv, e))
    text = report(rows)
    sys.stdout.write(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
