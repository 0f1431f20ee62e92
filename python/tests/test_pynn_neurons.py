"""pyNN.spikewafer: cell types against analytic solutions, recording shapes and units, reset and
repeated runs, set() between runs, current sources (docs/pynn.md)."""

import numpy as np
import pytest

sim = pytest.importorskip("pyNN.spikewafer")
from pyNN.random import RandomDistribution  # noqa: E402
from spikewafer.pynn import simulator as backend  # noqa: E402


def analytic_spikes(i_offset, n, tau_m=20.0, cm=1.0, v_rest=-65.0, v_thresh=-50.0,
                    tau_refrac=2.0, start=0.0):
    """Spike times of a LIF neuron (v_reset = v_rest, starting at rest) under a constant current."""
    r = tau_m / cm
    rise = -tau_m * np.log(1.0 - (v_thresh - v_rest) / (r * i_offset))
    return start + rise + np.arange(n) * (rise + tau_refrac)


@pytest.fixture(autouse=True)
def fresh():
    yield
    sim.end()


@pytest.mark.parametrize("how", ["i_offset", "DCSource"])
def test_if_curr_exp_constant_current_spike_times(how):
    sim.setup(timestep=0.01)
    if how == "i_offset":
        p = sim.Population(1, sim.IF_curr_exp(i_offset=1.0, tau_refrac=2.0))
    else:
        p = sim.Population(1, sim.IF_curr_exp(tau_refrac=2.0))
        sim.DCSource(amplitude=1.0, start=0.0).inject_into(p)
    p.record("spikes")
    sim.run(200.0)
    times = np.asarray(p.get_data().segments[0].spiketrains[0].rescale("ms"))
    expected = analytic_spikes(1.0, times.size)
    assert times.size == 6
    # each interval is rounded up to the grid: at most one step per spike
    assert np.all(np.abs(times - expected) <= 0.01 * (np.arange(times.size) + 1) + 1e-9)


def test_if_cond_exp_fires_and_v_has_t_over_dt_plus_one_samples():
    sim.setup(timestep=0.1)
    p = sim.Population(3, sim.IF_cond_exp(i_offset=1.0, tau_refrac=5.0))
    p.record(["spikes", "v", "gsyn_exc", "gsyn_inh"])
    sim.run(100.0)
    seg = p.get_data().segments[0]
    assert all(len(st) > 0 for st in seg.spiketrains)
    v = seg.filter(name="v")[0]
    assert v.shape == (1001, 3)
    assert str(v.units.dimensionality) == "mV"
    assert float(v.t_start) == 0.0 and float(v.sampling_period) == pytest.approx(0.1)
    assert float(v[0, 0]) == pytest.approx(-65.0)
    g = seg.filter(name="gsyn_exc")[0]
    assert g.shape == (1001, 3) and str(g.units.dimensionality) == "uS"
    assert np.all(np.asarray(g) == 0.0)
    # refractory clamp at v_reset after each spike
    t0 = float(seg.spiketrains[0][0])
    k = int(round(t0 / 0.1))
    assert np.allclose(np.asarray(v[k:k + 50, 0]), -65.0)


def test_sampling_interval_and_continuing_runs():
    sim.setup(timestep=0.1)
    p = sim.Population(2, sim.IF_curr_exp(i_offset=0.5))
    p.record("v", sampling_interval=1.0)
    sim.run(30.0)
    sim.run_until(50.0)
    assert sim.get_current_time() == pytest.approx(50.0)
    v = p.get_data().segments[0].analogsignals[0]
    assert v.shape == (51, 2)
    assert float(v.sampling_period) == pytest.approx(1.0)


