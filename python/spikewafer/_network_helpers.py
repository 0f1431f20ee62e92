"""Conveniences on the bound classes that are easier to write in Python than in C++: adding
populations and projections with keywords, and picking one population's spikes or traces out of
a result. Each works on whole numpy arrays (boolean masks), never element by element."""

from __future__ import annotations

import numpy as np

from ._item_refs import PopulationRef, ProjectionRef, raw_items, unwrap
from ._item_refs import install as _install_item_refs
from ._spikewafer import Network, Population, Projection, RunResult, Simulator


def _add_population(self: Network, **kwargs) -> PopulationRef:
    """Appends Population(**kwargs) and returns a handle to it: changes through the handle apply
    to the network, also after later additions (_item_refs.py)."""
    population = Population(**kwargs)
    if any(p.name == population.name for p in raw_items(self.populations)):
        raise ValueError(f"the network already has a population '{population.name}'; "
                         "give each population its own name")
    self.populations.append(population)
    return PopulationRef(self.populations, population.name, len(self.populations) - 1)


def _add_projection(self: Network, **kwargs) -> ProjectionRef:
    """Appends Projection(**kwargs) and returns a handle to it (as add_population)."""
    projection = Projection(**kwargs)
    self.projections.append(projection)
    return ProjectionRef(self.projections, len(self.projections) - 1)


def _population(self: Network, name: str) -> PopulationRef:
    """The population of this name, as a handle: changes apply to the network."""
    index = self.population_index(name)  # raises ValueError naming the populations there are
    return PopulationRef(self.populations, name, index)


def _population_number(result: RunResult, population) -> int:
    if isinstance(population, str):
        names = list(result.population_names)
        if population not in names:
            raise ValueError(f"population '{population}' is not in this result; it has {names}")
        return names.index(population)
    index = int(population)
    count = len(result.population_names)
    if not 0 <= index < count:
        raise IndexError(f"population {index} is not in this result; it has {count} "
                         f"populations (0 to {count - 1})")
    return index


def _spikes_of(self: RunResult, population, replica: int | None = None):
    """(times, neurons) of one population (name or index), of one replica or all."""
    s = self.spikes
    mask = s["population"] == _population_number(self, population)
    if replica is not None:
        mask &= s["replica"] == replica
    return s["time"][mask], s["neuron"][mask]


def _trace(self: RunResult, population, variable: str = "v") -> dict:
    """The trace group of one population and variable: values (rows x samples), neuron and
    replica per row, t0, interval, and times (the sample times, ms)."""
    name = self.population_names[_population_number(self, population)]
    for group in self.traces:
        if group["population"] == name and group["variable"] == variable:
            out = dict(group)
            out["times"] = group["t0"] + group["interval"] * np.arange(group["values"].shape[1])
            return out
    recorded = [(g["population"], g["variable"]) for g in self.traces]
    raise ValueError(f"no trace of '{variable}' in population '{name}'; recorded: {recorded}")


def _unwrapping(method):
    def call(self, index, item, *args, **kwargs):
        return method(self, index, unwrap(item), *args, **kwargs)
    call.__doc__ = method.__doc__
    call.__name__ = method.__name__
    return call


def install() -> None:
    _install_item_refs()
    Network.add_population = _add_population
    Network.add_projection = _add_projection
    Network.population = _population
    Simulator.set_population = _unwrapping(Simulator.set_population)
    Simulator.set_projection = _unwrapping(Simulator.set_projection)
    RunResult.spikes_of = _spikes_of
    RunResult.trace = _trace
