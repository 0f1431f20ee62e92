"""Handles from add_population, add_projection and Network.population stay valid while the
network's lists grow (they once pointed into a vector that moved: MemoryError on print, a
crash with 200 populations, lost writes) and fail clearly once their item is gone."""

import pytest

import spikewafer as sw


def test_a_population_handle_survives_many_additions():
    net = sw.Network()
    first = net.add_population(name="p0", size=2, model="IF_curr_exp")
    for k in range(1, 200):
        net.add_population(name=f"p{k}", size=1, model="IF_curr_exp")
    assert "p0" in repr(first)
    first.size = 7
    first.params.tau_m = 12.5
    assert net.populations[0].size == 7
    assert net.populations[0].params.tau_m == 12.5
    assert net.population("p199").size == 1


def test_a_projection_handle_keeps_its_writes():
    net = sw.Network()
    net.add_population(name="a", size=3, model="IF_curr_exp")
    first = net.add_projection(source="a", target="a", connector=sw.Connector.all_to_all())
    for _ in range(50):
        net.add_projection(source="a", target="a", connector=sw.Connector.one_to_one())
    first.weight = 0.25
    assert repr(net.projections[0].weight) == "Distribution.constant(0.25)"


def test_a_handle_of_a_removed_item_raises_lookup_error():
    net = sw.Network()
    pop = net.add_population(name="a", size=3, model="IF_curr_exp")
    proj = net.add_projection(source="a", target="a", connector=sw.Connector.all_to_all())
    net.projections.clear()
    net.populations.clear()
    with pytest.raises(LookupError, match="population 'a' is no longer"):
        pop.size = 4
    with pytest.raises(LookupError, match="projection 0"):
        print(proj)


def test_names_are_unique_and_handles_reach_the_simulator():
    net = sw.Network()
    pop = net.add_population(name="a", size=2, model="IF_curr_exp", record=["spikes"])
    with pytest.raises(ValueError, match="already has a population 'a'"):
        net.add_population(name="a", size=1, model="IF_curr_exp")
    sim = sw.Simulator(net)
    sim.run(10.0)
    pop.params.i_offset = 2.0
    sim.set_population(0, pop)  # a handle where a Population is expected
    sim.run(100.0)
    assert sim.result().spikes["time"].size > 0

