"""spikewafer::Error reaches Python with its message: input errors as ValueError, others as
RuntimeError; mistakes in the Python layer itself as the usual TypeError/ValueError."""

import pytest

import spikewafer as sw
from conftest import dc_neuron


def test_unknown_population_in_a_projection_is_a_value_error():
    net = dc_neuron()
    net.add_projection(source="n", target="nowhere", connector=sw.Connector.all_to_all(),
                       weight=0.1)
    with pytest.raises(ValueError, match="nowhere"):
        sw.Simulator(net)


def test_impossible_parameter_names_the_key():
    net = dc_neuron()
    net.population("n").params.tau_m = -1.0
    with pytest.raises(ValueError, match="tau_m"):
        net.validate()


def test_toml_errors_name_line_and_key():
    with pytest.raises(ValueError, match=r"<string>:\d+:\d+.*sizee"):
        sw.Network.from_toml('[populations.a]\nmodel = "IF_curr_exp"\nsizee = 3\n')
    with pytest.raises(ValueError, match="no-such-file.toml"):
        sw.Network.load("no-such-file.toml")


def test_negative_run_duration():
    with pytest.raises(ValueError, match="duration must be a finite number"):
        sw.Simulator(dc_neuron()).run(-1.0)


def test_backend_errors_are_runtime_errors():
    usable, why = sw.cuda_usable()
    if usable:
        pytest.skip("CUDA is usable here")
    with pytest.raises(RuntimeError, match="--backend cuda"):
        sw.Simulator(dc_neuron(), backend="cuda")


def test_python_layer_mistakes():
    with pytest.raises(TypeError, match="unexpected keyword 'sise'"):
        sw.Population(name="a", sise=3)
    with pytest.raises(ValueError, match="model = 'IF_cond_exp2'"):
        sw.Population(model="IF_cond_exp2")
    with pytest.raises(ValueError, match="record: 'voltage'"):
        sw.Population(size=2, record=["voltage"])
    with pytest.raises(ValueError, match="is not in this result"):
        sw.simulate(dc_neuron()).spikes_of("missing")


def test_thread_counts_outside_the_range_are_value_errors():
    # 100,000 threads overflowed OpenMP's stack (SIGSEGV).
    for threads in (-1, 1025, 100000):
        with pytest.raises(ValueError, match="threads must be"):
            sw.Simulator(dc_neuron(), threads=threads)


def test_values_single_precision_cannot_hold_are_refused():
    # tau_m = 1e-300 and cm = 1e-40 overflowed in the kernels and ran to NaN with no error;
    # so did weights of 1e308.
    for key, value in (("tau_m", 1e-300), ("cm", 1e-40)):
        net = dc_neuron()
        setattr(net.population("n").params, key, value)
        with pytest.raises(ValueError, match=key):
            sw.Simulator(net)
    net = dc_neuron()
    net.add_population(name="src", size=1, model="SpikeSourceArray", spike_times=[1.0])
    net.add_projection(source="src", target="n", connector=sw.Connector.all_to_all(),
                       weight=1e308)
    with pytest.raises(ValueError, match="weight"):
        sw.Simulator(net)


def test_endless_runs_are_refused():
    with pytest.raises(ValueError, match="1e12 steps"):
        sw.Simulator(dc_neuron()).run(1e300)


def test_recording_every_neuron_of_a_huge_population_is_refused_before_allocating():
    # The index list of 2^32 - 1 neurons (16 GB) was made even for record=["spikes"].
    net = sw.Network()
    pop = net.add_population(name="huge", size=4294967295, model="IF_cond_exp",
                             record=["spikes"])
    assert pop.record.spikes
    with pytest.raises(ValueError, match="traces of at most"):
        net.add_population(name="huge_v", size=4294967295, model="IF_cond_exp", record=["v"])


def test_record_applies_to_the_size_given_in_the_same_call():
    # record=["v"] before size=3 recorded no neuron (the keywords were taken in order).
    pop = sw.Population(record=["v"], name="a", size=3, model="IF_cond_exp")
    assert list(pop.record.v) == [0, 1, 2]


def test_a_membrane_that_is_no_longer_a_number_is_an_error_not_a_result():
    # Values within range can still drive a membrane beyond single precision: this ran to NaN
    # traces (93 of 102 samples) with no error.
    net = sw.Network()
    net.add_population(name="a", size=2, model="IF_cond_exp",
                       params={"e_rev_E": 1e30, "e_rev_I": -1e30, "tau_refrac": 0.0},
                       noise={"rate_E": 5000.0, "weight_E": 1e29, "rate_I": 5000.0,
                              "weight_I": 1e29},
                       record=["v"])
    sim = sw.Simulator(net)
    sim.run(5.0)
    with pytest.raises(ValueError, match="population 'a'.*not a finite number"):
        sim.result()
