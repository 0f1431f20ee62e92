"""The spikewafer protocols with the command line's options, returning numpy arrays.

Each function calls the same library functions as the corresponding ``spikewafer`` command and
writes the same files into ``out_dir``; without ``out_dir`` the files go to a temporary folder
that is removed afterwards. Plots are not drawn (the command's --no-plots); ``progress``, if
given, receives the lines the command prints on stderr.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from typing import Callable, Iterator, Optional, Union

from . import _spikewafer

Config = Union[str, "os.PathLike[str]"]


def _is_text(config: Config) -> bool:
    """TOML text rather than a path: a str with a newline, '=' or '['; a path never needs them."""
    return isinstance(config, str) and any(c in config for c in "\n=[")


@contextmanager
def _output_dir(out_dir: Optional[Config]) -> Iterator[str]:
    if out_dir is not None:
        yield os.fspath(out_dir)
        return
    with tempfile.TemporaryDirectory(prefix="spikewafer-") as tmp:
        yield os.path.join(tmp, "out")


def ising_scan(config: Optional[Config] = None, out_dir: Optional[Config] = None, *,
               sampler: Optional[str] = None, resume: bool = False, threads: int = 0,
               progress: Optional[Callable[[str], None]] = None) -> dict:
    """An Ising phase-diagram scan, as ``spikewafer ising-scan``.

    config: a scan file (path), TOML text, or None for the built-in scan (docs/ising-scan.md).
    sampler: "glauber", "spiking" or "both", overriding the file. resume: continue an
    interrupted scan in out_dir. threads: CPU threads (0: all cores).

    Returns scan.csv as a dict of numpy arrays, one per column (sampler, L, point, T, h, W, b_f,
    m, m_err, abs_m, ..., binder, binder_err, tau_int, tau_int_err, replicas, samples), one
    entry per grid point, sampler and lattice size.
    """
    with _output_dir(out_dir) as out:
        text = config is not None and _is_text(config)
        cfg = None if config is None else (config if text else os.fspath(config))
        return _spikewafer._ising_scan(cfg, text, out, sampler or "", resume, threads, progress)


def sample(config: Config, out_dir: Optional[Config] = None, *, threads: int = 0,
           progress: Optional[Callable[[str], None]] = None) -> dict:
    """Samples a Boltzmann machine with LIF neurons (and the Gibbs reference), as
    ``spikewafer sample`` (docs/sampling.md): calibrates the neuron, runs the replicas, compares
    with the exact distribution.

    config: BM.toml (path) or its text (relative target files are then read from the current
    folder). Returns a dict: distribution (state: uint8 states x units, p_target, p_sampled,
    p_gibbs), dkl (time_ms, spiking, spiking_std, gibbs, gibbs_std), marginals and correlations
    (target, sampled, gibbs), samples, wall_s and calibration (as calibrate() returns). Arrays
    are empty where the command leaves the column empty (no exact target for N > 20, no Gibbs
    run).
    """
    with _output_dir(out_dir) as out:
        text = _is_text(config)
        return _spikewafer._sample(config if text else os.fspath(config), text, out, threads,
                                   progress)


def train(config: Config, out_dir: Optional[Config] = None, *, train=None, train_labels=None,
          test=None, test_labels=None, resume: bool = False, threads: int = 0,
          progress: Optional[Callable[[str], None]] = None) -> dict:
    """Trains a restricted Boltzmann machine by contrastive divergence, as ``spikewafer train``
    (docs/learning.md): Gibbs chains, or LIF networks in the loop (sampler = "spiking", with the
    default sampling neuron calibrated into out_dir first).

    config: RBM.toml (path) or its text (relative data files are then read from the current
    folder). train, test: images as arrays of shape (images, visible) with pixels in [0, 1]
    (float, uint8 or bool; binarised at 0.5 like the command's files); train_labels,
    test_labels: one whole number 0..rbm.labels-1 per image (needed when rbm.labels > 0). Given
    train, the arrays replace the file's [data] as a whole (it is not read and may be absent);
    without a test array there is no test set. resume: continue an interrupted run in out_dir
    (with the same file and arrays). threads: CPU threads (0: all cores).

    Returns a dict: W ((visible + labels) x hidden), b, c (float64, after the last epoch),
    training (training.csv as a dict of numpy arrays, one per column: epoch,
    learning_rate, train_log_likelihood, test_log_likelihood, test_accuracy, ...; NaN where the
    file leaves a field empty), samples (the persistent chains' images, uint8 chains x visible;
    none with CD-k) and out_dir (None when the files went to a temporary folder).
    """
    arrays = {"train": train, "train_labels": train_labels, "test": test,
              "test_labels": test_labels}
    with _output_dir(out_dir) as out:
        text = _is_text(config)
        r = _spikewafer._train(config if text else os.fspath(config), text, out,
                               {k: v for k, v in arrays.items() if v is not None}, resume,
                               threads, progress)
    if out_dir is None:
        r["out_dir"] = None
    return r


def calibrate(config: Config, out_dir: Optional[Config] = None, *, threads: int = 0,
              progress: Optional[Callable[[str], None]] = None) -> dict:
    """Measures and fits a sampling neuron's activation function, as ``spikewafer calibrate``.

    config: NEURON.toml (a path). Returns a dict: u0, alpha (mV) and their errors, i0, alpha_i
    (nA), residual, the free membrane (u_rest, slope, tau_eff), summary (the command's line) and
    curve: the measured activation (i_offset, bias, p_on, p_on_err arrays).
    """
    if _is_text(config):
        raise ValueError("calibrate: give the path of a NEURON.toml file (the library reads "
                         "neuron files from disk only)")
    with _output_dir(out_dir) as out:
        return _spikewafer._calibrate(os.fspath(config), out, threads, progress)


def wafer_map(network: Union[Config, "_spikewafer.Network"], out_dir: Optional[Config] = None,
              *, wafers: int = 20, neuron_size: int = 0, neurons_per_chip: int = 0,
              router: str = "shortest-path", seed: Optional[int] = None,
              speedup: float = 1e4) -> dict:
    """Maps a network onto the BrainScaleS-1 wafer model, as ``spikewafer wafer-map``
    (docs/wafer.md): placement, L1 routing, synapse drivers and rows, 4-bit weights, delays.

    network: a spikewafer.Network, a NET.toml path or its text. wafers: 1 to 20. neuron_size: 0
    (searched, as the command does) or an even number of circuits 2 to 64, or 1.
    neurons_per_chip: 0 (as many as the size allows) or at most this many, 1 to 472. router:
    "shortest-path" or "backbone". seed: overrides the network's seed. speedup: 1e3 to 1e5, for
    the delays in biological time.

    Returns a dict: mapping (mapping.json as a dict: synapse_loss, loss_by_cause, hicanns_used,
    weight quantization error, delays, per projection ...), placement (population index, neuron,
    wafer, hicann, block, address per neuron), chips (wafer, hicann, x, y, neurons, drivers_used,
    l1_lines_used per chip of the used wafers) and projections (requested, realized, no_route,
    no_driver, no_address per projection), all as numpy arrays.
    """
    import json

    if not isinstance(network, _spikewafer.Network):
        network = (_spikewafer.Network.from_toml(network) if _is_text(network)
                   else _spikewafer.Network.load(os.fspath(network)))
    with _output_dir(out_dir) as out:
        r = _spikewafer._wafer_map(network, out, wafers, neuron_size, neurons_per_chip, router,
                                   -1 if seed is None else seed, speedup)
    r["mapping"] = json.loads(r.pop("mapping_json"))
    return r