def test_reset_starts_new_segment_and_repeats_spikes():
    sim.setup(timestep=0.1, rng_seed=5)
    noise = sim.Population(20, sim.SpikeSourcePoisson(rate=200.0))
    p = sim.Population(5, sim.IF_cond_exp())
    sim.Projection(noise, p, sim.AllToAllConnector(), sim.StaticSynapse(weight=0.005, delay=1.0))
    p.record(["spikes", "v"])
    sim.run(100.0)
    sim.reset()
    assert sim.get_current_time() == 0.0
    sim.run(100.0)
    block = p.get_data()
    assert len(block.segments) == 2
    a, b = ([np.asarray(st) for st in seg.spiketrains] for seg in block.segments)
    assert sum(x.size for x in a) > 0
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)
    assert block.segments[1].analogsignals[0].shape == (1001, 5)


def test_set_i_offset_between_runs_keeps_state():
    def build():
        sim.setup(timestep=0.1, rng_seed=3)
        noise = sim.Population(10, sim.SpikeSourcePoisson(rate=100.0))
        p = sim.Population(4, sim.IF_curr_exp(tau_refrac=2.0))
        sim.Projection(noise, p, sim.FixedProbabilityConnector(0.5, rng=sim.NumpyRNG(1)),
                       sim.StaticSynapse(weight=0.5))
        p.record(["spikes", "v"])
        return p

    p = build()
    sim.run(100.0)
    p.set(i_offset=1.0)
    sim.run(100.0)
    seg = p.get_data().segments[0]
    before = [np.asarray(st)[np.asarray(st) <= 100.0] for st in seg.spiketrains]
    after = [np.asarray(st)[np.asarray(st) > 100.0] for st in seg.spiketrains]
    v = np.asarray(seg.analogsignals[0])
    sim.end()
    # reference: the same network run to 100 ms only
    q = build()
    sim.run(100.0)
    seg_ref = q.get_data().segments[0]
    for x, st in zip(before, seg_ref.spiketrains):
        np.testing.assert_array_equal(x, np.asarray(st))
    np.testing.assert_array_equal(v[:1001], np.asarray(seg_ref.analogsignals[0]))
    assert sum(x.size for x in after) > sum(x.size for x in before)


def test_set_parameters_between_runs_takes_effect_now():
    sim.setup(timestep=0.1)
    p = sim.Population(2, sim.IF_curr_exp(i_offset=1.0, tau_refrac=2.0))
    p.record("spikes")
    sim.run(100.0)
    p.set(tau_m=np.array([18.0, 40.0]), v_thresh=-52.0)  # per neuron, after a run
    sim.run(200.0)
    trains = [np.asarray(st) for st in p.get_data().segments[0].spiketrains]
    for i, tau_m in enumerate((20.0, 20.0)):  # PyNN's default tau_m before the change
        isi = np.diff(trains[i][trains[i] <= 100.0]).mean()
        assert abs(isi - (2.0 - tau_m * np.log(1.0 - 15.0 / tau_m))) < 0.2
    for i, tau_m in enumerate((18.0, 40.0)):
        late = trains[i][trains[i] > 110.0]
        assert abs(np.diff(late).mean() - (2.0 - tau_m * np.log(1.0 - 13.0 / tau_m))) < 0.2
    # a structural change after a run still needs reset()
    with pytest.raises(NotImplementedError, match="reset"):
        sim.Population(1, sim.IF_curr_exp())


def test_recording_and_current_sources_switched_on_between_runs():
    sim.setup(timestep=0.1)
    p = sim.Population(3, sim.IF_curr_exp())
    sim.run(50.0)
    p.record(["spikes", "v"])
    sim.DCSource(amplitude=2.0, start=60.0, stop=1e9).inject_into(p[1:])
    sim.run(100.0)
    seg = p.get_data().segments[0]
    v = np.asarray(seg.analogsignals[0])
    assert v.shape == (1501, 3)
    assert np.isnan(v[:500]).all() and not np.isnan(v[500:]).any()
    np.testing.assert_allclose(v[500:, 0], -65.0)  # no input: at rest
    trains = [np.asarray(st) for st in seg.spiketrains]
    assert trains[0].size == 0 and trains[1].size > 3 and trains[1].min() > 60.0
    p.record(None)  # off again: the engine stops recording
    sim.run(50.0)
    spikes = backend.state.result().spikes
    assert spikes["time"].size == sum(t.size for t in trains) and spikes["time"].max() <= 150.0


