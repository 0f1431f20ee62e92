"""Shared helpers of the scripts/plots/ scripts: reading the CSV tables and JSON files that the
`spikewafer` commands write, a consistent style, and saving figures without half-written PNGs.

Reads nothing and writes nothing by itself; the plot_*.py scripts next to it import it.
Uses only Debian's python3-numpy and python3-matplotlib.
"""
import csv
import json
import math
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

ONSAGER_TC = 2.0 / math.log(1.0 + math.sqrt(2.0))  # 2.269 J, 2D square lattice
SAMPLER_COLORS = {"glauber": "tab:blue", "spiking": "tab:orange", "gibbs": "tab:blue",
                  "target": "tab:gray"}
SIZE_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
SIZE_LINESTYLES = ("-", "--", "-.", ":")
T_LABEL = "temperature T (units of J)"
H_LABEL = "field h (units of J)"
TIME_LABEL = "time (ms)"


def _number(text):
    """The float of a CSV cell; empty cells (and 'nan', '-nan') read as NaN."""
    text = text.strip()
    return float(text) if text else math.nan


def read_table(path, text_columns=()):
    """Reads a CSV file with a header line into {column: numpy array}.

    Columns named in text_columns stay strings (a state such as '0110' must not become 110);
    every other column becomes float64 where all its cells parse as numbers (empty = NaN),
    and stays a string array otherwise.
    """
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = [name.strip() for name in next(reader, [])]
        rows = [row for row in reader if row and any(cell.strip() for cell in row)]
    table = {}
    for i, name in enumerate(header):
        cells = [row[i].strip() if i < len(row) else "" for row in rows]
        table[name] = _column(cells, name in text_columns)
    return table


def _column(cells, as_text):
    if as_text:
        return np.array(cells, dtype=object)
    try:
        return np.array([_number(c) for c in cells], dtype=float)
    except ValueError:
        return np.array(cells, dtype=object)


def missing_columns(table, columns):
    """The names among columns that table lacks (an empty list when all are there)."""
    return [c for c in columns if c not in table]


def row_count(table):
    return len(next(iter(table.values()))) if table else 0


def select(table, mask):
    """The rows of table where mask is true."""
    return {name: values[mask] for name, values in table.items()}


def read_json(path):
    """A JSON file; null values are left as None (see number())."""
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def number(value):
    """A JSON value as a float: None, missing and text that is no number read as NaN."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def sampler_color(sampler, index=0):
    """glauber = tab:blue, spiking = tab:orange; other names take the rest of the colour cycle by
    their index among a figure's samplers (never glauber's or spiking's colour)."""
    return SAMPLER_COLORS.get(str(sampler).lower(), f"C{2 + index % 8}")


def size_marker(L, sizes):
    """The marker of lattice size L among all sizes of a figure (smallest L = circle)."""
    ordered = sorted(set(int(s) for s in sizes))
    return SIZE_MARKERS[ordered.index(int(L)) % len(SIZE_MARKERS)] if int(L) in ordered else "o"


def size_linestyle(L, sizes):
    ordered = sorted(set(int(s) for s in sizes))
    return SIZE_LINESTYLES[ordered.index(int(L)) % len(SIZE_LINESTYLES)] if int(L) in ordered \
        else "-"


def panel_title(sampler, L):
    """"spiking, L = 16" with a compared variant's settings below, one per line
    ("translation=open", "gauge=none"), so that titles side by side do not run into each
    other."""
    name, _, settings = sampler.partition("[")
    return "\n".join([f"{name}, L = {L}"] + settings.rstrip("]").split())


def ordered_samplers(names):
    """The distinct sampler names, glauber first, then spiking, then the rest alphabetically."""
    rank = {"glauber": 0, "spiking": 1}
    return sorted(set(str(n) for n in names), key=lambda n: (rank.get(n, 2), n))


def clean_err(err):
    """Error bars matplotlib accepts: NaN and negative errors drawn as none."""
    err = np.asarray(err, dtype=float)
    return np.where(np.isfinite(err) & (err > 0), err, 0.0)


def spread_indices(count, wanted):
    """Up to `wanted` indices into range(count), spread evenly from the first to the last."""
    if count <= wanted:
        return list(range(count))
    return sorted(set(int(round(i)) for i in np.linspace(0, count - 1, wanted)))


def nearest_value(values, target):
    """The element of values nearest target (the zero-field slice of a T x h grid)."""
    values = np.unique(np.asarray(values, dtype=float))
    return float(values[np.argmin(np.abs(values - target))])


def value_text(value, err=math.nan, unit=""):
    """'value ± err unit' with two significant digits of err ('value unit' without an error)."""
    unit = f" {unit}" if unit else ""
    if not math.isfinite(value):
        return f"n/a{unit}"
    if not (math.isfinite(err) and err > 0):
        return f"{value:.4g}{unit}"
    decimals = max(0, 1 - math.floor(math.log10(err)))
    if decimals > 6:
        return f"{value:.3g} ± {err:.2g}{unit}"
    return f"{value:.{decimals}f} ± {err:.{decimals}f}{unit}"


def save_figure(fig, path, script):
    """Saves fig as PNG (dpi 120, tight bbox) through a temporary file in the same folder and
    os.replace, so that no half-written PNG is ever left at path; closes fig; prints one line."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    temporary = os.path.join(folder, f".{os.path.basename(path)}.{os.getpid()}.tmp")
    try:
        fig.savefig(temporary, dpi=120, bbox_inches="tight", format="png")
        os.replace(temporary, path)
    finally:
        plt.close(fig)
        if os.path.exists(temporary):
            os.remove(temporary)
    print(f"{script}: wrote {path}")


def skip(script, what, why):
    """Prints why a plot is not drawn (the script goes on and exits 0)."""
    print(f"{script}: skipped {what}: {why}")
