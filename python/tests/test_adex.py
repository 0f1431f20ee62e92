"""The AdEx models from Python and from PyNN: PyNN's EIF defaults, w as an initial value and a
trace (nA), w's jump by b at each spike, and a model change that keeps set parameters
(docs/models.md, "AdEx"; docs/pynn.md)."""

import numpy as np
import pytest

import spikewafer as sw


def test_default_params_are_pynn_eif_defaults():
    p = sw.default_params("EIF_cond_exp_isfa_ista")
    assert (p.cm, p.tau_m, p.v_thresh, p.v_spike, p.a, p.b, p.delta_T, p.tau_w) == \
        (0.281, 9.3667, -50.4, -40.0, 4.0, 0.0805, 2.0, 144.0)
    assert sw.default_params("IF_cond_exp").cm == 1.0


def test_population_takes_the_models_defaults_and_keeps_set_parameters():
    pop = sw.Population(name="c", size=1, params={"i_offset": 0.7})
    pop.model = "EIF_cond_alpha_isfa_ista"
    assert pop.params.cm == 0.281        # was IF_cond_exp's default: takes EIF's
    assert pop.params.i_offset == 0.7    # was set: kept


def test_w_jumps_by_b_and_is_recorded_in_nanoampere():
    net = sw.Network()
    net.add_population(name="c", size=1, model="EIF_cond_exp_isfa_ista",
                       params={"i_offset": 1.0, "a": 0.0, "b": 0.05, "tau_w": 100.0},
                       initial={"w": 0.02}, record=["spikes", "w"])
    sim = sw.Simulator(net)
    sim.run(100.0)
    r = sim.result()
    spikes = r.spikes["time"]
    (w_trace,) = [t for t in r.traces if t["variable"] == "w"]
    w = w_trace["values"][0]
    t = np.arange(w.size) * w_trace["interval"]
    expected = 0.02 * np.exp(-t / 100.0)
    for s in spikes:
        expected += np.where(t >= s - 1e-9, 0.05 * np.exp(-(t - s) / 100.0), 0.0)
    assert spikes.size >= 3
    np.testing.assert_allclose(w, expected, atol=1e-5)


def test_a_negative_slope_factor_is_refused():
    net = sw.Network()
    net.add_population(name="c", size=1, model="EIF_cond_exp_isfa_ista",
                       params={"delta_T": -1.0})
    with pytest.raises(ValueError, match="populations.c.params.delta_T"):
        sw.Simulator(net)


def test_pynn_eif_records_w_and_adapts():
    sim = pytest.importorskip("pyNN.spikewafer")
    sim.setup(timestep=0.1)
    try:
        cells = sim.Population(1, sim.EIF_cond_exp_isfa_ista(i_offset=1.0, b=0.1))
        cells.initialize(w=0.0)
        cells.record(["spikes", "v", "w"])
        sim.run(300.0)
        seg = cells.get_data().segments[0]
        times = np.asarray(seg.spiketrains[0].rescale("ms"))
        (w,) = [a for a in seg.analogsignals if a.name == "w"]
        assert str(w.units.dimensionality) == "nA"
        assert times.size >= 4
        intervals = np.diff(times)
        assert intervals[-1] > intervals[0]  # spike-frequency adaptation
        assert float(np.max(w.magnitude)) > 0.1
    finally:
        sim.end()
