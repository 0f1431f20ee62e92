"""Shared fixtures: the repository's examples and small networks the tests build by hand."""

from pathlib import Path

import pytest

import spikewafer as sw

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def examples() -> Path:
    return REPO / "examples"


def dc_neuron(i_offset=1.0, tau_refrac=2.0, dt=0.1, replicas=1, size=1):
    """IF_curr_exp neurons driven only by a constant current: a regular spike train whose
    period is known in closed form (test_dc_neuron.py)."""
    net = sw.Network()
    net.simulation.dt = dt
    net.simulation.replicas = replicas
    net.add_population(name="n", size=size, model="IF_curr_exp",
                       params={"tau_m": 20.0, "cm": 1.0, "v_rest": -65.0, "v_thresh": -50.0,
                               "v_reset": -65.0, "tau_refrac": tau_refrac, "i_offset": i_offset},
                       record=["spikes"])
    return net


def noisy_network(seed=7, replicas=2):
    """100 conductance-based neurons with Poisson background, recurrent synapses and a recorded
    membrane trace: enough randomness that a mistake in continuing or resetting shows."""
    net = sw.Network()
    net.simulation.seed = seed
    net.simulation.replicas = replicas
    exc = net.add_population(name="exc", size=100, model="IF_cond_exp",
                             params={"cm": 0.2, "v_rest": -60.0, "v_reset": -60.0,
                                     "tau_refrac": 5.0, "e_rev_I": -80.0})
    exc.initial.v = sw.Distribution.uniform(-60.0, -50.0)
    exc.noise = {"rate_E": 2000.0, "weight_E": 0.002, "rate_I": 500.0, "weight_I": 0.004}
    exc.record = {"spikes": True, "v": [0, 5], "rate": True, "rate_bin": 10.0}
    net.add_projection(source="exc", target="exc", connector=sw.Connector.fixed_probability(0.1),
                       weight=0.002, delay=sw.Distribution.uniform(0.5, 2.0))
    return net
