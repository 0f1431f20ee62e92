"""Stochastic synapses from Python: the engine API's Projection.release_probability and
from_list's per-connection release probabilities, and pyNN.spikewafer's SimpleStochasticSynapse
with a probability per connection. A regular train of 300 spikes: a synapse of probability 0
passes none, one of 1 all, one of 0.3 about 90 (binomial sd 8)."""

import numpy as np
import pytest

import spikewafer as sw

SPIKES = 300


def train():
    return 2.5 + 5.0 * np.arange(SPIKES)


def test_release_probabilities_of_a_list_and_of_a_projection():
    c = sw.Connector.from_list(pre=[0, 0, 0], post=[0, 1, 2], weight=50.0, delay=1.0,
                               release_probability=[0.0, 0.3, 1.0])
    np.testing.assert_array_equal(c.release_probability, [0.0, 0.3, 1.0])
    net = sw.Network()
    src = net.add_population(name="src", size=1, model="SpikeSourceArray")
    src.spike_times = train()
    out = net.add_population(name="out", size=3, model="IF_curr_exp", record=["spikes"])
    out.params.tau_refrac = 4.0
    out.params.tau_syn_E = 0.5
    net.add_projection(source="src", target="out", connector=c)
    assert net.projections[0].release_probability == 1.0
    net.simulation.duration = 5.0 * SPIKES + 5.0
    _, neurons = sw.simulate(net).spikes_of("out")
    counts = np.bincount(neurons, minlength=3)
    # Each arriving spike makes its target fire once (a 0.5 ms PSC of 50 nA, 4 ms refractory).
    assert counts[0] == 0 and counts[2] == SPIKES
    assert abs(counts[1] - 0.3 * SPIKES) < 4.5 * np.sqrt(SPIKES * 0.21)

    # The projection's probability multiplies the connections' own.
    net.projections[0].release_probability = 0.5
    _, neurons = sw.simulate(net).spikes_of("out")
    counts = np.bincount(neurons, minlength=3)
    assert abs(counts[2] - 0.5 * SPIKES) < 4.5 * np.sqrt(SPIKES * 0.25)

    net.projections[0].release_probability = 1.5
    with pytest.raises(ValueError, match=r"projections\[0\]\.release_probability"):
        sw.Simulator(net)
    with pytest.raises(ValueError, match="one per connection"):
        c.release_probability = [0.5, 0.5]


def test_pynn_simple_stochastic_synapse_with_a_probability_per_connection():
    sim = pytest.importorskip("pyNN.spikewafer")
    try:
        sim.setup(timestep=0.1, min_delay=0.5, rng_seed=7)
        source = sim.Population(1, sim.SpikeSourceArray(spike_times=train()))
        neurons = sim.Population(3, sim.IF_curr_exp(tau_refrac=4.0, tau_syn_E=0.5))
        neurons.record("spikes")
        synapse = sim.SimpleStochasticSynapse(weight=50.0, delay=1.0,
                                              p=np.array([[0.0, 0.3, 1.0]]))
        prj = sim.Projection(source, neurons, sim.AllToAllConnector(), synapse)
        np.testing.assert_allclose(prj.get("p", format="array"), [[0.0, 0.3, 1.0]])
        sim.run(5.0 * SPIKES + 5.0)
        counts = [len(t) for t in neurons.get_data().segments[0].spiketrains]
        assert counts[0] == 0 and counts[2] == SPIKES
        assert abs(counts[1] - 0.3 * SPIKES) < 4.5 * np.sqrt(SPIKES * 0.21)
    finally:
        sim.end()
