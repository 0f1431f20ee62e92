"""wafer_map from Python: the same mapping and files as ``spikewafer wafer-map``, with numpy
tables; the same checks of its options."""

import json

import numpy as np
import pytest

import spikewafer as sw

NET = """
[simulation]
seed = 5
[populations.a]
size = 100
model = "IF_cond_exp"
[populations.b]
size = 100
model = "IF_cond_exp"
[[projections]]
source = "a"
target = "b"
connector = { kind = "fixed_probability", p = 0.1 }
weight = 0.004
delay = 1.0
[[projections]]
source = "b"
target = "a"
receptor = "inhibitory"
connector = { kind = "fixed_probability", p = 0.1 }
weight = 0.004
delay = 1.0
"""


def test_wafer_map_reports_like_the_command(tmp_path):
    r = sw.wafer_map(NET, tmp_path / "map", wafers=1)
    m = r["mapping"]
    assert m == json.loads((tmp_path / "map" / "mapping.json").read_text())
    for name in ("placement.csv", "chips.csv", "routes.csv", "projections.csv"):
        assert (tmp_path / "map" / name).exists(), name
    # The small network fits one chip without loss (docs/wafer.md).
    assert m["neurons_placed"] == 200 and m["hicanns_used"] == 1
    assert m["synapse_loss"] == 0.0 and m["synapses_realized"] == m["synapses_requested"]
    assert m["delays"] == "hardware" and m["delay_ms_min"] == pytest.approx(0.6841)
    p = r["placement"]
    assert p["neuron"].shape == (200,)
    assert p["population"].tolist() == [0] * 100 + [1] * 100
    # One slot each: an address is unique on its bus, and a bus serves its own blocks.
    slots = zip(p["hicann"].tolist(), p["block"].tolist(), p["address"].tolist())
    assert len(set(slots)) == 200
    assert r["chips"]["neurons"].sum() == 200 and r["chips"]["wafer"].shape == (384,)
    proj = r["projections"]
    np.testing.assert_array_equal(proj["realized"], proj["requested"])
    assert proj["requested"].sum() == m["synapses_requested"]


def test_wafer_map_takes_a_network_and_checks_options(tmp_path):
    net = sw.Network.from_toml(NET)
    r = sw.wafer_map(net, wafers=2, speedup=1e3, seed=7)
    assert r["mapping"]["wafers_available"] == 2
    assert r["mapping"]["delay_ms_min"] == pytest.approx(0.06841)
    # Bad options are the command's input errors, ValueErrors here.
    with pytest.raises(ValueError, match="1e3 to 1e5"):
        sw.wafer_map(net, speedup=10.0)
    with pytest.raises(ValueError, match="backbone"):
        sw.wafer_map(net, router="astar")
    with pytest.raises(ValueError, match="even"):
        sw.wafer_map(net, neuron_size=3)
    with pytest.raises(ValueError, match="1 to 472 neurons"):
        sw.wafer_map(net, neurons_per_chip=500)
    spread = sw.wafer_map(net, wafers=1, neuron_size=2, neurons_per_chip=50)
    assert spread["mapping"]["neurons_per_hicann"] == 50
    assert spread["chips"]["neurons"].max() <= 50
    with pytest.raises(ValueError, match="wafers"):
        sw.wafer_map(net, wafers=21)
