"""pyNN.spikewafer: connectors (connection counts), Projection.get/set, views, assemblies,
get_data structure, and errors of the kinds PyNN's own backends raise (docs/pynn.md)."""

import numpy as np
import pytest

sim = pytest.importorskip("pyNN.spikewafer")
from pyNN import errors, random  # noqa: E402
from pyNN.random import RandomDistribution  # noqa: E402


@pytest.fixture(autouse=True)
def fresh():
    sim.setup(timestep=0.1)
    yield
    sim.end()


def pops(n_pre=30, n_post=40):
    return (sim.Population(n_pre, sim.IF_curr_exp()), sim.Population(n_post, sim.IF_curr_exp()))


def test_all_to_all_with_and_without_autapses():
    a, b = pops()
    assert len(sim.Projection(a, b, sim.AllToAllConnector())) == 30 * 40
    assert len(sim.Projection(a, a, sim.AllToAllConnector())) == 30 * 30
    prj = sim.Projection(a, a, sim.AllToAllConnector(allow_self_connections=False))
    assert len(prj) == 30 * 29
    w = prj.get("weight", format="array")
    assert np.all(np.isnan(np.diag(w)))


def test_one_to_one_fixed_probability_fixed_number_from_list():
    a, b = pops(40, 40)
    assert len(sim.Projection(a, b, sim.OneToOneConnector())) == 40
    prj = sim.Projection(a, b, sim.FixedProbabilityConnector(0.1, rng=sim.NumpyRNG(3)))
    assert abs(len(prj) - 160) < 4 * np.sqrt(160 * 0.9)
    pre = sim.Projection(a, b, sim.FixedNumberPreConnector(5, rng=sim.NumpyRNG(4)))
    assert len(pre) == 200
    assert np.all(np.bincount([int(c[1]) for c in pre.get("weight", format="list")],
                              minlength=40) == 5)
    post = sim.Projection(a, b, sim.FixedNumberPostConnector(3, rng=sim.NumpyRNG(5)))
    assert len(post) == 120
    conns = [(0, 1, 0.1, 1.0), (2, 3, 0.2, 2.0), (2, 3, 0.3, 0.5)]
    fl = sim.Projection(a, b, sim.FromListConnector(conns, column_names=["weight", "delay"]))
    assert len(fl) == 3
    assert sorted(fl.get(["weight", "delay"], format="list")) == \
        [(0, 1, 0.1, 1.0), (2, 3, 0.2, 2.0), (2, 3, 0.3, 0.5)]
    w = fl.get("weight", format="array")
    assert w[2, 3] == pytest.approx(0.5) and np.isnan(w[1, 1])


def test_generic_connector_path():
    a, b = pops(10, 10)
    prj = sim.Projection(a, b, sim.DistanceDependentProbabilityConnector("d < 3"))
    assert len(prj) > 0
    total = sim.Projection(a, b, sim.FixedTotalNumberConnector(25, rng=sim.NumpyRNG(2)))
    assert len(total) == 25


def test_projection_get_set_and_random_weights():
    a, b = pops(5, 6)
    syn = sim.StaticSynapse(weight=RandomDistribution("uniform", (0.1, 0.2),
                                                      rng=sim.NumpyRNG(1)), delay=1.5)
    prj = sim.Projection(a, b, sim.AllToAllConnector(), syn)
    w = prj.get("weight", format="array")
    assert w.shape == (5, 6) and np.all((w >= 0.1) & (w <= 0.2))
    prj.set(weight=0.5, delay=2.0)
    w, d = prj.get(["weight", "delay"], format="array")
    assert np.all(w == 0.5) and np.all(d == 2.0)
    new = np.arange(30, dtype=float).reshape(5, 6) / 100.0
    prj.set(weight=new)
    np.testing.assert_allclose(prj.get("weight", format="array"), new)
    lst = prj.get("weight", format="list")
    assert len(lst) == 30 and len(lst[0]) == 3


