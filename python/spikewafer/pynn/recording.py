"""Recorder of the spikewafer PyNN backend: reads spikes and traces from the engine's result."""

from __future__ import annotations

import numpy as np
from pyNN import recording
from pyNN.recording import DataCache

from . import simulator


class Recorder(recording.Recorder):
    _simulator = simulator

    def __init__(self, population, file=None):
        super().__init__(population, file)
        self._caches = {0: self.cache}
        self._clear_step = 0

    # --- what the engine records --------------------------------------------------------
    def _record(self, variable, new_ids, sampling_interval=None):
        state = simulator.state
        if sampling_interval is not None:
            steps = sampling_interval / state.dt
            if sampling_interval <= 0 or abs(steps - round(steps)) > 1e-9:
                raise ValueError(f"sampling_interval ({sampling_interval} ms) must be a positive "
                                 f"multiple of the time step ({state.dt} ms)")
            if variable.name != "spikes":
                self.sampling_interval = float(sampling_interval)
        if new_ids:
            state.population_changed(self.population)

    def _reset(self):
        simulator.state.population_changed(self.population)

    def _record_spec(self, eng_pop_of_id, eng_local_of_id, e):
        spec = {}
        signals = False
        for variable, ids in self.recorded.items():
            if not ids:
                continue
            ids = np.fromiter((int(i) for i in ids), np.int64)
            sel = ids[eng_pop_of_id[ids] == e]
            if sel.size == 0:
                continue
            if variable.name == "spikes":
                spec["spikes"] = True
            else:
                key = simulator._TRACE_KEY[variable.name]
                spec[key] = np.sort(eng_local_of_id[sel]).astype(np.uint32)
                signals = True
        if signals:
            dt = simulator.state.dt
            spec["sampling_interval"] = (0.0 if abs(self.sampling_interval - dt) < 1e-12
                                         else self.sampling_interval)
        return spec

    # --- reading back -------------------------------------------------------------------
    def _engine(self):
        state = simulator.state
        result = state.result()
        return state, result, state._engine

    def _get_spiketimes(self, ids, clear=False):
        state, result, engine = self._engine()
        ids = np.asarray([int(i) for i in ids], np.int64)
        if result is None:
            return ids[:0], np.zeros(0)
        s = result.spikes
        mask = s["replica"] == state.selected_replica
        gids = engine["id_of_engine"][s["sender"][mask]]
        times = s["time"][mask].astype(float)
        keep = np.isin(gids, ids)
        gids, times = gids[keep], times[keep]
        if state.spike_precision == "off_grid" and hasattr(self.population, "_engine_trains"):
            times = self._exact_times(gids, times)
        keep = times > self._clear_step * state.dt + 1e-9 if self._clear_step else times >= 0
        return gids[keep], times[keep]  # (NaN, a spike not yet due: neither)

    def _exact_times(self, gids, times):
        """spike_precision = "off_grid": a SpikeSourceArray's spikes at the times it was given
        (its k-th spike at its k-th time; the engine emits each, at most one a step), where it
        went out in the step the time rounds to; a spike queued to a later step (several in one
        step) keeps the time it went out."""
        state, engine = simulator.state, simulator.state._engine
        exact = times.copy()
        local = engine["local_of_id"][gids]
        for k in np.unique(local):
            where = np.flatnonzero(local == k)
            where = where[np.argsort(times[where], kind="stable")]
            given = self.population._engine_trains[k][:where.size]
            on_time = np.abs(given - times[where]) <= 0.5 * state.dt + 1e-9
            exact[where[on_time]] = given[on_time]
        # A spike given just after now that went out in the last step waits for the next window.
        return np.where(exact <= state.t + 1e-9, exact, np.nan)

    def _get_all_signals(self, variable, ids, clear=False):
        state, result, engine = self._engine()
        ids_arr = np.asarray([int(i) for i in ids], np.int64)
        interval_steps = max(1, int(round(self.sampling_interval / state.dt)))
        n_samples = state.step // interval_steps + 1
        out = np.full((n_samples, ids_arr.size), np.nan)
        if result is not None and ids_arr.size:
            order = np.argsort(ids_arr)
            sorted_ids = ids_arr[order]
            offsets = state._sim.offsets
            index_of = {name: e for e, name in enumerate(engine["names"])}
            root = self.population
            for group in result.traces:
                if group["variable"] != variable.name:
                    continue
                e = index_of[group["population"]]
                if engine["owner"][e] is not root:
                    continue
                rows = group["replica"] == state.selected_replica
                gids = engine["id_of_engine"][offsets[e] + group["neuron"][rows]]
                pos = np.searchsorted(sorted_ids, gids)
                pos = np.minimum(pos, sorted_ids.size - 1)
                valid = sorted_ids[pos] == gids
                values = group["values"][rows][valid].T.astype(float)
                # a trace whose recording began mid-run (t0 > 0) fills its part of the segment
                first = int(round(group["t0"] / (interval_steps * state.dt)))
                m = max(0, min(n_samples - first, values.shape[0]))
                out[first:first + m, order[pos[valid]]] = values[:m]
        start = self._clear_step // interval_steps
        return out[start:], None

    def _local_count(self, variable, filter_ids=None):
        ids = sorted(self.filter_recorded(variable, filter_ids))
        gids, _ = self._get_spiketimes(ids)
        counts = dict.fromkeys((int(i) for i in ids), 0)
        uniq, n = np.unique(gids, return_counts=True)
        for i, c in zip(uniq, n):
            counts[int(i)] = int(c)
        return counts

    def _clear_simulator(self):
        self._clear_step = simulator.state.step

    # --- segments per replica -----------------------------------------------------------
    def get(self, variables, gather=False, filter_ids=None, clear=False, annotations=None,
            locations=None):
        self.cache = self._caches.setdefault(simulator.state.selected_replica, DataCache())
        block = super().get(variables, gather, filter_ids, clear, annotations, locations)
        if simulator.state.replicas > 1:
            block.annotate(replica=simulator.state.selected_replica)
        return block

    def clear(self):
        for cache in self._caches.values():
            cache.clear()
        super().clear()

    def store_to_cache(self, annotations=None):
        state = simulator.state
        flag = self.clear_flag
        previous = state.selected_replica
        try:
            for r in range(state.replicas):
                state.selected_replica = r
                self.cache = self._caches.setdefault(r, DataCache())
                self.clear_flag = flag
                start = self._recording_start_time
                super().store_to_cache(annotations)
                if r + 1 < state.replicas:
                    self._recording_start_time = start
        finally:
            state.selected_replica = previous
        self._clear_step = 0
