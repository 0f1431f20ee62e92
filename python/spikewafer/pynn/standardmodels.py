"""Standard cell types, synapse types and current sources of the spikewafer PyNN backend.

Parameter names, units and defaults are PyNN's; the engine uses the same names and units
(include/spikewafer/network.hpp), so every translation is the identity.
"""

from __future__ import annotations

import numpy as np
from pyNN.parameters import ParameterSpace, Sequence
from pyNN.standardmodels import StandardCurrentSource, build_translations, cells, electrodes
from pyNN.standardmodels import synapses

from . import simulator

_LIF = ("tau_m", "cm", "v_rest", "v_thresh", "v_reset", "tau_refrac", "i_offset", "tau_syn_E",
        "tau_syn_I")
_COND = _LIF + ("e_rev_E", "e_rev_I")
_ADEX = _COND + ("a", "b", "delta_T", "tau_w", "v_spike")
_HH = ("gbar_Na", "gbar_K", "g_leak", "cm", "v_offset", "e_rev_Na", "e_rev_K", "e_rev_leak",
       "e_rev_E", "e_rev_I", "tau_syn_E", "tau_syn_I", "i_offset")


def _identity(names):
    return build_translations(*[(n, n) for n in names])


class IF_curr_exp(cells.IF_curr_exp):
    __doc__ = cells.IF_curr_exp.__doc__
    translations = _identity(_LIF)
    recordable = ["spikes", "v", "isyn_exc", "isyn_inh"]
    engine_model = "IF_curr_exp"


class IF_cond_exp(cells.IF_cond_exp):
    __doc__ = cells.IF_cond_exp.__doc__
    translations = _identity(_COND)
    engine_model = "IF_cond_exp"


class IF_curr_alpha(cells.IF_curr_alpha):
    __doc__ = cells.IF_curr_alpha.__doc__
    translations = _identity(_LIF)
    recordable = ["spikes", "v", "isyn_exc", "isyn_inh"]
    engine_model = "IF_curr_alpha"


class IF_cond_alpha(cells.IF_cond_alpha):
    __doc__ = cells.IF_cond_alpha.__doc__
    translations = _identity(_COND)
    engine_model = "IF_cond_alpha"


class EIF_cond_exp_isfa_ista(cells.EIF_cond_exp_isfa_ista):
    __doc__ = cells.EIF_cond_exp_isfa_ista.__doc__ + """
    On spikewafer: a fixed-step exponential Euler scheme (docs/models.md); the spike is
    detected when v reaches v_spike (NEST's V_peak).
    """
    translations = _identity(_ADEX)
    engine_model = "EIF_cond_exp_isfa_ista"


class EIF_cond_alpha_isfa_ista(cells.EIF_cond_alpha_isfa_ista):
    __doc__ = cells.EIF_cond_alpha_isfa_ista.__doc__ + """
    On spikewafer: as EIF_cond_exp_isfa_ista, with alpha-shaped conductances.
    """
    translations = _identity(_ADEX)
    engine_model = "EIF_cond_alpha_isfa_ista"


class HH_cond_exp(cells.HH_cond_exp):
    __doc__ = cells.HH_cond_exp.__doc__ + """
    On spikewafer: NEST's hh_cond_exp_traub equations, exponential Euler in substeps of at most
    0.01 ms (docs/models.md); a spike at the action potential's peak above v_offset + 30 mV,
    none for 2 ms after it, as in NEST. The gates m, h and n can be initialised, not recorded.
    """
    translations = _identity(_HH)
    engine_model = "HH_cond_exp"


class SpikeSourcePoisson(cells.SpikeSourcePoisson):
    __doc__ = cells.SpikeSourcePoisson.__doc__
    translations = _identity(("rate", "start", "duration"))
    engine_model = "SpikeSourcePoisson"

    @staticmethod
    def engine_process(p):
        """The engine source's mean rate (Hz), dead time (ms) and gamma shape, per neuron."""
        return {"rate": p["rate"]}


class SpikeSourcePoissonRefractory(cells.SpikeSourcePoissonRefractory):
    __doc__ = cells.SpikeSourcePoissonRefractory.__doc__
    translations = _identity(("rate", "tau_refrac", "start", "duration"))
    engine_model = "SpikeSourcePoisson"

    @staticmethod
    def engine_process(p):
        return {"rate": p["rate"], "dead_time": p["tau_refrac"]}


class SpikeSourceGamma(cells.SpikeSourceGamma):
    __doc__ = cells.SpikeSourceGamma.__doc__ + """
    On spikewafer an interval is alpha exponential stages at rate beta each; alpha is a whole
    number (PyNN makes it one), from 1 to 1000.
    """
    translations = _identity(("alpha", "beta", "start", "duration"))
    engine_model = "SpikeSourcePoisson"

    @staticmethod
    def engine_process(p):
        alpha = np.asarray(p["alpha"], float)
        rate = np.divide(p["beta"], alpha, out=np.zeros_like(alpha), where=alpha > 0)
        return {"rate": rate, "shape": alpha}


