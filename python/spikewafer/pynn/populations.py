"""Population, PopulationView and Assembly of the spikewafer PyNN backend.

Parameters and initial values live in numpy arrays here (one value per neuron); the engine gets
them at the next build, one engine population per distinct combination of values.
"""

from __future__ import annotations

import numpy as np
from pyNN import common, errors
from pyNN.parameters import ParameterSpace, simplify
from pyNN.random import RandomDistribution
from pyNN.standardmodels import StandardCellType

import spikewafer as sw

from . import simulator
from .recording import Recorder

_ENGINE_DIST = {"uniform": ("uniform", "low", "high"), "normal": ("normal", "mu", "sigma")}


def _engine_distribution(value):
    """An engine Distribution for a LazyArray that is a plain uniform/normal RandomDistribution."""
    base = value.base_value
    if not isinstance(base, RandomDistribution) or value.operations:
        return None
    spec = _ENGINE_DIST.get(base.name)
    if spec is None:
        return None
    kind, a, b = spec
    return getattr(sw.Distribution, kind)(float(base.parameters[a]), float(base.parameters[b]))


class Assembly(common.Assembly):
    _simulator = simulator

    def get_data(self, variables="all", gather=True, clear=False, annotations=None,
                 replica=None):
        return _per_replica(lambda: common.Assembly.get_data(
            self, variables, gather, False, annotations), replica, clear, self)


def _per_replica(get, replica, clear, obj):
    """One Block (replica given, or one replica) or a list of one Block per replica."""
    state = simulator.state
    previous = state.selected_replica
    try:
        if replica is None and state.replicas > 1:
            out = []
            for r in range(state.replicas):
                state.selected_replica = r
                out.append(get())
        else:
            r = 0 if replica is None else int(replica)
            if not 0 <= r < state.replicas:
                raise IndexError(f"replica {r} out of range (replicas={state.replicas})")
            state.selected_replica = r
            out = get()
    finally:
        state.selected_replica = previous
    if clear:
        pops = obj.populations if isinstance(obj, common.Assembly) else [obj]
        for p in pops:
            p.recorder.clear()
    return out


class _ParameterMixin:
    def _root_index(self):
        return None

    def _get_parameters(self, *names):
        if isinstance(self.celltype, StandardCellType):
            if any(name in self.celltype.computed_parameters() for name in names):
                native_names = self.celltype.get_native_names()
            else:
                native_names = self.celltype.get_native_names(*names)
            native = self._get_native_parameters(*native_names)
            return self.celltype.reverse_translate(native)
        return self._get_native_parameters(*names)

    def _get_native_parameters(self, *names):
        root, idx = self._root()
        d = {}
        for name in names:
            value = root._parameters[name]
            d[name] = simplify(value if idx is None else value[idx])
        return ParameterSpace(d, shape=(self.size,))

    def _set_parameters(self, parameter_space):
        root, idx = self._root()
        parameter_space.evaluate(simplify=False)
        root._update_parameters(dict(parameter_space.items()), idx)

    def get_data(self, variables="all", gather=True, clear=False, locations=None, replica=None):
        return _per_replica(lambda: common.Population.get_data(
            self, variables, gather, False, locations), replica, clear, self._root()[0])


class PopulationView(_ParameterMixin, common.PopulationView):
    _assembly_class = Assembly
    _simulator = simulator

    def _root(self):
        root = self.grandparent
        return root, root.id_to_index(self.all_cells)

    def _set_initial_value_array(self, variable, initial_values):
        root, idx = self._root()
        values = initial_values.evaluate(simplify=False)
        root._set_initial_values_at(variable, np.broadcast_to(values, (self.size,)), idx)

    def _get_view(self, selector, label=None):
        return PopulationView(self, selector, label)


