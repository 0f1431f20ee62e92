"""setup, end, run, run_until, reset and the state queries of the spikewafer PyNN backend."""

from __future__ import annotations

from pyNN import common
from pyNN.common.control import DEFAULT_MAX_DELAY, DEFAULT_MIN_DELAY, DEFAULT_TIMESTEP
from pyNN.recording import get_io

from . import simulator


def setup(timestep=DEFAULT_TIMESTEP, min_delay=DEFAULT_MIN_DELAY, **extra_params):
    """Initialise the simulator. spikewafer-specific keywords: replicas (R copies of the
    network run in lockstep, get_data returns a Block per replica), rng_seed (or seed: the
    engine's seed), backend ('cpu', 'cuda', 'auto'), threads (CPU threads; 0: all)."""
    max_delay = extra_params.get("max_delay", DEFAULT_MAX_DELAY)
    common.setup(timestep, min_delay, **extra_params)
    state = simulator.state
    state.clear()
    state.dt = float(timestep)
    state.min_delay_auto = min_delay == "auto"
    state.min_delay = float(timestep if min_delay == "auto" else min_delay)
    precision = extra_params.get("spike_precision", "on_grid")
    if precision not in ("on_grid", "off_grid"):
        raise ValueError(f"spike_precision must be 'on_grid' or 'off_grid' (got {precision!r})")
    state.spike_precision = precision
    if precision == "off_grid":
        # Not silently: a script written for NEST's precise spikes should know.
        simulator.warn_dropped(
            "spike_precision = 'off_grid': SpikeSourceArray spikes are recorded at their exact "
            f"times, but every spike is delivered, and every neuron spikes, on the time grid of "
            f"{state.dt} ms")
    state.max_delay = float(1e300 if max_delay == "auto" else max_delay)
    replicas = int(extra_params.get("replicas", 1))
    if replicas < 1:
        raise ValueError("replicas must be >= 1")
    state.replicas = replicas
    state.seed = int(extra_params.get("rng_seed", extra_params.get("seed", 1)))
    state.backend = extra_params.get("backend", "cpu")
    threads = extra_params.get("threads", 0)
    state.threads = int(threads) if threads else 0
    state.segment_counter = 0
    return rank()


def end(compatible_output=True):
    """Write data requested with record(..., to_file=...) and release the engine."""
    state = simulator.state
    for population, variables, filename in state.write_on_end:
        io = get_io(filename)
        population.write_data(io, variables)
    state.write_on_end = []
    state._sim = None
    state._result = None


run, run_until = common.build_run(simulator)
run_for = run
reset = common.build_reset(simulator)
initialize = common.initialize

get_current_time, get_time_step, get_min_delay, get_max_delay, num_processes, rank = \
    common.build_state_queries(simulator)