class SpikeSourceArray(cells.SpikeSourceArray):
    __doc__ = cells.SpikeSourceArray.__doc__
    translations = _identity(("spike_times",))
    engine_model = "SpikeSourceArray"


# --- synapses -----------------------------------------------------------------------------

class StaticSynapse(synapses.StaticSynapse):
    __doc__ = synapses.StaticSynapse.__doc__
    translations = _identity(("weight", "delay"))

    def _get_minimum_delay(self):
        return simulator.state.min_delay


class TsodyksMarkramSynapse(synapses.TsodyksMarkramSynapse):
    __doc__ = synapses.TsodyksMarkramSynapse.__doc__
    translations = _identity(("weight", "delay", "U", "tau_rec", "tau_facil"))

    def _get_minimum_delay(self):
        return simulator.state.min_delay


class SimpleStochasticSynapse(synapses.SimpleStochasticSynapse):
    __doc__ = synapses.SimpleStochasticSynapse.__doc__ + """
    spikewafer: each connection's p is its release probability, drawn per spike (and replica) in
    the engine (Projection.release_probability, docs/pynn.md).
    """
    translations = _identity(("weight", "delay", "p"))

    def _get_minimum_delay(self):
        return simulator.state.min_delay


class STDPMechanism(synapses.STDPMechanism):
    __doc__ = synapses.STDPMechanism.__doc__ + """
    spikewafer: the engine's STDP (docs/pynn.md, "STDP"). Pairs are timed by the two neurons'
    spike times, t_post - t_pre, whatever dendritic_delay_fraction says (the delay delays the
    PSP only); the rule's parameters must be the same for all connections of a projection.
    """
    base_translations = _identity(("weight", "delay", "dendritic_delay_fraction"))

    def _get_minimum_delay(self):
        return simulator.state.min_delay


class AdditiveWeightDependence(synapses.AdditiveWeightDependence):
    __doc__ = synapses.AdditiveWeightDependence.__doc__
    translations = _identity(("w_min", "w_max"))
    possible_models = {"stdp"}
    engine_dependence = "additive"


class MultiplicativeWeightDependence(synapses.MultiplicativeWeightDependence):
    __doc__ = synapses.MultiplicativeWeightDependence.__doc__
    translations = _identity(("w_min", "w_max"))
    possible_models = {"stdp"}
    engine_dependence = "multiplicative"


class SpikePairRule(synapses.SpikePairRule):
    __doc__ = synapses.SpikePairRule.__doc__
    translations = _identity(("tau_plus", "tau_minus", "A_plus", "A_minus"))
    possible_models = {"stdp"}


# --- current sources ----------------------------------------------------------------------

class _CurrentSource(StandardCurrentSource):
    """A current source whose amplitude the engine can express as DC pulses (start, stop)."""

    def __init__(self, **parameters):
        object.__setattr__(self, "_native", {})
        object.__setattr__(self, "_ids", [])
        # Recording (record()): per replica, the current of each step simulated so far, read
        # from the engine after each run; _slots: per engine population, this source's DC
        # sources there (set when the engine population is made).
        object.__setattr__(self, "_recording", False)
        object.__setattr__(self, "_trace", [])
        object.__setattr__(self, "_slots", {})
        super().__init__(**parameters)
        ps = ParameterSpace(dict(self.default_parameters), self.get_schema(), shape=(1,))
        ps.update(**parameters)
        self.set_native_parameters(self.translate(ps))
        simulator.state.current_sources.append(self)

    def set_native_parameters(self, parameters):
        parameters.evaluate(simplify=True)
        for name, value in parameters.items():
            if isinstance(value, Sequence):
                value = value.value
            self._native[name] = value
        if self._ids:
            simulator.state.cells_changed(self._ids_array())

    def get_native_parameters(self):
        # Without the schema, as PyNN's Brian2 backend: arrays (a StepCurrentSource's times)
        # read back as numbers, not as one Sequence.
        return ParameterSpace(dict(self._native))

    def inject_into(self, cells):
        for cell in cells:
            if not cell.celltype.injectable:
                raise TypeError("Can't inject current into a spike source.")
        ids = np.asarray(getattr(cells, "all_cells", cells), dtype=np.int64).ravel()
        self._ids.append(ids)
        simulator.state.cells_changed(ids)

    def _ids_array(self):
        return np.concatenate(self._ids) if self._ids else np.zeros(0, np.int64)

    def pulses(self):
        """[(amplitude nA, start ms, stop ms, extra)]: the source as engine DCSources; extra
        holds the engine's sine-wave or noise fields ({} for a constant pulse)."""
        raise NotImplementedError

    # --- recording --------------------------------------------------------------------
    def record(self):
        """Records the current this source injects into the first cell it was injected into
        (each replica's; get_data() returns the selected replica's), one value per time step
        from t = 0 of the segment: the engine's own values, noise included."""
        object.__setattr__(self, "_recording", True)

    def _engine_current(self, first_step, steps):
        """[replica][step]: the current into the recorded cell in steps [first_step, +steps)."""
        state = simulator.state
        ids = self._ids_array()
        out = np.zeros((state.replicas, steps))
        if state._sim is None or ids.size == 0 or steps == 0:
            return out
        e = int(state._engine["pop_of_id"][ids[0]])
        k = int(state._engine["local_of_id"][ids[0]])
        for slot in self._slots.get(e, ()):
            for r in range(state.replicas):
                out[r] += state._sim.injected_current(e, slot, k, replica=r,
                                                      first_step=first_step, steps=steps)
        return out

    def _capture(self, upto):
        """Appends the steps simulated since the last capture (called after each run, before
        the sources may change)."""
        if not self._recording:
            return
        done = self._trace[0].size if self._trace else 0
        part = self._engine_current(done, max(0, upto - done))
        self._trace = ([np.concatenate([a, b]) for a, b in zip(self._trace, part)]
                       if self._trace else list(part))

    def _clear_trace(self):
        object.__setattr__(self, "_trace", [])

    def _get_data(self):
        state = simulator.state
        self._capture(state.step)
        r = state.selected_replica
        done = self._trace[r] if self._trace else np.zeros(0)
        # ... and the value at t = now, as PyNN's other backends give it (simtime / dt + 1).
        current = np.concatenate([done, self._engine_current(state.step, 1)[r]])
        return np.arange(current.size) * state.dt, current