def test_heterogeneous_population_is_one_engine_population():
    sim.setup(timestep=0.1, rng_seed=5)
    n = 3000  # every neuron different: more than any grouping could take
    rng = sim.NumpyRNG(seed=2)
    p = sim.Population(n, sim.IF_cond_exp(tau_m=RandomDistribution("uniform", (10.0, 30.0),
                                                                   rng=rng),
                                          i_offset=2.0))
    p.record("spikes")
    sim.run(100.0)
    counts = p.get_spike_counts()
    assert len(backend.state._sim.offsets) == 2  # one engine population
    counts = np.array([counts[i] for i in p.all_cells])
    assert counts.sum() > n
    # a longer tau_m means a larger resistance (tau_m / cm), hence more spikes
    assert np.corrcoef(p.get("tau_m"), counts)[0, 1] > 0.9


def test_heterogeneous_parameters_and_random_distribution():
    sim.setup(timestep=0.1)
    rng = sim.NumpyRNG(seed=11)
    p = sim.Population(6, sim.IF_curr_exp(i_offset=np.linspace(1.0, 1.5, 6),
                                          tau_m=RandomDistribution("uniform", (18.0, 25.0),
                                                                   rng=rng)))
    p.initialize(v=RandomDistribution("uniform", low=-70.0, high=-60.0, rng=rng))
    view = p[0:2]
    view.set(tau_refrac=3.0)
    p.record(["spikes", "v"])
    sim.run(200.0)
    tau_m = p.get("tau_m")
    assert np.unique(tau_m).size == 6
    np.testing.assert_allclose(p.get("tau_refrac"), [3, 3, 0.1, 0.1, 0.1, 0.1])
    seg = p.get_data().segments[0]
    v0 = np.asarray(seg.analogsignals[0])[0]
    assert np.all((v0 >= -70.0) & (v0 <= -60.0)) and np.unique(v0).size == 6
    # each neuron against its own analytic rate (first spike from its own initial v)
    for i, st in enumerate(seg.spiketrains):
        r = tau_m[i]
        rise = -r * np.log(1.0 - 15.0 / (r * p.get("i_offset")[i]))
        refr = p.get("tau_refrac")[i]
        assert abs(np.diff(np.asarray(st)).mean() - (rise + refr)) < 0.2


def test_spike_sources_and_step_current():
    sim.setup(timestep=0.1)
    ssa = sim.Population(2, sim.SpikeSourceArray(spike_times=[[1.0, 5.0], [2.0]]))
    poisson = sim.Population(50, sim.SpikeSourcePoisson(rate=100.0, duration=50.0))
    ssa.record("spikes")
    poisson.record("spikes")
    n = sim.Population(1, sim.IF_curr_exp())
    sim.StepCurrentSource(times=[10.0, 60.0], amplitudes=[2.0, 0.0]).inject_into(n)
    n.record("spikes")
    sim.run(100.0)
    trains = ssa.get_data().segments[0].spiketrains
    np.testing.assert_allclose(np.asarray(trains[0]), [1.0, 5.0])
    np.testing.assert_allclose(np.asarray(trains[1]), [2.0])
    ptimes = np.concatenate([np.asarray(st) for st in poisson.get_data().segments[0].spiketrains])
    assert ptimes.max() < 50.0 + 1e-9
    assert 150 < ptimes.size < 350  # 50 x 100 Hz x 50 ms = 250
    st = np.asarray(n.get_data().segments[0].spiketrains[0])
    assert st.size > 0 and st.min() > 10.0 and st.max() < 60.5


