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


class SpikeSourcePoisson(cells.SpikeSourcePoisson):
    __doc__ = cells.SpikeSourcePoisson.__doc__
    translations = _identity(("rate", "start", "duration"))
    engine_model = "SpikeSourcePoisson"


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


# --- current sources ----------------------------------------------------------------------

class _CurrentSource(StandardCurrentSource):
    """A current source whose amplitude the engine can express as DC pulses (start, stop)."""

    def __init__(self, **parameters):
        object.__setattr__(self, "_native", {})
        object.__setattr__(self, "_ids", [])
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

    def _get_data(self):
        raise NotImplementedError("spikewafer does not record injected currents yet")


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
    """offset + amplitude sin(2 pi frequency t + phase), t from the start of the run (as NEST's
    ac_generator), between start and stop."""
    translations = _identity(("amplitude", "start", "stop", "frequency", "offset", "phase"))

    def pulses(self):
        p = self._native
        return [(float(p["amplitude"]), float(p["start"]), float(p["stop"]),
                 {"frequency": float(p["frequency"]), "phase": float(p["phase"]),
                  "offset": float(p["offset"])})]


class NoisyCurrentSource(_CurrentSource, electrodes.NoisyCurrentSource):
    """mean plus a normal draw of std stdev, redrawn every dt for each cell. The draws come from
    the engine's counter-based generator keyed by the simulation seed, independent for each
    source and each replica (PyNN's parameters have no `rng`)."""
    translations = _identity(("mean", "stdev", "dt", "start", "stop"))

    def pulses(self):
        p = self._native
        return [(float(p["mean"]), float(p["start"]), float(p["stop"]),
                 {"stdev": float(p["stdev"]), "noise_dt": float(p["dt"])})]
