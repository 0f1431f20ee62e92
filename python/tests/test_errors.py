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