def test_projection_set_between_runs_reaches_the_running_engine():
    """New weights hold for spikes sent after the change, here onto an Assembly (two engine
    projections); the state carries over; a delay beyond the built network's longest is refused."""
    src = sim.Population(1, sim.SpikeSourceArray(spike_times=[10.0, 60.0]))
    a = sim.Population(2, sim.IF_curr_exp(tau_syn_E=2.0))
    b = sim.Population(1, sim.IF_curr_exp(tau_syn_E=2.0))
    # No receptor_type: an Assembly's default is its first population's (PyNN's own default
    # came out of a set, excitatory or inhibitory by the hash seed).
    prj = sim.Projection(src, a + b, sim.AllToAllConnector(),
                         sim.StaticSynapse(weight=0.5, delay=1.0))
    a.record("isyn_exc")
    b.record("isyn_exc")
    sim.run(40.0)
    prj.set(weight=np.array([[1.5, 1.0, 2.0]]))
    sim.run(40.0)
    for pop, weights in ((a, (1.5, 1.0)), (b, (2.0,))):
        i = np.asarray(pop.get_data().segments[0].filter(name="isyn_exc")[0])
        first, second = i[100:150].max(axis=0), i[600:650].max(axis=0)
        assert first[0] > 0.4
        np.testing.assert_allclose(second / first, np.array(weights) / 0.5, rtol=1e-6)
    with pytest.raises(errors.ConnectionError, match="longer than"):
        prj.set(delay=5.0)
        sim.run(10.0)


def test_native_rng_gives_the_same_network_for_the_same_seed():
    """NativeRNG (PyNN's random_numbers.py uses it) draws like a NumpyRNG; without a seed it
    takes one from setup()'s seed, so a script builds the same network every run."""
    def weights(seed=None, setup_seed=1):
        sim.setup(timestep=0.1, rng_seed=setup_seed)
        a, b = pops(20, 20)
        rng = sim.NativeRNG(seed)
        syn = sim.StaticSynapse(weight=RandomDistribution("uniform", (0.1, 0.2), rng=rng))
        prj = sim.Projection(a, b, sim.FixedProbabilityConnector(0.3, rng=rng), syn)
        sim.run(1.0)
        return prj.get("weight", format="array")

    first = weights(7)
    assert isinstance(sim.NativeRNG(1), random.NativeRNG)
    assert 0.2 < np.isfinite(first).mean() < 0.4
    np.testing.assert_array_equal(first, weights(7))
    assert not np.array_equal(np.isfinite(first), np.isfinite(weights(8)))
    np.testing.assert_array_equal(weights(), weights())
    assert not np.array_equal(np.isfinite(weights()), np.isfinite(weights(setup_seed=2)))


def test_views_and_assemblies_drive_a_network():
    src = sim.Population(1, sim.SpikeSourceArray(spike_times=[10.0]))
    all_cells = sim.Population(10, sim.IF_curr_exp(tau_syn_E=2.0))
    other = sim.Population(5, sim.IF_curr_exp())
    view = all_cells[2:5]
    asm = view + other
    sim.Projection(src, asm, sim.AllToAllConnector(),
                   sim.StaticSynapse(weight=0.5, delay=1.0), receptor_type="excitatory")
    all_cells.record("v")
    other.record("v")
    asm.record("spikes")
    sim.run(30.0)
    v = np.asarray(all_cells.get_data().segments[0].filter(name="v")[0])
    hit = v[:, 2:5].max(axis=0)
    miss = np.concatenate([v[:, :2].max(axis=0), v[:, 5:].max(axis=0)])
    assert np.all(hit > -64.9) and np.all(miss == pytest.approx(-65.0))
    assert np.asarray(other.get_data().segments[0].analogsignals[0]).max() > -65.0
    block = asm.get_data()
    assert len(block.segments[0].spiketrains) == 8


