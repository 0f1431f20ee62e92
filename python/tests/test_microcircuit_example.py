"""examples/microcircuit.py: the committed NET.toml files are its output, its numbers are the
published ones, the DC that makes up for fewer inputs keeps every population's mean input, and
the scaled network fires at the rates NEST gives the same network."""

import importlib.util
import math

import numpy as np
import pytest

import spikewafer as sw
from conftest import REPO


def load_generator():
    spec = importlib.util.spec_from_file_location("microcircuit", REPO / "examples" / "microcircuit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


mc = load_generator()


@pytest.mark.parametrize("background, name", [("poisson", "microcircuit.toml"),
                                              ("dc", "microcircuit_dc.toml")])
def test_committed_files_are_the_generators_output(background, name):
    assert (REPO / "examples" / name).read_text() == mc.Microcircuit(1.0, background=background).toml()


def test_full_scale_counts_and_weights_are_the_published_ones():
    net = mc.Microcircuit(1.0)
    assert sum(net.sizes) == 77169
    # NEST's example: K = ln(1 - p) / ln(1 - 1/(N_pre N_post)); L2/3E -> L2/3E by hand.
    n = 20683 * 20683
    assert net.synapses[0][0] == round(math.log(1 - 0.1009) / math.log((n - 1) / n))
    assert sum(map(sum, net.synapses)) == pytest.approx(2.99e8, rel=0.01)  # "about 0.3 billion"
    assert net.psc[0][0] == pytest.approx(87.81, abs=0.01)  # pA for 0.15 mV (NEST's value)
    assert net.psc[0][2] == pytest.approx(2 * 87.81, abs=0.02)  # L4E -> L2/3E doubled
    assert net.psc[0][1] == pytest.approx(-4 * 87.81, abs=0.04)  # g = -4
    assert net.dc == [0.0] * 8  # nothing to make up for at full scale


def test_psc_per_psp_gives_the_psp_peak():
    """Integrating the membrane with the computed current amplitude peaks at 1 mV."""
    w, tau_m, tau_s, cm = mc.psc_per_psp(), 10.0, 0.5, 250.0
    t = np.arange(0.0, 20.0, 1e-4)
    v = w / cm * tau_m * tau_s / (tau_m - tau_s) * (np.exp(-t / tau_m) - np.exp(-t / tau_s))
    assert v.max() == pytest.approx(1.0, rel=1e-6)


@pytest.mark.parametrize("scale", [0.5, 0.1, 0.02])
@pytest.mark.parametrize("background", ["poisson", "dc"])
def test_scaled_networks_keep_the_mean_input(scale, background):
    """Weights grow by 1/sqrt(k) and a DC makes up for the rest: at the full network's rates, every
    population's mean input is the full network's (to the rounding of synapse counts)."""
    full = mc.Microcircuit(1.0).mean_input()
    scaled = mc.Microcircuit(scale, background=background).mean_input()
    np.testing.assert_allclose(scaled, full, rtol=0.01)


def test_impossible_scales_are_refused():
    for bad in (0.0, 1.5, -0.1):
        with pytest.raises(ValueError, match="--scale"):
            mc.Microcircuit(bad)
    with pytest.raises(ValueError, match="without neurons"):
        mc.Microcircuit(1e-4)


# NEST 3.10's rates for this network at scale 0.1 (benchmarks/results/2026-12-07-microcircuit-vs-nest:
# mean over seeds 1-3 and 1 and 2 threads, spikes from 200 to 1000 ms), Hz.
NEST_RATES_SCALE_01 = [0.472, 2.149, 4.005, 5.025, 6.928, 7.820, 0.874, 7.046]


def test_scale_01_fires_at_nests_rates():
    net = sw.Network.from_toml(mc.Microcircuit(0.1).toml(duration=1000.0, seed=2))
    result = sw.simulate(net)
    sizes = mc.Microcircuit(0.1).sizes
    for p, name in enumerate(mc.POPULATIONS):
        times, _ = result.spikes_of(name)
        rate = np.sum(times >= 200.0) / sizes[p] / 0.8
        # A population's rate differs between seeds by a few per cent (NEST's own spread);
        # 25 % and 0.15 Hz catch a wrong unit, sign or scaling, which change rates severalfold.
        assert rate == pytest.approx(NEST_RATES_SCALE_01[p], rel=0.25, abs=0.15), name
