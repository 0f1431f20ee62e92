"""Conveniences on the bound classes that are easier to write in Python than in C++: adding
populations and projections with keywords, and picking one population's spikes or traces out of
a result. Each works on whole numpy arrays (boolean masks), never element by element."""

from __future__ import annotations

import numpy as np

from ._spikewafer import Network, Population, Projection, RunResult


def _add_population(self: Network, **kwargs) -> Population:
    """Appends Population(**kwargs) and returns it (a reference into the network)."""
    self.populations.append(Population(**kwargs))
    return self.populations[len(self.populations) - 1]


def _add_projection(self: Network, **kwargs) -> Projection:
    """Appends Projection(**kwargs) and returns it (a reference into the network)."""
    self.projections.append(Projection(**kwargs))
    return self.projections[len(self.projections) - 1]


def _population_number(result: RunResult, population) -> int:
    if isinstance(population, str):
        names = list(result.population_names)
        if population not in names:
            raise ValueError(f"population '{population}' is not in this result; it has {names}")
        return names.index(population)
    return int(population)


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


def install() -> None:
    Network.add_population = _add_population
    Network.add_projection = _add_projection
    RunResult.spikes_of = _spikes_of
    RunResult.trace = _trace
