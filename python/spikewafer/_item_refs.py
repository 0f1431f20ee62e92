"""Populations and projections, and everything inside them, held by path, not by address.

The network's lists are C++ vectors bound as Python lists whose items refer into the vector, and
an item's parts (``pop.params``, ``proj.stp``, ``pop.dc_sources[0]``) refer into the item. A
reference kept across an append (the vector moves) or a clear points into freed memory: printing
it raised MemoryError, 200 additions crashed the interpreter, writes were lost. So the lists'
items (``net.populations[0]``, iteration), ``add_population``, ``add_projection`` and
``Network.population`` return handles instead, and so does every part read through a handle:
each use finds the object again from the list (a population by its name, a projection by its
index, checked against its source, target and receptor, a part by its attribute name or index)
and fails with a LookupError once it is gone.
"""

from __future__ import annotations

from . import _spikewafer
from ._spikewafer import Population, Projection

_BOUND_MODULE = _spikewafer.__name__


def _is_bound_object(value) -> bool:
    """A C++ object that may live inside another (not an enum: enums are values)."""
    kind = type(value)
    return kind.__module__ == _BOUND_MODULE and not hasattr(kind, "__members__")


def unwrap(item):
    """The object itself, for calls that need one (Simulator.set_population, assignments)."""
    return item._item() if isinstance(item, _Ref) else item


class _Ref:
    """Resolves its object at every use; attributes and items that are C++ objects come back as
    handles too. isinstance() sees the object's class."""

    __slots__ = ()

    def _item(self):  # pragma: no cover - defined by subclasses
        raise NotImplementedError

    @property
    def __class__(self):
        return type(self._item())

    def __getattr__(self, name):
        value = getattr(self._item(), name)
        return _AttributeRef(self, name) if _is_bound_object(value) else value

    def __setattr__(self, name, value):
        setattr(self._item(), name, unwrap(value))

    def __getitem__(self, key):
        value = _raw_get(self._item(), key)
        if isinstance(key, int) and _is_bound_object(value):
            return _IndexRef(self, key if key >= 0 else key + len(self._item()))
        return value

    def __setitem__(self, key, value):
        self._item()[key] = unwrap(value)

    def __delitem__(self, key):
        del self._item()[key]

    def __len__(self):
        return len(self._item())

    def __iter__(self):
        return (self[k] for k in range(len(self._item())))

    def __contains__(self, value):
        return unwrap(value) in self._item()

    def __eq__(self, other):
        return self._item() == unwrap(other)

    __hash__ = None

    def __repr__(self):
        return repr(self._item())


class _AttributeRef(_Ref):
    __slots__ = ("_owner", "_name")

    def __init__(self, owner: _Ref, name: str):
        object.__setattr__(self, "_owner", owner)
        object.__setattr__(self, "_name", name)

    def _item(self):
        return getattr(self._owner._item(), self._name)


class _IndexRef(_Ref):
    __slots__ = ("_owner", "_index")

    def __init__(self, owner: _Ref, index: int):
        object.__setattr__(self, "_owner", owner)
        object.__setattr__(self, "_index", index)

    def _item(self):
        items = self._owner._item()
        if self._index >= len(items):
            raise LookupError(f"item {self._index} is no longer in the list "
                              f"(it has {len(items)} items)")
        return _raw_get(items, self._index)


# The lists' own item access, kept before install() replaces it with handles.
_raw_getitem = {}


def _raw_get(items, key):
    return _raw_getitem.get(type(items), type(items).__getitem__)(items, key)


def raw_items(items):
    return [_raw_get(items, k) for k in range(len(items))]


class PopulationRef(_Ref):
    """A population of a network, found by its name at every use (see the module's doc); where
    it was last found is tried first."""

    __slots__ = ("_list", "_name", "_hint")

    def __init__(self, populations, name: str, hint: int = 0):
        object.__setattr__(self, "_list", populations)
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_hint", hint)

    def _item(self) -> Population:
        items = self._list
        if self._hint < len(items):
            population = _raw_get(items, self._hint)
            if population.name == self._name:
                return population
        populations = raw_items(items)
        for k, population in enumerate(populations):
            if population.name == self._name:
                object.__setattr__(self, "_hint", k)
                return population
        raise LookupError(f"population '{self._name}' is no longer in the network "
                          f"(it has {[p.name for p in populations]})")


class ProjectionRef(_Ref):
    """A projection of a network, found by its index at every use and checked against its
    source, target and receptor (see the module's doc)."""

    __slots__ = ("_list", "_key")

    def __init__(self, projections, index: int):
        p = _raw_get(projections, index)
        object.__setattr__(self, "_list", projections)
        object.__setattr__(self, "_key", (index, p.source, p.target, p.receptor))

    def _item(self) -> Projection:
        index, source, target, receptor = self._key
        if index < len(self._list):
            p = _raw_get(self._list, index)
            if (p.source, p.target, p.receptor) == (source, target, receptor):
                return p
        raise LookupError(f"projection {index} ({source} -> {target}, {receptor}) is no longer "
                          f"in the network (it has {len(self._list)} projections)")


def _handle_list(list_type, handle):
    """Makes list_type's items (by index and by iteration) handles, and its writers unwrap."""
    raw_getitem = list_type.__getitem__
    raw_setitem = list_type.__setitem__
    raw_append, raw_insert = list_type.append, list_type.insert
    _raw_getitem[list_type] = raw_getitem

    def getitem(self, key):
        if not isinstance(key, int):
            return raw_getitem(self, key)  # a slice: a copy
        raw_getitem(self, key)  # raises IndexError as a list does
        return handle(self, key if key >= 0 else key + len(self))

    list_type.__getitem__ = getitem
    list_type.__iter__ = lambda self: (handle(self, k) for k in range(len(self)))
    list_type.__setitem__ = lambda self, key, value: raw_setitem(self, key, unwrap(value))
    list_type.append = lambda self, value: raw_append(self, unwrap(value))
    list_type.insert = lambda self, index, value: raw_insert(self, index, unwrap(value))


def install() -> None:
    _handle_list(_spikewafer.PopulationList,
                 lambda items, k: PopulationRef(items, _raw_get(items, k).name, k))
    _handle_list(_spikewafer.ProjectionList, ProjectionRef)
    _handle_list(_spikewafer.DCSourceList, _ListItemRef)


class _ListItemRef(_IndexRef):
    """An item of a list that has no names (the DC sources of a population), by index."""

    __slots__ = ()

    def __init__(self, items, index: int):
        super().__init__(_Fixed(items), index)


class _Fixed:
    """An owner that is the object itself (a list that does not move)."""

    __slots__ = ("_value",)

    def __init__(self, value):
        self._value = value

    def _item(self):
        return self._value
