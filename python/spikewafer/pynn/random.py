"""NativeRNG of the spikewafer backend. spikewafer draws connections and parameter values on the
host with numpy before the engine starts (the engine itself draws only Poisson input and noise,
from counters keyed by the simulation seed), so its native generator is a NumpyRNG: the same
draws for the same seed. Without a seed, one is derived from setup()'s seed and the number of
NativeRNGs made since, so that a script gives the same network every time it runs."""

from __future__ import annotations

from pyNN import random as pynn_random

from . import simulator


class NativeRNG(pynn_random.NumpyRNG, pynn_random.NativeRNG):
    def __init__(self, seed=None, parallel_safe=True):
        if seed is None:
            seed = simulator.state.next_native_seed()
        pynn_random.NumpyRNG.__init__(self, seed, parallel_safe)

    def __str__(self):
        return f"NativeRNG(seed={self.seed})"
