"""Simulation state of the spikewafer PyNN backend, and the translation into the engine.

PyNN objects only collect the description (numpy arrays). At the first run() after a change the
whole description is translated into one spikewafer.Network (populations split into engine
populations of equal parameters, every projection given as explicit connection lists) and a
spikewafer.Simulator is built; continuing runs call Simulator.run again; reset() calls
Simulator.reset and starts a new neo Segment.
"""

from __future__ import annotations

import warnings

import numpy as np
from pyNN import common

import spikewafer as sw

name = "spikewafer"

# Most engine populations one PyNN population may be split into (one per distinct combination
# of per-neuron parameters and initial values).
MAX_GROUPS = 1024

_LIF_KEYS = ("tau_m", "cm", "v_rest", "v_thresh", "v_reset", "tau_refrac", "tau_syn_E",
             "tau_syn_I", "e_rev_E", "e_rev_I")
_INITIAL = {"v": "v", "gsyn_exc": "syn_exc", "isyn_exc": "syn_exc", "gsyn_inh": "syn_inh",
            "isyn_inh": "syn_inh"}
_TRACE_KEY = {"v": "v", "gsyn_exc": "syn_exc", "isyn_exc": "syn_exc", "gsyn_inh": "syn_inh",
              "isyn_inh": "syn_inh"}


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
        self.max_delay = 10.0
        self.replicas = 1
        self.seed = 1
        self.threads = 0
        self.backend = "cpu"
        self.segment_counter = -1
        self.selected_replica = 0
        self.clear()

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
        self.step = 0
        self.reset()

    @property
    def t(self):
        return self.step * self.dt

    def structure_changed(self, what):
        """Called before any change of the description; the simulator is rebuilt at run()."""
        if self.step > 0:
            raise NotImplementedError(
                f"spikewafer: {what} after run() needs reset() first: the engine cannot change "
                "a built network while keeping its state (only i_offset can change between "
                "runs; see docs/pynn.md)")
        self._sim = None

    def i_offset_changed(self):
        """i_offset changes between runs: rebuilt with the change as a DC step, then replayed."""
        self._sim = None

    # --- control ------------------------------------------------------------------------
    def run(self, simtime):
        self.run_until(self.t + simtime)

    def run_until(self, tstop):
        target = int(round(tstop / self.dt))
        steps = max(0, target - self.step)
        if self._sim is None:
            self._build()
            if self.step > 0:  # replay the part already simulated (bit-identical)
                self._sim.run(self.step * self.dt)
        if steps:
            self._sim.run(steps * self.dt)
        self.step += steps
        self._result = None
        self.running = True

    def reset(self):
        self.running = False
        self.step = 0
        self.t_start = 0
        self.segment_counter += 1
        self._result = None
        rebuild = False
        for p in getattr(self, "populations", []):
            rebuild |= p._start_segment()
        if rebuild:
            self._sim = None
        if self._sim is not None:
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
        n_ids = self.id_counter
        eng_pop_of_id = np.full(n_ids, -1, np.int64)
        eng_local_of_id = np.full(n_ids, -1, np.int64)
        names, id_of_engine, owner = [], [], []
        for pi, p in enumerate(self.populations):
            for g, group in enumerate(p._engine_groups()):
                members = group.pop("members")
                e = len(names)
                names.append(f"p{pi}_g{g}")
                owner.append(p)
                ids = np.asarray(p.all_cells, np.int64)[members]
                eng_pop_of_id[ids] = e
                eng_local_of_id[ids] = np.arange(members.size)
                id_of_engine.append(ids)
                net.add_population(name=names[-1], size=int(members.size), **group)
        self._engine = {"names": names, "owner": owner,
                        "id_of_engine": (np.concatenate(id_of_engine) if id_of_engine
                                         else np.zeros(0, np.int64))}
        # current sources (DCSource, StepCurrentSource) and i_offset changes between runs
        pulses = [[] for _ in names]
        for src in self.current_sources:
            ids = src._ids_array()
            if ids.size == 0:
                continue
            for amp, start, stop, extra in src.pulses():
                _add_pulses(pulses, eng_pop_of_id[ids], eng_local_of_id[ids], amp, start, stop,
                            extra)
        for p in self.populations:
            for t_change, delta in p._i_offset_steps():
                ids = np.asarray(p.all_cells, np.int64)
                for value in np.unique(delta[delta != 0.0]):
                    sel = ids[delta == value]
                    _add_pulses(pulses, eng_pop_of_id[sel], eng_local_of_id[sel], float(value),
                                t_change, 1e300)
        for e, plist in enumerate(pulses):
            if plist:
                net.populations[e].dc_sources = [
                    sw.DCSource(amplitude=a, start=s, stop=t, neurons=n, **extra)
                    for a, s, t, n, extra in plist]
        # recording
        for e, p in enumerate(owner):
            spec = p.recorder._record_spec(eng_pop_of_id, eng_local_of_id, e)
            if spec:
                net.populations[e].record = spec
        # projections
        for prj in self.projections:
            prj._add_to_network(net, names, eng_pop_of_id, eng_local_of_id)
        try:
            self._sim = sw.Simulator(net, backend=self.backend, threads=self.threads)
        except ValueError as err:
            raise _engine_error(err) from err


def _add_pulses(pulses, eng_pops, eng_locals, amp, start, stop, extra=None):
    for e in np.unique(eng_pops):
        neurons = eng_locals[eng_pops == e]
        pulses[int(e)].append((amp, start, stop, np.sort(neurons).astype(np.uint32),
                               dict(extra or {})))


def _engine_error(err):
    from pyNN import errors
    msg = str(err)
    if "delay" in msg:
        return errors.ConnectionError(f"spikewafer: {msg}")
    if "dynamics" in msg or "short-term" in msg or "share" in msg:
        return NotImplementedError(f"spikewafer: {msg}")
    return errors.InvalidParameterValueError(f"spikewafer: {msg}")


def group_rows(columns):
    """Rows of equal values: (inverse index per row, number of groups). NaN compares equal."""
    if not columns:
        return None, 1
    m = np.column_stack([np.nan_to_num(np.asarray(c, float), nan=-1.2345e300) for c in columns])
    if m.shape[0] == 0:
        return np.zeros(0, np.int64), 0
    _, inverse = np.unique(m, axis=0, return_inverse=True)
    inverse = inverse.ravel()
    return inverse, int(inverse.max()) + 1


def poisson_trains(rng, n, rate, start, duration, dt):
    """Spike times of n Poisson trains (rate Hz in [start, start + duration) ms), on the grid."""
    trains = []
    for k in range(n):
        count = rng.poisson(rate[k] * duration[k] / 1000.0) if rate[k] > 0 else 0
        t = np.sort(rng.uniform(start[k], start[k] + duration[k], count))
        t = np.unique(np.maximum(np.round(t / dt), 1.0)) * dt
        trains.append(t)
    return trains


def warn_dropped(what):
    warnings.warn(f"spikewafer: {what}", RuntimeWarning, stacklevel=3)


state = State()
