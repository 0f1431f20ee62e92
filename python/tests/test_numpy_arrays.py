"""What crosses the boundary is numpy: shapes and dtypes of results, states and connection lists,
and numpy input for per-neuron and per-replica values."""

import numpy as np
import pytest

import spikewafer as sw
from conftest import noisy_network


def test_result_arrays():
    sim = sw.Simulator(noisy_network(replicas=2))
    sim.run(100.0)
    r = sim.result()
    s = r.spikes
    n = s["time"].size
    assert n > 0
    assert s["time"].dtype == np.float64
    for key in ("population", "neuron", "sender", "replica"):
        assert s[key].dtype == np.uint32 and s[key].shape == (n,)
    assert np.all(np.diff(s["time"]) >= 0)  # sorted by time
    assert set(np.unique(s["replica"])) == {0, 1}

    v = r.trace("exc", "v")
    # One row per (replica, recorded neuron), one column per step from t = 0 to 100 ms
    # (sampling_interval 0).
    assert v["values"].dtype == np.float32 and v["values"].shape == (4, 1001)
    assert sorted(zip(v["replica"], v["neuron"])) == [(0, 0), (0, 5), (1, 0), (1, 5)]
    assert v["times"][1] - v["times"][0] == pytest.approx(0.1)
    assert np.all(v["values"] <= -50.0 + 1e-3)

    (rates,) = r.rates
    assert rates["rates"].dtype == np.float32 and rates["rates"].shape == (2, 10)
    assert rates["bin_ms"] == 10.0
    assert r.summary["neurons"] == 100 and r.summary["replicas"] == 2


def test_refractory_states_round_trip():
    sim = sw.Simulator(noisy_network(replicas=3))
    assert sim.neurons == 100 and sim.replicas == 3
    z = np.zeros((3, 100), dtype=np.uint8)
    z[1, ::7] = 1
    sim.set_refractory_states(z)
    got = sim.refractory_states()
    assert got.dtype == np.uint8 and got.shape == (3, 100)
    np.testing.assert_array_equal(got, z)
    with pytest.raises(ValueError, match="replicas x neurons"):
        sim.set_refractory_states(np.zeros(5))


def test_per_neuron_values_and_connection_lists():
    net = sw.Network()
    pop = net.add_population(name="a", size=4, model="IF_curr_exp")
    pop.i_offset_per_neuron = np.array([0.0, 1.0, 2.0, 3.0], dtype=np.float32)
    assert pop.i_offset_per_neuron.dtype == np.float64
    np.testing.assert_array_equal(pop.i_offset_per_neuron, [0, 1, 2, 3])
    pop.record.v = np.arange(4)
    assert pop.record.v.dtype == np.uint32

    c = sw.Connector.from_list(pre=np.array([0, 1, 2]), post=[1, 2, 3], weight=0.5,
                               delay=np.array([1.0, 2.0, 3.0]))
    assert c.list.shape == (3, 4) and c.list.dtype == np.float64
    np.testing.assert_array_equal(c.list[:, 3], [1.0, 2.0, 3.0])
    c.list = np.array([[3, 0, 0.1, 0.2]])
    assert c.list.shape == (1, 4)

    with pytest.raises(ValueError, match="whole number"):
        pop.record.v = [-1]
    with pytest.raises(ValueError, match="1-D"):
        pop.i_offset_per_neuron = np.zeros((2, 2))


def test_dense_matrix_and_spike_sources():
    net = sw.Network()
    stim = net.add_population(name="stim", size=2, model="SpikeSourceArray")
    stim.spike_times = [np.array([1.0, 5.0]), [3.0]]
    assert [t.tolist() for t in stim.spike_times] == [[1.0, 5.0], [3.0]]
    stim.spike_times = np.array([2.0, 4.0])  # one list shared by all neurons
    assert len(stim.spike_times) == 1
    net.add_population(name="out", size=3, model="IF_curr_exp", record=["spikes"])
    w = np.zeros((2, 3))
    w[0, 1] = 20.0
    net.add_projection(source="stim", target="out", connector=sw.Connector.dense_matrix(w),
                       delay=1.0)
    np.testing.assert_array_equal(net.projections[0].connector.matrix, w.ravel())
    times, neurons = sw.simulate(net).spikes_of("out")
    # Only the target of the one non-zero entry fires, and only after the 1 ms delay.
    assert neurons.size > 0 and set(neurons.tolist()) == {1} and times.min() > 3.0