class DCSource(_CurrentSource, electrodes.DCSource):
    __doc__ = electrodes.DCSource.__doc__
    translations = _identity(("amplitude", "start", "stop"))

    def pulses(self):
        p = self._native
        return [(float(p["amplitude"]), float(p["start"]), float(p["stop"]), {})]


class StepCurrentSource(_CurrentSource, electrodes.StepCurrentSource):
    __doc__ = electrodes.StepCurrentSource.__doc__
    translations = _identity(("amplitudes", "times"))

    def set_native_parameters(self, parameters):
        """Checks the times (non-negative, strictly increasing: ValueError) and puts them on the
        time grid; of several that fall on one step the last amplitude holds (as PyNN's other
        backends do, its system test test_issue512)."""
        super().set_native_parameters(parameters)
        times = np.asarray(self._native["times"], float)
        amplitudes = np.asarray(self._native["amplitudes"], float)
        if times.size != amplitudes.size:
            raise ValueError("StepCurrentSource: times and amplitudes must have the same length "
                             f"(got {times.size} and {amplitudes.size})")
        if np.any(times < 0.0):
            raise ValueError(f"StepCurrentSource: times must not be negative (got {times})")
        if np.any(np.diff(times) <= 0.0):
            raise ValueError(f"StepCurrentSource: times must increase strictly (got {times})")
        on_grid = self._round_timestamp(times, simulator.state.dt)
        unique, last = np.unique(np.flip(on_grid), return_index=True)
        self._native["times"] = unique
        self._native["amplitudes"] = np.flip(amplitudes)[last]

    def pulses(self):
        times = np.asarray(self._native["times"], float)
        amps = np.asarray(self._native["amplitudes"], float)
        stops = np.append(times[1:], 1e300)
        return [(float(a), float(t0), float(t1), {}) for a, t0, t1 in zip(amps, times, stops)
                if a != 0.0]


class ACSource(_CurrentSource, electrodes.ACSource):
    """offset + amplitude sin(2 pi frequency (t - start) + phase) between start and stop: the
    phase holds at `start`, as PyNN asks of every backend (its system test test_issue497; its
    NEST backend corrects NEST's phase the same way)."""
    translations = _identity(("amplitude", "start", "stop", "frequency", "offset", "phase"))

    def pulses(self):
        p = self._native
        start, frequency = float(p["start"]), float(p["frequency"])
        # The engine's sine wave counts t from 0 (as NEST's ac_generator): shift the phase.
        phase = (float(p["phase"]) - 360.0 * frequency * start * 1e-3) % 360.0
        return [(float(p["amplitude"]), start, float(p["stop"]),
                 {"frequency": frequency, "phase": phase, "offset": float(p["offset"])})]


class NoisyCurrentSource(_CurrentSource, electrodes.NoisyCurrentSource):
    """mean plus a normal draw of std stdev, redrawn every dt for each cell. The draws come from
    the engine's counter-based generator keyed by the simulation seed, independent for each
    source and each replica (PyNN's parameters have no `rng`)."""
    translations = _identity(("mean", "stdev", "dt", "start", "stop"))

    def pulses(self):
        p = self._native
        return [(float(p["mean"]), float(p["start"]), float(p["stop"]),
                 {"stdev": float(p["stdev"]), "noise_dt": float(p["dt"])})]