def test_get_data_structure_and_annotations():
    p = sim.Population(3, sim.IF_cond_exp(i_offset=1.0), label="cells")
    p.record(["spikes", "v"])
    sim.run(20.0)
    block = p.get_data()
    assert block.name == "cells"
    assert block.annotations["simulator"] == "spikewafer"
    assert block.annotations["size"] == 3 and block.annotations["dt"] == 0.1
    seg = block.segments[0]
    assert len(seg.spiketrains) == 3
    st = seg.spiketrains[0]
    assert float(st.t_stop) == pytest.approx(20.0)
    assert st.annotations["source_population"] == "cells"
    sig = seg.analogsignals[0]
    assert list(sig.array_annotations["channel_index"]) == [0, 1, 2]
    assert sig.shape == (201, 3)


def test_errors_of_pynn_kinds():
    with pytest.raises(errors.NonExistentParameterError):
        sim.IF_curr_exp(tau_x=1.0)
    a, b = pops(3, 3)
    with pytest.raises(errors.ConnectionError):
        sim.Projection(a, b, sim.AllToAllConnector(), sim.StaticSynapse(weight=0.1, delay=-1.0))
    with pytest.raises(errors.ConnectionError):  # current-based inhibition needs weights < 0
        sim.Projection(a, b, sim.AllToAllConnector(), sim.StaticSynapse(weight=0.1),
                       receptor_type="inhibitory")
    c = sim.Population(3, sim.IF_cond_exp())
    with pytest.raises(errors.ConnectionError):  # conductances are positive
        sim.Projection(a, c, sim.AllToAllConnector(), sim.StaticSynapse(weight=-0.1),
                       receptor_type="inhibitory")
    with pytest.raises(errors.RecordingError):
        a.record("gsyn_exc")
    s = sim.Population(2, sim.SpikeSourcePoisson())
    with pytest.raises(errors.RecordingError):
        s.record("v")


def test_current_based_inhibition_uses_negative_weights():
    src = sim.Population(1, sim.SpikeSourceArray(spike_times=[5.0]))
    p = sim.Population(1, sim.IF_curr_exp())
    prj = sim.Projection(src, p, sim.OneToOneConnector(), sim.StaticSynapse(weight=-1.0),
                         receptor_type="inhibitory")
    assert prj.get("weight", format="list")[0][2] == -1.0
    p.record("v")
    sim.run(20.0)
    assert np.asarray(p.get_data().segments[0].analogsignals[0]).min() < -66.0


def test_tsodyks_markram_depresses():
    src = sim.Population(1, sim.SpikeSourceArray(spike_times=np.arange(10.0, 200.0, 10.0)))
    p = sim.Population(1, sim.IF_curr_exp(v_thresh=0.0))
    sim.Projection(src, p, sim.OneToOneConnector(),
                   sim.TsodyksMarkramSynapse(weight=1.0, U=0.5, tau_rec=500.0),
                   receptor_type="excitatory")
    p.record("v")
    sim.run(200.0)
    v = np.asarray(p.get_data().segments[0].analogsignals[0])[:, 0]
    first = v[100:200].max() - v[99]
    last = v[1800:1900].max() - v[1799]
    assert last < 0.7 * first


def test_fixed_number_fast_paths_keep_the_counts_and_the_rules():
    a, b = pops(50, 60)
    pre = sim.Projection(a, b, sim.FixedNumberPreConnector(7, rng=sim.NumpyRNG(8)))
    pairs = np.array([(int(c[0]), int(c[1])) for c in pre.get("weight", format="list")])
    assert np.all(np.bincount(pairs[:, 1], minlength=60) == 7)  # every target: 7 sources
    assert len({tuple(p) for p in pairs}) == len(pairs)          # without replacement: distinct
    post = sim.Projection(a, a, sim.FixedNumberPostConnector(
        49, allow_self_connections=False, rng=sim.NumpyRNG(9)))
    pairs = np.array([(int(c[0]), int(c[1])) for c in post.get("weight", format="list")])
    assert np.all(np.bincount(pairs[:, 0], minlength=50) == 49)  # all others, never itself
    assert not np.any(pairs[:, 0] == pairs[:, 1])
    again = sim.Projection(a, b, sim.FixedNumberPreConnector(7, rng=sim.NumpyRNG(8)))
    assert sorted(again.get("weight", format="list")) == sorted(pre.get("weight", format="list"))
    repl = sim.Projection(a, b, sim.FixedNumberPostConnector(
        80, with_replacement=True, rng=sim.NumpyRNG(10)))
    assert len(repl) == 50 * 80  # more than the 60 targets: repeats allowed


