"""The protocols from Python: the same library calls and files as the command line, with numpy
results. Kept tiny (a 4 x 4 lattice, short runs) so the suite stays fast."""

import numpy as np
import pytest

import spikewafer as sw

TINY_SCAN = """
[lattice]
kind = "square"
size = [4]
[scan]
T = { from = 1.5, to = 3.5, num = 3 }
h = { from = 0.0, to = 0.5, num = 2 }
replicas = 2
burn_in = 50
measure = 200
[sampler]
kind = "glauber"
seed = 3
"""

COLUMNS = ["sampler", "L", "point", "T", "h", "W", "b_f", "m", "m_err", "abs_m", "abs_m_err",
           "chi", "chi_err", "energy", "energy_err", "heat_capacity", "heat_capacity_err",
           "binder", "binder_err", "tau_int", "tau_int_err", "replicas", "samples"]


def test_ising_scan_returns_the_table(tmp_path):
    table = sw.ising_scan(TINY_SCAN, tmp_path / "scan")
    assert list(table) == COLUMNS
    assert all(column.shape == (6,) for column in table.values())
    assert table["sampler"].tolist() == ["glauber"] * 6
    assert table["L"].dtype == np.uint32 and set(table["L"]) == {4}
    assert sorted(table["point"].tolist()) == list(range(6))
    assert np.all((table["abs_m"] >= 0) & (table["abs_m"] <= 1))
    # The files are the command's: read back, scan.csv is the same table.
    again = sw.read_scan_csv(str(tmp_path / "scan" / "scan.csv"))
    np.testing.assert_array_equal(again["m"], table["m"])
    # A finished scan resumes to the same table without new work; a fresh one refuses.
    resumed = sw.ising_scan(TINY_SCAN, tmp_path / "scan", resume=True)
    np.testing.assert_array_equal(resumed["chi"], table["chi"])
    with pytest.raises(ValueError, match="resume"):
        sw.ising_scan(TINY_SCAN, tmp_path / "scan")


def test_ising_scan_is_reproducible_and_file_equals_text(tmp_path):
    path = tmp_path / "scan.toml"
    path.write_text(TINY_SCAN)
    lines = []
    a = sw.ising_scan(str(path), sampler="glauber", progress=lines.append)
    b = sw.ising_scan(TINY_SCAN)
    np.testing.assert_array_equal(a["energy"], b["energy"])
    assert any("scan" in line for line in lines)


def test_ising_scan_errors():
    with pytest.raises(ValueError, match="sampler 'metropolis'"):
        sw.ising_scan(TINY_SCAN, sampler="metropolis")
    with pytest.raises(ValueError, match="replicas"):
        sw.ising_scan(TINY_SCAN.replace("replicas = 2", "replicas = 0"))


NEURON = """
[neuron]
model = "IF_cond_exp"
dt = 0.1
params = { tau_refrac = 10.0, tau_syn_E = 10.0, tau_syn_I = 10.0 }
noise = { rate_E = 5000.0, weight_E = 0.002, rate_I = 5000.0, weight_I = 0.002 }
[calibration]
points = 21
replicas = 2
duration = 2000.0
"""


def test_calibrate_returns_the_fit_and_the_curve(tmp_path):
    path = tmp_path / "neuron.toml"
    path.write_text(NEURON)
    c = sw.calibrate(path, tmp_path / "cal")
    assert (tmp_path / "cal" / "activation.csv").exists()
    assert c["alpha"] > 0 and np.isfinite(c["u0"])
    curve = c["curve"]
    assert curve["p_on"].shape == (21,) and curve["bias"].dtype == np.float64
    assert curve["p_on"][0] < curve["p_on"][-1]  # more bias, more time on


def test_sample_returns_distribution_dkl_and_marginals(tmp_path):
    config = """
[target]
W = [[0.0, 0.5, -0.3], [0.5, 0.0, 0.2], [-0.3, 0.2, 0.0]]
b = [0.1, -0.4, 0.2]
[sampler]
duration = 3000.0
replicas = 2
calibration_duration = 1000.0
"""
    r = sw.sample(config, tmp_path / "sample")
    d = r["distribution"]
    assert d["state"].shape == (8, 3) and d["state"].dtype == np.uint8
    assert d["p_target"].sum() == pytest.approx(1.0)
    assert d["p_sampled"].sum() == pytest.approx(1.0)
    assert r["dkl"]["spiking"].size > 0 and np.all(r["dkl"]["spiking"] >= 0)
    assert r["marginals"]["sampled"].shape == (3,)
    assert r["samples"]["spiking"] > 0
    assert (tmp_path / "sample" / "distribution.csv").exists()
