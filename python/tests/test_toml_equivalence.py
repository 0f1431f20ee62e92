"""A network built from Python is the same network as its NET.toml: the same spikes and traces
through the same engine (the Python types are the C++ description, not a copy of it)."""

import numpy as np

import spikewafer as sw


def build_examples_network_by_hand():
    """examples/network.toml, written out in Python."""
    net = sw.Network()
    net.simulation = sw.SimulationSettings(dt=0.1, duration=200.0, seed=7, replicas=1)
    params = dict(tau_m=20.0, cm=0.2, v_rest=-60.0, v_thresh=-50.0, v_reset=-60.0, tau_refrac=5.0,
                  tau_syn_E=5.0, tau_syn_I=10.0, e_rev_E=0.0, e_rev_I=-80.0, i_offset=0.0)
    net.add_population(name="exc", size=800, model="IF_cond_exp", params=params,
                       initial=sw.InitialValues(v=sw.Distribution.uniform(-60.0, -50.0)),
                       noise=dict(rate_E=2000.0, weight_E=0.002, rate_I=500.0, weight_I=0.004),
                       record=["spikes", "v"])
    net.add_population(name="inh", size=200, model=sw.Model.IF_cond_exp, params=params,
                       record=["spikes"])
    net.add_projection(source="exc", target="inh", receptor="excitatory",
                       connector=sw.Connector.fixed_probability(0.02, allow_self=False),
                       weight=0.004, delay=0.1)
    return net


def test_hand_built_network_matches_the_toml_file(examples):
    from_file = sw.Network.load(str(examples / "network.toml"))
    from_file.simulation.duration = 200.0
    by_hand = build_examples_network_by_hand()
    a, b = sw.simulate(from_file), sw.simulate(by_hand)
    assert a.spikes["time"].size > 100
    for key in ("time", "population", "neuron", "replica"):
        np.testing.assert_array_equal(a.spikes[key], b.spikes[key])
    np.testing.assert_array_equal(a.trace("exc")["values"], b.trace("exc")["values"])


def test_toml_text_is_read_like_a_file(examples):
    text = (examples / "network.toml").read_text()
    net = sw.Network.from_toml(text)
    assert [p.name for p in net.populations] == ["exc", "inh"]
    assert net.population("exc").params.cm == 0.2
    assert net.projections[0].connector.kind == sw.Connector.Kind.fixed_probability