def test_ac_and_noisy_current_sources():
    sim.setup(timestep=0.1, rng_seed=5)
    cells = sim.Population(2, sim.IF_curr_exp(v_thresh=100.0, tau_m=5.0))  # never fires
    sim.ACSource(amplitude=0.5, offset=0.1, frequency=50.0, phase=0.0).inject_into(cells[0:1])
    sim.NoisyCurrentSource(mean=0.2, stdev=0.5, dt=1.0).inject_into(cells[1:2])
    cells.record("v")
    sim.run(400.0)
    v = np.asarray(cells.get_data().segments[0].analogsignals[0])
    # the sine wave drives v at 50 Hz around v_rest + R offset = -65 + 5 x 0.1 mV
    ac = v[1000:, 0]
    spectrum = np.abs(np.fft.rfft(ac - ac.mean()))
    freqs = np.fft.rfftfreq(ac.size, d=1e-4)  # s
    assert abs(freqs[np.argmax(spectrum)] - 50.0) < 2.0
    assert abs(ac.mean() - (-64.5)) < 0.05
    # the noise: mean v_rest + R mean, and a spread that a constant current would not give
    noisy = v[1000:, 1]
    assert abs(noisy.mean() - (-64.0)) < 0.5  # 300 draws: the standard error is 0.14 mV
    assert noisy.std() > 0.3


def test_replicas_give_a_block_per_replica():
    sim.setup(timestep=0.1, replicas=3, rng_seed=2)
    noise = sim.Population(20, sim.SpikeSourcePoisson(rate=300.0))
    p = sim.Population(4, sim.IF_curr_exp())
    sim.Projection(noise, p, sim.AllToAllConnector(), sim.StaticSynapse(weight=0.3))
    p.record(["spikes", "v"])
    sim.run(100.0)
    blocks = p.get_data()
    assert len(blocks) == 3
    assert [b.annotations["replica"] for b in blocks] == [0, 1, 2]
    counts = [sum(len(st) for st in b.segments[0].spiketrains) for b in blocks]
    assert all(c > 0 for c in counts) and len(set(counts)) > 1
    one = p.get_data(replica=1)
    assert sum(len(st) for st in one.segments[0].spiketrains) == counts[1]
    assert blocks[2].segments[0].analogsignals[0].shape == (1001, 4)


def test_alpha_synapse_current_peaks_at_the_weight_tau_syn_after_the_spike():
    sim.setup(timestep=0.1)
    source = sim.Population(1, sim.SpikeSourceArray(spike_times=[10.0]))
    cell = sim.Population(1, sim.IF_curr_alpha(tau_syn_E=2.0, v_thresh=100.0))
    sim.Projection(source, cell, sim.OneToOneConnector(),
                   sim.StaticSynapse(weight=0.5, delay=1.0))
    cell.record("isyn_exc")
    sim.run(40.0)
    isyn = np.asarray(cell.get_data().segments[0].analogsignals[0])[:, 0]
    peak = int(np.argmax(isyn))
    assert isyn[peak] == pytest.approx(0.5, rel=1e-3)       # nA: the weight
    assert peak * 0.1 == pytest.approx(10.0 + 1.0 + 2.0)    # spike + delay + tau_syn_E


def test_poisson_sources_have_start_and_duration_in_every_replica():
    sim.setup(timestep=0.1, rng_seed=4, replicas=2)
    rates = np.array([200.0, 400.0, 100.0])
    p = sim.Population(3, sim.SpikeSourcePoisson(rate=rates, start=[50.0, 0.0, 20.0],
                                                 duration=[100.0, 1e10, 30.0]))
    p.record("spikes")
    sim.run(300.0)
    blocks = p.get_data()
    windows = [(50.0, 150.0), (0.0, 300.0), (20.0, 50.0)]
    for block in blocks:
        for st, (lo, hi), rate in zip(block.segments[0].spiketrains, windows, rates):
            t = np.asarray(st)
            assert t.min() > lo and t.max() <= hi
            expected = rate * (hi - lo) / 1000.0
            assert abs(t.size - expected) < 5 * np.sqrt(expected)
    a, b = (np.asarray(blk.segments[0].spiketrains[1]) for blk in blocks)
    assert a.size != b.size or np.any(a != b)  # each replica its own trains
