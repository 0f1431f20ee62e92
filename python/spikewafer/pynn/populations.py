"""Population, PopulationView and Assembly of the spikewafer PyNN backend.

Parameters and initial values live in numpy arrays here (one value per neuron). Each PyNN
population is one engine population: values that differ between neurons become the engine's
per-neuron lists. Changes after a run reach the running engine (Simulator.set_population).
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

    @property
    def receptor_types(self):
        """The receptor types common to all populations, in the first one's order. PyNN's own
        comes out of a set, so a Projection onto an Assembly without receptor_type was
        excitatory or inhibitory depending on the interpreter's hash seed."""
        common_types = set(common.Assembly.receptor_types.fget(self))
        return [t for t in self.populations[0].celltype.receptor_types if t in common_types]

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


def _check_spike_times(parameters):
    """A SpikeSourceArray's trains must be sorted (PyNN: InvalidParameterValueError), as the
    engine emits them in the order given."""
    for train in parameters.get("spike_times", ()):
        t = np.asarray(getattr(train, "value", train), float).ravel()
        if np.any(np.diff(t) < 0):
            raise errors.InvalidParameterValueError(
                f"spike_times must be in increasing order; got {t.tolist()}")


class Population(_ParameterMixin, common.Population):
    __doc__ = common.Population.__doc__
    _simulator = simulator
    _recorder_class = Recorder
    _assembly_class = Assembly

    def __init__(self, *args, **kwargs):
        simulator.state.structure_changed("creating a Population")
        self._initial = {}
        self._initial_dist = {}
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
        _check_spike_times(self._parameters)

    def _get_view(self, selector, label=None):
        return PopulationView(self, selector, label)

    # --- parameters ---------------------------------------------------------------------
    def _update_parameters(self, values, idx):
        for name, value in values.items():
            if name not in self._parameters:
                raise errors.NonExistentParameterError(name, self.celltype.__class__.__name__,
                                                       self.celltype.get_parameter_names())
            arr = self._parameters[name]
            if arr.dtype == object:
                value = np.asarray(value, dtype=object)
            arr[slice(None) if idx is None else idx] = value
        _check_spike_times(self._parameters)
        simulator.state.population_changed(self)

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
        # After a run the engine keeps the new values for the next reset(), as PyNN does.
        simulator.state.population_changed(self)

    # --- the engine's description -------------------------------------------------------
    def _engine_description(self):
        """Keyword arguments of this population's spikewafer.Population (but name, record and
        dc_sources, which the simulator adds)."""
        model = self.celltype.engine_model
        state = simulator.state
        d = dict(size=self.size, model=model)
        if model == "SpikeSourceArray":
            trains = []
            for seq in self._parameters["spike_times"]:
                t = np.asarray(getattr(seq, "value", seq), float).ravel()
                if np.any(t < state.dt - 1e-9):
                    simulator.warn_dropped(
                        f"{self.label}: spikes before t = dt ({state.dt} ms) cannot be emitted "
                        "(a spike is emitted at the end of a step) and are dropped")
                    t = t[t >= state.dt - 1e-9]
                if np.any(np.diff(np.floor(t / state.dt + 0.5)) == 0):
                    simulator.warn_dropped(
                        f"{self.label}: spikes closer than dt ({state.dt} ms) fall on one step; "
                        "the engine emits one per step and sends the others in the next free "
                        "steps")
                trains.append(t)
            d["spike_times"] = trains
            self._engine_trains = trains  # for recording exact times (spike_precision)
            return d
        per_neuron = {}
        if model == "SpikeSourcePoisson":
            start = self._parameters["start"]
            duration = self._parameters["duration"]
            stop = np.where(duration >= 1e9, 1e300, start + duration)
            values = dict(self.celltype.engine_process(self._parameters), start=start, stop=stop)
            for name, value in values.items():
                _uniform_or_list(name, value, d, per_neuron)
            d["per_neuron"] = per_neuron
            return d
        # neuron models
        params = {}
        for k in simulator._NEURON_KEYS:
            if k in self._parameters:
                _uniform_or_list(k, self._parameters[k], params, per_neuron)
        params["i_offset"] = 0.0
        i_offset = self._parameters["i_offset"]
        if np.any(i_offset != 0.0):
            d["i_offset_per_neuron"] = np.asarray(i_offset, float)
        d.update(params=params, per_neuron=per_neuron, initial=self._engine_initial())
        return d

    def _engine_initial(self):
        """Initial values: an engine distribution (drawn per neuron and replica), one number,
        or one value per neuron (the same in every replica)."""
        initial = {}
        for var, values in self._initial.items():
            name = simulator._INITIAL[var]
            unset = np.isnan(values)
            dist = self._initial_dist.get(var)
            if unset.all():
                if dist is not None:
                    initial[name] = dist
                continue
            if unset.any():  # partly set through views: draw the rest here, or the default
                values = values.copy()
                if dist is not None:
                    rng = np.random.default_rng([simulator.state.seed, 104729,
                                                 simulator.state.populations.index(self)])
                    values[unset] = _draw(dist, rng, int(unset.sum()))
                else:
                    default = self.celltype.default_initial_values.get(var, 0.0)
                    values[unset] = default
            if np.all(values == values[0]):
                initial[name] = float(values[0])
            else:
                initial[name + "_per_neuron"] = np.asarray(values, float)
        return initial


def _uniform_or_list(name, values, scalars, lists):
    """One number where every neuron has the same value, else the per-neuron list."""
    values = np.asarray(values, float)
    if values.size and np.all(values == values[0]):
        scalars[name] = float(values[0])
    else:
        lists[name] = values


def _draw(dist, rng, n):
    """n values of an engine Distribution, drawn here (the same in every replica)."""
    if dist.kind == sw.Distribution.Kind.uniform:
        return rng.uniform(dist.a, dist.b, n)
    if dist.kind == sw.Distribution.Kind.normal:
        return rng.normal(dist.a, dist.b, n)
    return np.full(n, dist.a)
