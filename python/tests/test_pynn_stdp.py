"""pyNN.spikewafer: STDPMechanism with a SpikePairRule, as the engine's STDP: one pair at a
known interval against the closed form (additive and multiplicative), learned weights read back
through Projection.get and connections, reset() restoring the initial weights (PyNN's reset),
a weight set between runs, and the errors for what the engine cannot do. The engine API's
spikewafer.Stdp and Simulator.plastic_weights are tested alongside."""

import math

import numpy as np
import pytest

import spikewafer as sw

sim = pytest.importorskip("pyNN.spikewafer")


@pytest.fixture(autouse=True)
def fresh():
    yield
    sim.end()


def one_pair(weight_dependence, pre_time, drive_time, w0=0.5, **rule):
    """A SpikeSourceArray onto one IF_curr_exp through a plastic synapse; a second source
    makes the neuron fire once at about drive_time. Returns (projection, post spike time)."""
    sim.setup(timestep=0.1, min_delay=0.1, rng_seed=3)
    pre = sim.Population(1, sim.SpikeSourceArray(spike_times=[pre_time]))
    drive = sim.Population(1, sim.SpikeSourceArray(spike_times=[drive_time]))
    post = sim.Population(1, sim.IF_curr_exp(tau_syn_E=0.2, tau_refrac=2.0))
    post.record("spikes")
    stdp = sim.STDPMechanism(
        timing_dependence=sim.SpikePairRule(tau_plus=16.8, tau_minus=33.7, **rule),
        weight_dependence=weight_dependence, weight=w0, delay=1.0)
    prj = sim.Projection(pre, post, sim.OneToOneConnector(), stdp)
    sim.Projection(drive, post, sim.OneToOneConnector(), sim.StaticSynapse(weight=200.0, delay=0.1))
    sim.run(60.0)
    spikes = post.get_data().segments[0].spiketrains[0]
    assert len(spikes) == 1
    return prj, float(spikes[0])


def test_additive_pair_potentiates_by_the_closed_form():
    prj, t_post = one_pair(sim.AdditiveWeightDependence(w_min=0.0, w_max=2.0), 10.0, 20.0,
                           A_plus=0.05, A_minus=0.06)
    w = prj.get("weight", format="list", with_address=False)[0]
    assert w == pytest.approx(0.5 + 0.05 * 2.0 * math.exp(-(t_post - 10.0) / 16.8), abs=1e-6)


def test_multiplicative_pair_depresses_by_the_closed_form():
    prj, t_post = one_pair(sim.MultiplicativeWeightDependence(w_min=0.1, w_max=2.0), 40.0, 20.0,
                           A_plus=0.05, A_minus=0.06)
    w = prj.get("weight", format="array")[0, 0]
    assert w == pytest.approx(0.5 - 0.06 * (0.5 - 0.1) * math.exp(-(40.0 - t_post) / 33.7), abs=1e-6)
    assert prj[0].weight == pytest.approx(w)  # a connection reads the learned weight too


def test_reset_restores_the_initial_weights_and_a_set_weight_learns_on():
    prj, _ = one_pair(sim.AdditiveWeightDependence(w_max=2.0), 10.0, 20.0, A_plus=0.05, A_minus=0.0)
    assert prj.get("weight", format="array")[0, 0] > 0.5
    sim.reset()
    assert prj.get("weight", format="array")[0, 0] == pytest.approx(0.5)
    sim.run(60.0)
    learned = prj.get("weight", format="array")[0, 0]
    assert learned > 0.5
    prj.set(weight=1.0)
    sim.run(1.0)
    assert prj.get("weight", format="array")[0, 0] == pytest.approx(1.0)


def test_rule_parameters_are_readable_and_must_be_homogeneous():
    prj, _ = one_pair(sim.AdditiveWeightDependence(), 10.0, 20.0, A_plus=0.0, A_minus=0.5)
    a_plus, a_minus = prj.get(["A_plus", "A_minus"], format="array")
    assert a_plus[0, 0] == 0.0 and a_minus[0, 0] == 0.5
    sim.end()
    sim.setup(timestep=0.1)
    a = sim.Population(2, sim.SpikeSourcePoisson(rate=10.0))
    b = sim.Population(2, sim.IF_cond_exp())
    stdp = sim.STDPMechanism(
        timing_dependence=sim.SpikePairRule(A_plus=sim.RandomDistribution("uniform", (0.0, 0.1))),
        weight_dependence=sim.AdditiveWeightDependence(), weight=0.001)
    sim.Projection(a, b, sim.AllToAllConnector(), stdp)
    with pytest.raises(NotImplementedError, match="A_plus must be the same"):
        sim.run(1.0)


def test_engine_api_learns_per_replica():
    net = sw.Network(simulation=sw.SimulationSettings(dt=0.1, replicas=2, seed=4))
    net.populations.append(sw.Population(name="pre", size=5, model="SpikeSourcePoisson", rate=40.0))
    net.populations.append(sw.Population(name="drive", size=5, model="SpikeSourcePoisson", rate=40.0))
    post = sw.Population(name="post", size=5, model="IF_curr_exp")
    post.params.tau_syn_E = 0.2
    post.params.tau_refrac = 2.0
    net.populations.append(post)
    plastic = sw.Projection(source="pre", target="post", connector=sw.Connector.all_to_all(),
                            weight=0.5, delay=1.0,
                            stdp=sw.Stdp(enabled=True, dependence="multiplicative", A_plus=0.1,
                                         A_minus=0.1, w_max=1.0))
    net.projections.append(plastic)
    net.projections.append(sw.Projection(source="drive", target="post",
                                          connector=sw.Connector.one_to_one(), weight=200.0))
    s = sw.Simulator(net)
    s.run(500.0)
    w0, w1 = s.plastic_weights(0, replica=0), s.plastic_weights(0, replica=1)
    assert w0.shape == (25,) and np.all((w0 >= 0.0) & (w0 <= 1.0))
    assert not np.allclose(w0, 0.5) and not np.array_equal(w0, w1)
    with pytest.raises(ValueError, match="no stdp"):
        s.plastic_weights(1)
    learned = s.result().learned  # the same weights, with each synapse's ends
    assert len(learned) == 1 and learned[0]["projection"] == 0 and learned[0]["source"] == "pre"
    assert learned[0]["weight"].shape == (2, 25)
    np.testing.assert_array_equal(learned[0]["weight"][1], w1.astype(np.float32))
    np.testing.assert_array_equal(learned[0]["pre"], np.tile(np.arange(5), 5))  # all to all,
    np.testing.assert_array_equal(learned[0]["post"], np.repeat(np.arange(5), 5))  # by target