def test_setup_min_delay_auto_and_spike_precision():
    """min_delay="auto" is the smallest delay there is; off-grid spike precision, which the
    engine has for recorded array spikes only, is a warning (it was accepted and ignored)."""
    sim.setup(timestep=0.1, min_delay="auto")
    assert sim.get_min_delay() == pytest.approx(0.1)
    a = sim.Population(2, sim.IF_curr_exp())
    sim.Projection(a, a, sim.AllToAllConnector(), sim.StaticSynapse(weight=0.1, delay=1.5))
    sim.Projection(a, a, sim.OneToOneConnector(), sim.StaticSynapse(weight=0.1, delay=0.7))
    assert sim.get_min_delay() == pytest.approx(0.7)
    sim.end()
    with pytest.warns(RuntimeWarning, match="on the time grid of 0.1 ms"):
        sim.setup(timestep=0.1, spike_precision="off_grid")
    sim.end()
    sim.setup(timestep=0.1, spike_precision="on_grid")
    sim.end()


def test_bad_spike_and_step_times_are_refused_and_steps_land_on_the_grid():
    """As PyNN's system tests test_issue511 and test_issue512 ask."""
    sim.setup(timestep=0.1)
    with pytest.raises(errors.InvalidParameterValueError):
        sim.Population(2, sim.SpikeSourceArray(spike_times=[[1.0, 2.0], [3.0, 2.5]]))
    with pytest.raises(ValueError):
        sim.StepCurrentSource(times=[0.4, -0.6, 0.8], amplitudes=[0.5, -0.5, 0.5])
    with pytest.raises(ValueError):
        sim.StepCurrentSource(times=[0.4, 0.2, 0.8], amplitudes=[0.5, -0.5, 0.5])
    step = sim.StepCurrentSource(times=[0.41, 0.42, 0.86], amplitudes=[0.5, -0.5, 0.5])
    assert np.allclose(step.times, [0.4, 0.9]) and np.allclose(step.amplitudes, [-0.5, 0.5])
    assert isinstance(float(step.times[0]), float)
    sim.end()


def test_a_connection_attribute_writes_through_to_its_projection():
    sim.setup(timestep=0.1)
    a = sim.Population(3, sim.IF_cond_exp())
    prj = sim.Projection(a, a, sim.AllToAllConnector(allow_self_connections=False),
                         sim.StaticSynapse(weight=0.05, delay=0.5))
    connection = list(prj.connections)[2]
    connection.weight = 0.0123
    connection.delay = 1.0
    values = np.array(prj.get(("weight", "delay"), format="list", with_address=False))
    assert values[2].tolist() == [0.0123, 1.0]
    assert np.all(np.delete(values, 2, axis=0) == [0.05, 0.5])
    sim.end()


def test_fixed_total_number_draws_n_pairs_without_autapses():
    sim.setup(timestep=0.1, rng_seed=9)
    a = sim.Population(20, sim.IF_curr_exp())
    prj = sim.Projection(a, a, sim.FixedTotalNumberConnector(500, allow_self_connections=False,
                                                            with_replacement=True,
                                                            rng=sim.NumpyRNG(seed=3)),
                         sim.StaticSynapse(weight=0.1))
    pairs = np.array(prj.get("weight", format="list"))[:, :2].astype(int)
    assert len(prj) == 500
    assert not np.any(pairs[:, 0] == pairs[:, 1])
    assert len({tuple(p) for p in pairs}) < 500  # multapses, as with replacement
    sim.run(1.0)
    sim.end()
