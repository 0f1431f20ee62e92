"""Replicas share one network; per-replica overrides and set_replica_inputs() change their inputs,
the latter in the middle of a run without touching the state."""

import numpy as np
import pytest

import spikewafer as sw
from conftest import dc_neuron


def spike_counts(result, replicas):
    return np.bincount(result.spikes["replica"], minlength=replicas)


def test_overrides_give_each_replica_its_current():
    net = dc_neuron(i_offset=0.0, replicas=3)
    net.overrides.i_offset = np.array([0.0, 1.0, 2.0])
    counts = spike_counts(sw.simulate(net), 3)
    assert counts[0] == 0 and 0 < counts[1] < counts[2]


def test_set_replica_inputs_mid_run():
    net = dc_neuron(i_offset=0.0, replicas=2)
    net.overrides.i_offset = [0.0, 1.5]
    sim = sw.Simulator(net)
    sim.run(200.0)
    before = spike_counts(sim.result(), 2)
    assert before[0] == 0 and before[1] > 0

    sim.set_replica_inputs(i_offset=np.array([1.5, 0.0]))
    sim.run(200.0)
    s = sim.result().spikes
    late = s["time"] >= 210.0  # after the last spike the old current could still cause
    after = np.bincount(s["replica"][late], minlength=2)
    assert after[0] == before[1] and after[1] == 0


def test_set_replica_inputs_checks_lengths_and_fields():
    sim = sw.Simulator(dc_neuron(replicas=2))
    with pytest.raises(ValueError, match="i_offset"):
        sim.set_replica_inputs(i_offset=[1.0, 2.0, 3.0])
    with pytest.raises(TypeError):
        sim.set_replica_inputs(weight_scale=[1.0, 1.0])  # fixed when the simulator is built
