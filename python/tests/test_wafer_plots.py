"""The wafer-map plots (scripts/plots/plot_wafer.py) of a large mapping: hundreds of projections
(beyond 40 the loss plot sorts them by loss without names: a bar wide each, the figure exceeded
matplotlib's 2^16 pixels and the script failed) and 10^5 routed hops."""
import csv
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "scripts", "plots", "plot_wafer.py")


def write(path, header, rows):
    with open(path, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(header)
        out.writerows(rows)


def large_report(folder, projections, hops):
    chips = [(0, x + 36 * y, x, y, 59, 0.5, 100, 160) for y in range(4, 12) for x in range(4, 32)]
    write(os.path.join(folder, "chips.csv"),
          ["wafer", "hicann", "x", "y", "neurons", "neuron_utilisation", "drivers_used",
           "l1_lines_used"], chips)
    write(os.path.join(folder, "routes.csv"), ["wafer", "bus", "from_x", "from_y", "to_x", "to_y"],
          [(0, i % 384, 4 + i % 27, 4 + i % 8, 5 + i % 27, 4 + i % 8) for i in range(hops)])
    write(os.path.join(folder, "projections.csv"),
          ["projection", "requested", "realized", "no_route", "no_driver", "no_address", "loss"],
          [(f"c{p}->c{p + 1}[{p}]", 1000, 1000 - p % 7, p % 3, p % 5 and 1, 0, (p % 7) / 1000)
           for p in range(projections)])


def test_a_large_mapping_is_plotted(tmp_path):
    large_report(str(tmp_path), projections=768, hops=100000)
    done = subprocess.run(["/usr/bin/python3", SCRIPT, str(tmp_path)], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for name in ("utilisation_wafer_0.png", "routes_wafer_0.png", "loss_per_projection.png"):
        assert os.path.getsize(tmp_path / name) > 0, name
