"""Simulation state of the spikewafer PyNN backend, and the translation into the engine.

PyNN objects only collect the description (numpy arrays). At the first run() the whole
description is translated into one spikewafer.Network (one engine population per PyNN
population, every projection given as explicit connection lists) and a spikewafer.Simulator is
built; continuing runs call Simulator.run again; reset() calls Simulator.reset and starts a new
neo Segment. Populations whose parameters, initial values, recording or current sources change
after a run are handed to the running engine (Simulator.set_population) before it goes on, and
so are projections whose weights or delays change (Simulator.set_projection).
"""

from __future__ import annotations

import warnings

import numpy as np
from pyNN import common

import spikewafer as sw

name = "spikewafer"

# The neuron models' parameters as the engine names them (a model passes those it has).
_NEURON_KEYS = ("tau_m", "cm", "v_rest", "v_thresh", "v_reset", "tau_refrac", "tau_syn_E",
                "tau_syn_I", "e_rev_E", "e_rev_I", "a", "b", "delta_T", "tau_w", "v_spike",
                "gbar_Na", "gbar_K", "g_leak", "v_offset", "e_rev_Na", "e_rev_K", "e_rev_leak")
_INITIAL = {"v": "v", "gsyn_exc": "syn_exc", "isyn_exc": "syn_exc", "gsyn_inh": "syn_inh",
            "isyn_inh": "syn_inh", "w": "w", "m": "m", "h": "h", "n": "n"}
_TRACE_KEY = {"v": "v", "gsyn_exc": "syn_exc", "isyn_exc": "syn_exc", "gsyn_inh": "syn_inh",
              "isyn_inh": "syn_inh", "w": "w"}


class ID(int, common.IDMixin):
    def __init__(self, n):
        int.__init__(n)
        common.IDMixin.__init__(self)


