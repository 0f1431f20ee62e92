"""spikewafer: an emulator of the BrainScaleS neuromorphic system, from Python.

Build a network (populations, projections, recording choices, replicas), run it on the CPU or
a GPU, and get spikes, traces and rates back as numpy arrays; or run the protocols the
``spikewafer`` command runs (Ising scans, neural sampling, activation calibration, RBM
training) with the same options, through the same library functions. See docs/python.md.

>>> import spikewafer as sw
>>> net = sw.Network()
>>> pop = net.add_population(name="n", size=1, model="IF_curr_exp",
...                          params={"i_offset": 1.0, "tau_refrac": 2.0}, record=["spikes"])
>>> sim = sw.Simulator(net)
>>> sim.run(100.0)
>>> times = sim.result().spikes["time"]

Errors raised by the engine keep its message: bad input (a malformed file, an impossible
parameter, a missing file) is a ValueError, anything else (memory, backend, output) a
RuntimeError.
"""

from __future__ import annotations

from ._spikewafer import (  # noqa: F401  (re-exports)
    Backend,
    Connector,
    DCSource,
    Distribution,
    ErrorKind,
    InitialValues,
    Model,
    Network,
    NeuronParams,
    PerNeuronParams,
    PoissonNoise,
    Population,
    Projection,
    Receptor,
    RecordSpec,
    ReplicaOverrides,
    RunResult,
    ShortTermPlasticity,
    SimulationSettings,
    Simulator,
    Stdp,
    StdpPairing,
    SynapseDynamics,
    WeightDependence,
    cuda_usable,
    default_params,
    exit_code,
    read_scan_csv,
    simulate,
)
from ._network_helpers import install as _install_network_helpers
from .protocols import calibrate, ising_scan, sample, train, wafer_map  # noqa: F401

_install_network_helpers()

__version__ = "0.1.0"

__all__ = [
    "Backend", "Connector", "DCSource", "Distribution", "ErrorKind", "InitialValues", "Model",
    "Network", "NeuronParams", "PerNeuronParams", "PoissonNoise", "Population", "Projection", "Receptor",
    "RecordSpec", "ReplicaOverrides", "RunResult", "ShortTermPlasticity", "SimulationSettings",
    "Simulator", "Stdp", "StdpPairing", "SynapseDynamics", "WeightDependence", "calibrate", "cuda_usable", "default_params", "exit_code", "ising_scan",
    "read_scan_csv", "sample", "simulate", "train", "wafer_map",
]
