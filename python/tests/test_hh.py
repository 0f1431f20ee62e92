"""HH_cond_exp from Python and from PyNN: PyNN's defaults and names, the gates as initial values,
PyNN's own scenario (the first crossing of 0 mV, docs/models.md "HH_cond_exp"), and the
integrate-and-fire parameters refused for it."""

import numpy as np
import pytest

import spikewafer as sw


def test_default_params_are_pynn_hh_defaults():
    p = sw.default_params("HH_cond_exp")
    assert (p.gbar_Na, p.gbar_K, p.g_leak, p.cm, p.v_offset) == (20.0, 6.0, 0.01, 0.2, -63.0)
    assert (p.e_rev_Na, p.e_rev_K, p.e_rev_leak, p.e_rev_I) == (50.0, -90.0, -65.0, -80.0)
    assert (p.tau_syn_E, p.tau_syn_I) == (0.2, 2.0)


def first_above_zero(params, initial, dt=0.001):
    net = sw.Network()
    net.simulation.dt = dt
    net.add_population(name="c", size=1, model="HH_cond_exp", params=params, initial=initial,
                       record=["spikes", "v"])
    sim = sw.Simulator(net)
    sim.run(20.0)
    r = sim.result()
    (trace,) = [t for t in r.traces if t["variable"] == "v"]
    v = trace["values"][0]
    return np.argmax(v > 0) * trace["interval"], r.spikes["time"]


def test_the_gates_start_where_they_are_told():
    # PyNN 0.13's initial gates (h = 1) and NEST's 2.95 ms with h = 0 (tests/hh_dynamics_test.cpp)
    t1, spikes = first_above_zero({"i_offset": 1.0}, {"v": -64.0, "m": 0.0, "h": 1.0, "n": 0.0})
    t0, _ = first_above_zero({"i_offset": 1.0}, {"v": -64.0, "m": 0.0, "h": 0.0, "n": 0.0})
    assert t1 == pytest.approx(2.518, abs=0.002)
    assert t0 == pytest.approx(2.952, abs=0.002)
    assert spikes.size >= 1


def test_integrate_and_fire_parameters_and_bad_gates_are_refused():
    net = sw.Network()
    net.add_population(name="c", size=1, model="HH_cond_exp", initial={"m": 1.5})
    with pytest.raises(ValueError, match=r"populations.c.initial.m.*\[0, 1\]"):
        sw.Simulator(net)
    net = sw.Network()
    net.add_population(name="c", size=1, model="HH_cond_exp",
                       per_neuron={"tau_m": np.array([10.0])})
    with pytest.raises(ValueError, match="HH_cond_exp has no tau_m"):
        sw.Simulator(net)


def test_pynn_scenario_crosses_zero_where_the_reference_does():
    sim = pytest.importorskip("pyNN.spikewafer")
    sim.setup(timestep=0.001, min_delay=0.1)
    try:
        cell = sim.create(sim.HH_cond_exp(tau_syn_E=0.2, i_offset=1.0))
        sim.initialize(cell, v=-64.0)
        cell.record(["v", "spikes"])
        sim.run(20.0)
        seg = cell.get_data().segments[0]
        v = seg.filter(name="v")[0]
        first = float(v.times[np.where(np.asarray(v).ravel() > 0)[0][0]].rescale("ms"))
        assert first == pytest.approx(2.518, abs=0.002)  # PyNN's initial gates: m 0, h 1, n 0
        assert len(seg.spiketrains[0]) == 3  # peaks at 2.63, 10.43, 18.23 ms
        with pytest.raises(Exception):
            cell.record("m")  # the gates are not recordable
    finally:
        sim.end()
