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



def test_parts_of_an_item_survive_additions_and_clears():
    net = sw.Network()
    pop = net.add_population(name="p0", size=2, model="IF_curr_exp")
    params = pop.params
    by_index = net.populations[0]
    iterated = next(iter(net.populations))
    for k in range(1, 300):
        net.add_population(name=f"p{k}", size=1, model="IF_curr_exp")
    params.tau_m = 33.0
    assert net.populations[0].params.tau_m == 33.0
    by_index.size = 5
    assert iterated.size == 5
    assert isinstance(by_index, sw.Population) and isinstance(params, sw.NeuronParams)
    net.populations.clear()
    with pytest.raises(LookupError, match="population 'p0' is no longer"):
        params.tau_m = 1.0
    with pytest.raises(LookupError):
        print(by_index)


def test_a_dc_source_of_a_population_in_a_network_is_a_handle():
    net = sw.Network()
    pop = net.add_population(name="a", size=1, model="IF_curr_exp",
                             dc_sources=[sw.DCSource(amplitude=0.5, start=0.0, stop=10.0)])
    source = pop.dc_sources[0]
    for k in range(100):
        net.add_population(name=f"b{k}", size=1, model="IF_curr_exp")
    source.amplitude = 0.75
    assert net.population("a").dc_sources[0].amplitude == 0.75
    pop.dc_sources.clear()
    with pytest.raises(LookupError, match="item 0 is no longer"):
        source.amplitude = 1.0


def test_handles_go_wherever_their_objects_do():
    net = sw.Network()
    a = net.add_population(name="a", size=1, model="IF_curr_exp", params={"tau_m": 7.0})
    b = sw.Population(name="b", size=1, model="IF_curr_exp", params=a.params)
    assert b.params.tau_m == 7.0
    net.populations.append(net.populations[0])
    assert len(net.populations) == 2
    net.populations[1] = b
    assert net.populations[1].name == "b"
    assert [p.name for p in net.populations] == ["a", "b"]