class State(common.control.BaseState):
    def __init__(self):
        common.control.BaseState.__init__(self)
        self.mpi_rank = 0
        self.num_processes = 1
        self.dt = 0.1
        self.min_delay = 0.1
        self.min_delay_auto = False  # setup(min_delay="auto"): the smallest delay there is
        self.spike_precision = "on_grid"  # "off_grid": spike sources record their exact times
        self.max_delay = 10.0
        self.replicas = 1
        self.seed = 1
        self.threads = 0
        self.backend = "cpu"
        self.segment_counter = -1
        self.selected_replica = 0
        self.clear()

    def __getattribute__(self, name):
        # min_delay = "auto": the smallest delay of the projections made so far (dt without
        # any), as NEST gives it; get_min_delay() and the default delay read it here.
        if name == "min_delay" and object.__getattribute__(self, "min_delay_auto"):
            delays = [p._params["delay"].min() for p in object.__getattribute__(self, "projections")
                      if p._params["delay"].size]
            return float(min(delays)) if delays else object.__getattribute__(self, "dt")
        return object.__getattribute__(self, name)

    # --- bookkeeping --------------------------------------------------------------------
    def clear(self):
        self.recorders = set()
        self.populations = []
        self.projections = []
        self.current_sources = []
        self.id_counter = 0
        self.segment_counter = -1
        self.write_on_end = []
        self._sim = None
        self._result = None
        self._engine = None
        self._changed = []
        self._changed_projections = []
        self._native_rngs = 0
        self.step = 0
        self.reset()

    def next_native_seed(self):
        """A seed for the next NativeRNG made without one (random.py): from the run's seed and
        how many were made since setup()."""
        self._native_rngs += 1
        return (self.seed * 1_000_003 + self._native_rngs) % 2**32

    @property
    def t(self):
        return self.step * self.dt

    def structure_changed(self, what):
        """Called before a change of the network's structure; the simulator is rebuilt at
        run()."""
        if self.step > 0:
            raise NotImplementedError(
                f"spikewafer: {what} after run() needs reset() first: the engine keeps its "
                "populations and connections while it runs (parameters, initial values, "
                "recording, current sources, weights and delays can change between runs; see "
                "docs/pynn.md)")
        self._sim = None
        self._changed = []
        self._changed_projections = []

    def population_changed(self, population):
        """A population's parameters, initial values, recording or current sources changed:
        the running engine takes the new description at the next run() or reset()."""
        if self._sim is None:
            return
        if self.step == 0:  # nothing simulated yet: build afresh (new initial state too)
            self._sim = None
            self._changed = []
            self._changed_projections = []
        elif population not in self._changed:
            self._changed.append(population)

    def projection_changed(self, projection):
        """A projection's weights or delays changed after a run: the running engine takes them
        at the next run() or reset()."""
        if self._sim is not None and projection not in self._changed_projections:
            self._changed_projections.append(projection)

    def cells_changed(self, ids):
        """The inputs of these cells (global IDs) changed (current sources)."""
        ids = np.asarray(ids, np.int64)
        for p in self.populations:
            cells = np.asarray(p.all_cells, np.int64)
            if ids.size and np.isin(cells, ids).any():
                self.population_changed(p)

    def _apply_changes(self):
        try:
            for p in self._changed:
                e = self.populations.index(p)
                self._sim.set_population(e, self._engine_population(e))
            for prj in self._changed_projections:
                for part in prj._parts:
                    self._sim.set_projection(part[0], prj._engine_projection(part))
        except ValueError as err:
            raise _engine_error(err) from err
        self._changed = []
        self._changed_projections = []

    # --- control ------------------------------------------------------------------------
    def run(self, simtime):
        self.run_until(self.t + simtime)

    def run_until(self, tstop):
        target = int(round(tstop / self.dt))
        steps = max(0, target - self.step)
        if self._sim is None:
            self._build()
        self._apply_changes()
        if steps:
            self._sim.run(steps * self.dt)
        self.step += steps
        for src in self.current_sources:  # before the sources can change for the next run
            src._capture(self.step)
        self._result = None
        self.running = True

    def reset(self):
        self.running = False
        self.step = 0
        self.t_start = 0
        self.segment_counter += 1
        self._result = None
        for src in self.current_sources:
            src._clear_trace()
        if self._sim is not None:
            self._apply_changes()
            self._sim.reset()

    def result(self):
        if self._result is None:
            if self._sim is None:
                return None
            self._result = self._sim.result()
        return self._result

    # --- translation into the engine ----------------------------------------------------
    def _build(self):
        net = sw.Network()
        net.simulation = sw.SimulationSettings(dt=self.dt, seed=self.seed, replicas=self.replicas)
        self._index_cells()
        for e in range(len(self.populations)):
            net.populations.append(self._engine_population(e))
        names = self._engine["names"]
        for prj in self.projections:
            prj._add_to_network(net, names, self._engine["pop_of_id"],
                                self._engine["local_of_id"])
        try:
            self._sim = sw.Simulator(net, backend=self.backend, threads=self.threads)
        except ValueError as err:
            raise _engine_error(err) from err
        self._changed = []
        self._changed_projections = []

    def _index_cells(self):
        """Engine population and local index of every cell ID (one engine population per PyNN
        population, in creation order)."""
        n_ids = self.id_counter
        pop_of_id = np.full(n_ids, -1, np.int64)
        local_of_id = np.full(n_ids, -1, np.int64)
        id_of_engine = []
        for e, p in enumerate(self.populations):
            ids = np.asarray(p.all_cells, np.int64)
            pop_of_id[ids] = e
            local_of_id[ids] = np.arange(ids.size)
            id_of_engine.append(ids)
        self._engine = {"names": [f"p{e}" for e in range(len(self.populations))],
                        "owner": list(self.populations),
                        "pop_of_id": pop_of_id, "local_of_id": local_of_id,
                        "id_of_engine": (np.concatenate(id_of_engine) if id_of_engine
                                         else np.zeros(0, np.int64))}

    def _engine_population(self, e):
        """The spikewafer.Population of PyNN population e as it is now."""
        p = self.populations[e]
        pop = sw.Population(name=self._engine["names"][e], **p._engine_description())
        local_of_id = self._engine["local_of_id"]
        sources = []
        for src in self.current_sources:
            ids = src._ids_array()
            ids = ids[self._engine["pop_of_id"][ids] == e] if ids.size else ids
            if ids.size == 0:
                continue
            neurons = np.sort(local_of_id[ids]).astype(np.uint32)
            pulses = src.pulses()
            src._slots[e] = range(len(sources), len(sources) + len(pulses))
            for amp, start, stop, extra in pulses:
                sources.append(sw.DCSource(amplitude=amp, start=start, stop=stop,
                                           neurons=neurons, **extra))
        pop.dc_sources = sources
        spec = p.recorder._record_spec(self._engine["pop_of_id"], local_of_id, e)
        if spec:
            pop.record = spec
        return pop


def _engine_error(err):
    from pyNN import errors
    msg = str(err)
    if "delay" in msg:
        return errors.ConnectionError(f"spikewafer: {msg}")
    if "dynamics" in msg or "short-term" in msg or "share" in msg:
        return NotImplementedError(f"spikewafer: {msg}")
    return errors.InvalidParameterValueError(f"spikewafer: {msg}")


def warn_dropped(what):
    warnings.warn(f"spikewafer: {what}", RuntimeWarning, stacklevel=3)


state = State()
