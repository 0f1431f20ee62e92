// Simulator: run (continuing from the current time), reset to t = 0 keeping the network, read
// and set the sampling states, change per-replica inputs mid-run, and collect the recordings.
// The GIL is released while the engine works, so other Python threads keep running.
#include "opaque.hpp"

#include <pybind11/numpy.h>

#include "bindings.hpp"
#include "enums.hpp"
#include "kw_init.hpp"
#include "network/layout.hpp"
#include "numpy_convert.hpp"
#include "results.hpp"
#include "spikewafer/simulator.hpp"

namespace spikewafer::python {
namespace {

// The engine's Simulator plus the population offsets, which results and states are indexed by.
struct PySimulator {
  Simulator simulator;
  std::vector<uint32_t> offsets;
};

PySimulator make_simulator(const Network& network, py::handle backend, int threads) {
  if (threads < 0) throw py::value_error("threads must be >= 0 (0: OpenMP's default)");
  SimulatorOptions options;
  options.backend = enum_arg<Backend>(backend, "backend");
  options.threads = threads;
  std::vector<uint32_t> offsets = population_offsets(network);
  py::gil_scoped_release release;  // building a large network takes a while
  return PySimulator{Simulator(network, options), std::move(offsets)};
}

py::array_t<uint8_t> states(PySimulator& s) {
  std::vector<uint8_t> z;
  {
    py::gil_scoped_release release;
    z = s.simulator.refractory_states();
  }
  py::array_t<uint8_t> out({static_cast<py::ssize_t>(s.simulator.replicas()),
                            static_cast<py::ssize_t>(s.simulator.neurons())});
  std::copy(z.begin(), z.end(), out.mutable_data());
  return out;
}

void set_states(PySimulator& s, py::handle z) {
  std::vector<uint8_t> flat = from_numpy<uint8_t>(z, "z");
  const size_t expected = size_t{s.simulator.replicas()} * s.simulator.neurons();
  if (flat.size() != expected)
    throw py::value_error("set_refractory_states: expected replicas x neurons = " +
                          std::to_string(s.simulator.replicas()) + " x " +
                          std::to_string(s.simulator.neurons()) + " states, got " +
                          std::to_string(flat.size()));
  py::gil_scoped_release release;
  s.simulator.set_refractory_states(flat);
}

void set_inputs(PySimulator& s, py::object rate_E, py::object rate_I, py::object i_offset,
                py::object dc_scale) {
  ReplicaOverrides o;
  if (!rate_E.is_none()) o.rate_E = from_numpy_1d<double>(rate_E, "rate_E");
  if (!rate_I.is_none()) o.rate_I = from_numpy_1d<double>(rate_I, "rate_I");
  if (!i_offset.is_none()) o.i_offset = from_numpy_1d<double>(i_offset, "i_offset");
  if (!dc_scale.is_none()) o.dc_scale = from_numpy_1d<double>(dc_scale, "dc_scale");
  py::gil_scoped_release release;
  s.simulator.set_replica_inputs(o);
}

}  // namespace

void bind_simulator(py::module_& m) {
  py::enum_<Backend>(m, "Backend")
      .value("cpu", Backend::kCpu)
      .value("cuda", Backend::kCuda)
      .value("auto", Backend::kAuto);
  m.def(
      "cuda_usable",
      [] {
        std::string why;
        const bool ok = cuda_usable(&why);
        return py::make_tuple(ok, why);
      },
      "(usable, why not): whether the CUDA backend can run here.");

  py::class_<PySimulator>(m, "Simulator",
                          "Builds the network once; run() continues from the current time, "
                          "reset() returns to t = 0 with the same connectivity and initial values.")
      .def(py::init(&make_simulator), py::arg("network"), py::arg("backend") = "cpu",
           py::arg("threads") = 0,
           "backend: 'cpu', 'cuda' or 'auto'; threads: CPU threads (0: OpenMP's default)")
      .def(
          "run",
          [](PySimulator& s, double ms) {
            py::gil_scoped_release release;
            s.simulator.run(ms);
          },
          py::arg("duration_ms"), "Advances every replica by duration_ms (whole steps).")
      .def(
          "reset",
          [](PySimulator& s) {
            py::gil_scoped_release release;
            s.simulator.reset();
          },
          "Back to t = 0: same connectivity, same-seed initial values, recordings cleared.")
      .def_property_readonly("time_ms", [](const PySimulator& s) { return s.simulator.time_ms(); })
      .def_property_readonly("neurons", [](const PySimulator& s) { return s.simulator.neurons(); },
                             "neurons per replica, all populations")
      .def_property_readonly("replicas",
                             [](const PySimulator& s) { return s.simulator.replicas(); })
      .def_property_readonly(
          "offsets", [](const PySimulator& s) { return to_numpy(s.offsets); },
          "global index of each population's first neuron; the last entry is neurons")
      .def("refractory_states", &states,
           "uint8 array (replicas, neurons): the sampling state z, 1 from a spike for "
           "tau_refrac + dt (the clamp and the first free step), global neuron indices.")
      .def("set_refractory_states", &set_states, py::arg("z"),
           "Makes neurons with z = 1 refractory as if they had just spiked, frees the others; "
           "z is (replicas, neurons) or flat.")
      .def("set_replica_inputs", &set_inputs, py::kw_only(), py::arg("rate_E") = py::none(),
           py::arg("rate_I") = py::none(), py::arg("i_offset") = py::none(),
           py::arg("dc_scale") = py::none(),
           "Changes per-replica inputs from now on, keeping the state; each None or one value "
           "per replica. Arguments left None drop that override.")
      .def(
          "set_population",
          [](PySimulator& s, uint32_t index, const Population& population) {
            py::gil_scoped_release release;
            s.simulator.set_population(index, population);
          },
          py::arg("index"), py::arg("population"),
          "Replaces population `index` from now on, keeping every neuron's state: parameters "
          "(also per neuron), inputs, a source's rate, window or times, recording; initial "
          "values take effect at reset(). Name, size and model must stay.")
      .def(
          "set_projection",
          [](PySimulator& s, uint32_t index, const Projection& projection) {
            py::gil_scoped_release release;
            s.simulator.set_projection(index, projection);
          },
          py::arg("index"), py::arg("projection"),
          "Replaces projection `index`'s weights and delays from now on, keeping the state: "
          "spikes already sent arrive as they were sent. Everything else (source, target, "
          "receptor, the connections, synapse dynamics) must stay, and delays may not exceed "
          "the longest the simulator was built with.")
      .def(
          "plastic_weights",
          [](PySimulator& s, uint32_t index, uint32_t replica) {
            std::vector<double> w;
            {
              py::gil_scoped_release release;
              w = s.simulator.plastic_weights(index, replica);
            }
            return to_numpy(w);
          },
          py::arg("index"), py::kw_only(), py::arg("replica") = 0,
          "float64 array: the weights (magnitudes) of projection `index`, which has stdp, in "
          "`replica` now, in the order its connector draws them (a from_list projection's list "
          "order). reset() and set_projection() give every replica the description's again.")
      .def(
          "injected_current",
          [](const PySimulator& s, uint32_t population, uint32_t source, uint32_t neuron,
             uint32_t replica, uint64_t first_step, uint64_t steps) {
            std::vector<double> current;
            {
              py::gil_scoped_release release;
              current = s.simulator.injected_current(population, source, neuron, replica,
                                                     first_step, steps);
            }
            return to_numpy(current);
          },
          py::arg("population"), py::arg("source"), py::arg("neuron"), py::kw_only(),
          py::arg("replica") = 0, py::arg("first_step") = 0, py::arg("steps"),
          "float64 array (steps,): the current (nA) that DC source `source` of population "
          "`population` injects into its neuron `neuron` of `replica` in each step from "
          "first_step on, as the engine adds it (0 where the source is off or misses the "
          "neuron). Follows the sources as they are now: read a run's steps before changing one.")
      .def(
          "result",
          [](PySimulator& s) {
            RunResult r;
            {
              py::gil_scoped_release release;
              r = s.simulator.result();
            }
            return to_python(r, s.offsets);
          },
          "Everything recorded since construction or the last reset(), as numpy arrays.");

  m.def(
      "simulate",
      [](const Network& network, py::handle backend, int threads) {
        PySimulator s = make_simulator(network, backend, threads);
        RunResult r;
        {
          py::gil_scoped_release release;
          s.simulator.run(network.simulation.duration);
          r = s.simulator.result();
        }
        return to_python(r, s.offsets);
      },
      py::arg("network"), py::arg("backend") = "cpu", py::arg("threads") = 0,
      "Builds a simulator, runs network.simulation.duration and returns the result.");
}

}  // namespace spikewafer::python
