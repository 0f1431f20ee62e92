"""pyNN.spikewafer: current sources record the current they inject (source.record(),
source.get_data()): one value per step from t = 0, the engine's own values (noise included),
across runs and changes between runs; and SpikeSourceArray spikes with spike_precision."""

import numpy as np
import pytest

sim = pytest.importorskip("pyNN.spikewafer")


@pytest.fixture(autouse=True)
def fresh():
    yield
    sim.end()


def received_current(v, dt=0.1, tau_m=10.0, cm=1.0, v_rest=-65.0):
    """The current of each step, solved from the exact update of a neuron that never fires:
    v' = v + expm1(-dt / tau_m) (v - v_rest - R i)."""
    em1, r = np.expm1(-dt / tau_m), tau_m / cm
    return -((v[1:] - v[:-1]) / em1 - (v[:-1] - v_rest)) / r


def test_every_source_records_what_its_neuron_received():
    sim.setup(timestep=0.1, rng_seed=3)
    cells = sim.Population(4, sim.IF_curr_exp(v_thresh=100.0, tau_m=10.0, v_rest=-65.0))
    cells.record("v")
    sources = [sim.DCSource(amplitude=0.5, start=5.0, stop=12.0),
               sim.ACSource(amplitude=0.4, offset=0.1, frequency=100.0, phase=30.0, start=3.0,
                            stop=15.0),
               sim.NoisyCurrentSource(mean=0.2, stdev=0.3, dt=0.5, start=2.0, stop=18.0),
               sim.StepCurrentSource(times=[4.0, 8.0, 16.0], amplitudes=[0.3, -0.2, 0.0])]
    for k, source in enumerate(sources):
        cells[k].inject(source)
        source.record()
    sim.run(10.0)
    sources[0].amplitude = 0.25  # takes effect from t = 10 on
    sim.run(10.0)
    v = np.asarray(cells.get_data().segments[0].analogsignals[0], float)
    t = np.arange(201) * 0.1
    for k, source in enumerate(sources):
        i = source.get_data()
        assert i.shape == (201, 1) and float(i.t_start) == 0.0
        assert float(i.sampling_period) == pytest.approx(0.1)
        np.testing.assert_allclose(np.asarray(i)[:-1, 0], received_current(v[:, k]), atol=2e-3,
                                   err_msg=type(source).__name__)
    dc = np.asarray(sources[0].get_data())[:, 0]
    expected = np.where((t >= 5.0 - 1e-9) & (t < 12.0 - 1e-9), np.where(t < 10.0 - 1e-9, 0.5, 0.25),
                        0.0)
    np.testing.assert_allclose(dc, expected, atol=1e-6)
    ac = np.asarray(sources[1].get_data())[:, 0]
    on = (t >= 3.0 - 1e-9) & (t < 15.0 - 1e-9)
    # the phase holds at `start`, as PyNN asks (its test_issue497)
    expected = np.where(on, 0.1 + 0.4 * np.sin(2 * np.pi * 0.1 * (t - 3.0) + np.pi / 6), 0.0)
    np.testing.assert_allclose(ac, expected, atol=1e-5)
    noise = np.asarray(sources[2].get_data())[:, 0]
    assert np.all(noise[:20] == 0) and np.all(noise[180:] == 0)
    draws = noise[20:180:5]
    assert np.all(noise[20:180].reshape(-1, 5) == draws[:, None])  # held for dt = 0.5 ms
    assert np.unique(draws).size == draws.size
    step = np.asarray(sources[3].get_data())[:, 0]
    np.testing.assert_allclose(step, np.select([t < 4 - 1e-9, t < 8 - 1e-9, t < 16 - 1e-9],
                                               [0.0, 0.3, -0.2], 0.0), atol=1e-6)


def test_replicas_record_their_own_noise_and_reset_starts_again():
    sim.setup(timestep=0.1, replicas=2, rng_seed=4)
    cell = sim.Population(1, sim.IF_curr_exp(v_thresh=100.0))
    noise = sim.NoisyCurrentSource(mean=0.0, stdev=1.0, dt=0.1)
    noise.inject_into(cell)
    noise.record()
    sim.run(5.0)
    first = np.asarray(noise.get_data())[:, 0]
    backend = sim.simulator.state
    backend.selected_replica = 1
    other = np.asarray(noise.get_data())[:, 0]
    backend.selected_replica = 0
    assert first.size == other.size == 51
    assert np.count_nonzero(first != other) > 45
    sim.reset()
    assert np.asarray(noise.get_data()).shape == (1, 1)  # t = 0 only
    sim.run(5.0)
    np.testing.assert_array_equal(np.asarray(noise.get_data())[:, 0], first)  # same seed


def test_off_grid_precision_records_array_spikes_at_their_times_and_none_is_lost():
    with pytest.warns(RuntimeWarning, match="delivered, and every neuron spikes, on the time grid"):
        sim.setup(timestep=0.1, spike_precision="off_grid")
    src = sim.Population(1, sim.SpikeSourceArray(spike_times=[1.03, 1.04, 4.98, 10.02, 12.34]))
    src.record("spikes")
    with pytest.warns(RuntimeWarning, match="closer than dt"):
        sim.run(10.0)
    first = np.asarray(src.get_data("spikes", clear=True).segments[0].spiketrains[0])
    sim.run(10.0)
    second = np.asarray(src.get_data("spikes", clear=True).segments[0].spiketrains[0])
    # 1.03 went out at 1.0 ms, 1.04 in the next free step (it rounds to 1.0 ms too, on this
    # grid): it keeps the time it went out; 10.02 went out at 10.0 ms but is due after it.
    np.testing.assert_allclose(first, [1.03, 1.1, 4.98])
    np.testing.assert_allclose(second, [10.02, 12.34])
    sim.end()
    sim.setup(timestep=0.1)  # on the grid: the steps they went out in
    src = sim.Population(1, sim.SpikeSourceArray(spike_times=[1.03, 1.04, 4.98]))
    src.record("spikes")
    with pytest.warns(RuntimeWarning, match="closer than dt"):
        sim.run(10.0)
    np.testing.assert_allclose(np.asarray(src.get_data().segments[0].spiketrains[0]),
                               [1.0, 1.1, 5.0])
    sim.end()
    with pytest.raises(ValueError, match="spike_precision"):
        sim.setup(spike_precision="exact")