class Population(_ParameterMixin, common.Population):
    __doc__ = common.Population.__doc__
    _simulator = simulator
    _recorder_class = Recorder
    _assembly_class = Assembly

    def __init__(self, *args, **kwargs):
        simulator.state.structure_changed("creating a Population")
        self._initial = {}
        self._initial_dist = {}
        self._i_offset_changes = []
        self._initial_changed = False
        common.Population.__init__(self, *args, **kwargs)
        simulator.state.populations.append(self)

    def _root(self):
        return self, None

    def _create_cells(self):
        state = simulator.state
        ids = np.arange(state.id_counter, state.id_counter + self.size)
        self.all_cells = np.array([simulator.ID(i) for i in ids], dtype=simulator.ID)
        self._mask_local = np.ones(self.size, bool)
        for cell in self.all_cells:
            cell.parent = self
        state.id_counter += self.size
        ps = self.celltype.native_parameters
        ps.shape = (self.size,)
        ps.evaluate(simplify=False)
        self._parameters = {}
        for name, value in ps.items():
            self._parameters[name] = (np.array(value, dtype=float) if value.dtype != object
                                      else np.array(value, dtype=object))
        self._i_offset_base = self._parameters.get("i_offset", np.zeros(self.size)).copy()

    def _get_view(self, selector, label=None):
        return PopulationView(self, selector, label)

    # --- parameters ---------------------------------------------------------------------
    def _update_parameters(self, values, idx):
        state = simulator.state
        names = sorted(values)
        if state.step > 0 and names == ["i_offset"]:
            new = self._parameters["i_offset"].copy()
            new[slice(None) if idx is None else idx] = values["i_offset"]
            self._i_offset_changes.append((state.t, new))
            self._parameters["i_offset"] = new
            state.i_offset_changed()
            return
        state.structure_changed(f"setting {', '.join(names)}")
        for name, value in values.items():
            if name not in self._parameters:
                raise errors.NonExistentParameterError(name, self.celltype.__class__.__name__,
                                                       self.celltype.get_parameter_names())
            arr = self._parameters[name]
            if arr.dtype == object:
                value = np.asarray(value, dtype=object)
            arr[slice(None) if idx is None else idx] = value
        if "i_offset" in values:
            self._i_offset_base = self._parameters["i_offset"].copy()

    def _i_offset_steps(self):
        """[(t ms, change of i_offset per neuron)] since the start of this segment."""
        out, previous = [], self._i_offset_base
        for t, new in self._i_offset_changes:
            out.append((t, new - previous))
            previous = new
        return out

    def _start_segment(self):
        """At reset(): the latest parameters hold from t = 0. True if a rebuild is needed."""
        rebuild = bool(self._i_offset_changes) or self._initial_changed
        if self._i_offset_changes:
            self._i_offset_changes = []
            self._i_offset_base = self._parameters["i_offset"].copy()
        self._initial_changed = False
        return rebuild

    # --- initial values -----------------------------------------------------------------
    def _set_initial_value_array(self, variable, initial_values):
        if variable not in simulator._INITIAL:
            raise errors.InvalidParameterValueError(
                f"spikewafer: {self.celltype.__class__.__name__} has no state variable "
                f"'{variable}' to initialise")
        self._note_initial_change()
        dist = _engine_distribution(initial_values)
        if dist is not None:
            self._initial[variable] = np.full(self.size, np.nan)
            self._initial_dist[variable] = dist
        else:
            values = initial_values.evaluate(simplify=False)
            self._initial[variable] = np.array(np.broadcast_to(values, (self.size,)), float)
            self._initial_dist.pop(variable, None)

    def _set_initial_values_at(self, variable, values, idx):
        self._note_initial_change()
        arr = self._initial.setdefault(variable, np.full(self.size, np.nan))
        arr[idx] = values

    def _note_initial_change(self):
        state = simulator.state
        if state.step > 0:
            self._initial_changed = True  # takes effect at the next reset()
        else:
            state.structure_changed("initialize()")

    # --- engine groups ------------------------------------------------------------------
    def _engine_groups(self):
        model = self.celltype.engine_model
        n = self.size
        state = simulator.state
        if model == "SpikeSourceArray":
            trains = []
            for seq in self._parameters["spike_times"]:
                t = np.asarray(getattr(seq, "value", seq), float).ravel()
                if np.any(t < state.dt - 1e-9):
                    simulator.warn_dropped(
                        f"{self.label}: spikes before t = dt ({state.dt} ms) cannot be emitted "
                        "(a spike is emitted at the end of a step) and are dropped")
                    t = t[t >= state.dt - 1e-9]
                trains.append(t)
            return [dict(members=np.arange(n), model=model, spike_times=trains)]
        if model == "SpikeSourcePoisson":
            rate = self._parameters["rate"]
            start = self._parameters["start"]
            duration = self._parameters["duration"]
            if np.any(rate < 0):
                raise errors.InvalidParameterValueError("SpikeSourcePoisson: rate must be >= 0")
            native = (start == 0) & (duration >= 1e9)
            groups = []
            for r in np.unique(rate[native]):
                groups.append(dict(members=np.nonzero(native & (rate == r))[0], model=model,
                                   rate=float(r)))
            rest = np.nonzero(~native)[0]
            if rest.size:
                if np.any(duration[rest] >= 1e9):
                    raise NotImplementedError(
                        "spikewafer: SpikeSourcePoisson with start > 0 and no finite duration is "
                        "not available (the engine's Poisson source runs from t = 0); give a "
                        "duration")
                pi = state.populations.index(self)
                rng = np.random.default_rng([state.seed, 7919, pi])
                trains = simulator.poisson_trains(rng, rest.size, rate[rest], start[rest],
                                                  duration[rest], state.dt)
                groups.append(dict(members=rest, model="SpikeSourceArray", spike_times=trains))
            return groups
        # LIF models
        keys = [k for k in simulator._LIF_KEYS if k in self._parameters]
        initial_vars = [v for v in ("v", "gsyn_exc", "isyn_exc", "gsyn_inh", "isyn_inh")
                        if v in self._initial]
        columns = [self._parameters[k] for k in keys] + [self._initial[v] for v in initial_vars]
        inverse, count = simulator.group_rows(columns)
        if count > simulator.MAX_GROUPS:
            raise NotImplementedError(
                f"spikewafer: population '{self.label}' has {count} distinct combinations of "
                f"per-neuron parameters and initial values (at most {simulator.MAX_GROUPS}): the "
                "engine holds neuron parameters per population. Per-neuron i_offset, and initial "
                "values drawn from a uniform or normal RandomDistribution for the whole "
                "population, are free")
        groups = []
        for g in range(count):
            members = np.nonzero(inverse == g)[0]
            first = members[0]
            params = {k: float(self._parameters[k][first]) for k in keys}
            params["i_offset"] = 0.0
            initial = {}
            for var in initial_vars:
                value = self._initial[var][first]
                engine_name = simulator._INITIAL[var]
                if np.isnan(value):
                    dist = self._initial_dist.get(var)
                    if dist is not None:
                        initial[engine_name] = dist
                else:
                    initial[engine_name] = float(value)
            group = dict(members=members, model=model, params=params, initial=initial)
            i_off = self._i_offset_base[members]
            if np.any(i_off != 0.0):
                group["i_offset_per_neuron"] = i_off
            groups.append(group)
        return groups
