"""RunResult.spikes_of names what it cannot find (a population index past the end once gave
empty arrays, as if the population had been silent)."""

import pytest

import spikewafer as sw


def test_spikes_of_a_population_that_is_not_there_raises():
    net = sw.Network()
    net.add_population(name="a", size=1, model="IF_curr_exp", record=["spikes"])
    result = sw.simulate(net)
    times, neurons = result.spikes_of(0)
    assert times.size == neurons.size
    with pytest.raises(IndexError, match="population 99 is not in this result"):
        result.spikes_of(99)
    with pytest.raises(ValueError, match="population 'b' is not in this result"):
        result.spikes_of("b")
