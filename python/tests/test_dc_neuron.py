"""A neuron with a constant input current fires with the analytic period
T = tau_m ln((v_rest + R I - v_reset) / (v_rest + R I - v_thresh)) + tau_refrac, R = tau_m / cm,
whether the current is i_offset or a DC source."""

import math

import numpy as np
import pytest

import spikewafer as sw
from conftest import dc_neuron


def analytic_period(i_offset, tau_refrac):
    tau_m, cm, v_rest, v_thresh, v_reset = 20.0, 1.0, -65.0, -50.0, -65.0
    v_inf = v_rest + tau_m / cm * i_offset
    return tau_m * math.log((v_inf - v_reset) / (v_inf - v_thresh)) + tau_refrac


@pytest.mark.parametrize("i_offset,tau_refrac", [(1.0, 2.0), (2.0, 5.0)])
def test_i_offset_gives_the_analytic_period(i_offset, tau_refrac):
    dt = 0.01
    sim = sw.Simulator(dc_neuron(i_offset, tau_refrac, dt=dt))
    sim.run(500.0)
    times = sim.result().spikes["time"]
    assert len(times) >= 10
    # Spikes fall on the step grid: each interval is the period rounded to whole steps.
    assert np.all(np.abs(np.diff(times) - analytic_period(i_offset, tau_refrac)) <= 2 * dt)
    # The first spike needs no refractory period before it.
    assert abs(times[0] - (analytic_period(i_offset, tau_refrac) - tau_refrac)) <= 2 * dt


def test_dc_source_acts_like_i_offset():
    with_offset = sw.simulate(dc_neuron(1.0, dt=0.1))
    net = dc_neuron(0.0, dt=0.1)
    net.populations[0].dc_sources.append(sw.DCSource(amplitude=1.0))
    with_source = sw.simulate(net)
    assert len(with_offset.spikes["time"]) > 20
    np.testing.assert_array_equal(with_offset.spikes["time"], with_source.spikes["time"])


def test_below_rheobase_there_are_no_spikes():
    # R I = 10 mV < v_thresh - v_rest = 15 mV: the membrane settles below threshold.
    assert len(sw.simulate(dc_neuron(0.5)).spikes["time"]) == 0
