"""run() continues from the current time: several runs equal one long run. reset() returns to
t = 0 with the same connectivity and initial values, so the same spikes come again."""

import numpy as np

import spikewafer as sw
from conftest import noisy_network


def spikes(result):
    s = result.spikes
    return np.stack([s["time"], s["sender"], s["replica"]])


def test_split_runs_equal_one_run():
    net = noisy_network()
    whole = sw.Simulator(net)
    whole.run(150.0)
    pieces = sw.Simulator(net)
    for ms in (20.0, 0.0, 55.5, 74.5):
        pieces.run(ms)
    assert pieces.time_ms == whole.time_ms == 150.0
    a, b = whole.result(), pieces.result()
    assert a.spikes["time"].size > 100
    np.testing.assert_array_equal(spikes(a), spikes(b))
    np.testing.assert_array_equal(a.trace("exc", "v")["values"], b.trace("exc", "v")["values"])


def test_reset_gives_t0_and_the_same_spikes():
    sim = sw.Simulator(noisy_network())
    sim.run(100.0)
    first = sim.result()
    sim.reset()
    assert sim.time_ms == 0.0
    assert sim.result().spikes["time"].size == 0  # recordings are cleared
    sim.run(100.0)
    np.testing.assert_array_equal(spikes(first), spikes(sim.result()))


def test_same_seed_same_spikes_other_seed_other_spikes():
    a = sw.simulate(noisy_network(seed=3)).spikes
    b = sw.simulate(noisy_network(seed=3)).spikes
    c = sw.simulate(noisy_network(seed=4)).spikes
    np.testing.assert_array_equal(a["time"], b["time"])
    assert not np.array_equal(a["time"], c["time"])


def test_parameters_changed_between_simulators():
    net = noisy_network()
    slow = sw.simulate(net).spikes["time"].size
    net.population("exc").noise.rate_E = 4000.0  # a reference: changes the network
    fast = sw.simulate(net).spikes["time"].size
    assert fast > slow
