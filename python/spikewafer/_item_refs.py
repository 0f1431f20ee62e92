"""Populations and projections held by name, not by address.

The network's lists are C++ vectors bound as Python lists whose items refer into the vector. A
reference kept across an append (the vector moves) or a clear points into freed memory: printing
it raised MemoryError, 200 additions crashed the interpreter, writes were lost. So
``add_population``, ``add_projection`` and ``Network.population`` return these handles instead:
each attribute access finds the item again (a population by its name, a projection by its index,
checked against its source, target and receptor) and fails with a LookupError once it is gone.
"""

from __future__ import annotations

from ._spikewafer import Network, Population, Projection


class _ItemRef:
    __slots__ = ("_network", "_key")

    def __init__(self, network: Network, key):
        object.__setattr__(self, "_network", network)
        object.__setattr__(self, "_key", key)

    def _item(self):  # pragma: no cover - defined by subclasses
        raise NotImplementedError

    def __getattr__(self, name):
        return getattr(self._item(), name)

    def __setattr__(self, name, value):
        setattr(self._item(), name, value)

    def __eq__(self, other):
        return self._item() == (other._item() if isinstance(other, _ItemRef) else other)

    __hash__ = None

    def __repr__(self):
        return repr(self._item())


class PopulationRef(_ItemRef):
    """A population of a network, found by its name at every use (see the module's doc)."""

    __slots__ = ()

    def _item(self) -> Population:
        network, name = self._network, self._key
        for population in network.populations:
            if population.name == name:
                return population
        raise LookupError(f"population '{name}' is no longer in the network "
                          f"(it has {[p.name for p in network.populations]})")


class ProjectionRef(_ItemRef):
    """A projection of a network, found by its index at every use and checked against its
    source, target and receptor (see the module's doc)."""

    __slots__ = ()

    def _item(self) -> Projection:
        index, source, target, receptor = self._key
        projections = self._network.projections
        if index < len(projections):
            p = projections[index]
            if (p.source, p.target, p.receptor) == (source, target, receptor):
                return p
        raise LookupError(f"projection {index} ({source} -> {target}, {receptor}) is no longer "
                          f"in the network (it has {len(projections)} projections)")


def unwrap(item):
    """The population or projection itself, for calls that need one (Simulator.set_population)."""
    return item._item() if isinstance(item, _ItemRef) else item
