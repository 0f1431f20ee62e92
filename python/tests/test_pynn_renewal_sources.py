"""pyNN.spikewafer: SpikeSourcePoissonRefractory and SpikeSourceGamma, as the engine's
renewal sources: their intervals against the laws PyNN names (an exponential after the dead
time; a gamma of shape alpha and rate beta), per neuron, and the errors for what the engine
cannot do."""

import numpy as np
import pytest
from pyNN import errors

sim = pytest.importorskip("pyNN.spikewafer")


@pytest.fixture(autouse=True)
def fresh():
    yield
    sim.end()


def intervals(train):
    t = np.asarray(train)
    return np.diff(t)


def test_refractory_poisson_keeps_its_rate_beyond_the_dead_time():
    sim.setup(timestep=0.1, rng_seed=5)
    src = sim.Population(2, sim.SpikeSourcePoissonRefractory(rate=[100.0, 50.0],
                                                             tau_refrac=[0.0, 5.0]))
    src.record("spikes")
    sim.run(50000.0)
    plain, dead = (intervals(st) for st in src.get_data().segments[0].spiketrains)
    assert plain.mean() == pytest.approx(10.0, rel=0.03)
    assert dead.min() >= 5.1 - 1e-9  # the dead time, then at least one step
    beyond = dead - 5.0
    assert beyond.mean() == pytest.approx(15.0, rel=0.03)      # 1 / 50 Hz - 5 ms
    assert beyond.std() / beyond.mean() == pytest.approx(1.0, abs=0.05)  # exponential


def test_gamma_intervals_have_the_shape_and_rate_asked_for():
    sim.setup(timestep=0.1, rng_seed=6)
    src = sim.Population(2, sim.SpikeSourceGamma(alpha=[2, 6], beta=[1000.0, 300.0]))
    src.record("spikes")
    sim.run(20000.0)
    for st, alpha, beta in zip(src.get_data().segments[0].spiketrains, (2, 6), (1000.0, 300.0)):
        isi = intervals(st)
        assert isi.mean() == pytest.approx(1000.0 * alpha / beta, rel=0.03)
        assert isi.std() / isi.mean() == pytest.approx(1 / np.sqrt(alpha), rel=0.06)


def test_gamma_rate_set_between_runs_holds_from_then_on():
    sim.setup(timestep=0.1, rng_seed=7)
    src = sim.Population(1, sim.SpikeSourceGamma(alpha=4, beta=200.0))
    src.record("spikes")
    sim.run(10000.0)
    src.set(beta=800.0)
    sim.run(10000.0)
    t = np.asarray(src.get_data().segments[0].spiketrains[0])
    assert (t < 10000.0).sum() == pytest.approx(500, rel=0.08)   # 50 Hz
    assert (t >= 10000.0).sum() == pytest.approx(2000, rel=0.06)  # 200 Hz


def test_what_the_engine_cannot_do_is_refused_with_the_parameter():
    sim.setup(timestep=0.1)
    sim.Population(1, sim.SpikeSourceGamma(alpha=0, beta=100.0))  # PyNN makes alpha whole
    with pytest.raises(errors.InvalidParameterValueError, match="shape"):
        sim.run(10.0)
    sim.end()
    sim.setup(timestep=0.1)
    sim.Population(1, sim.SpikeSourcePoissonRefractory(rate=300.0, tau_refrac=5.0))
    with pytest.raises(errors.InvalidParameterValueError, match="1 / \\(dt \\+ dead_time\\)"):
        sim.run(10.0)
