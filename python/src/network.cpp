// Network: simulation settings, populations, projections and per-replica overrides, built by
// hand or read from NET.toml through the same reader as `spikewafer run`.
#include "opaque.hpp"

#include "bindings.hpp"
#include "io/network_config.hpp"
#include "kw_init.hpp"
#include "network/layout.hpp"
#include "network/validate.hpp"
#include "numpy_convert.hpp"

namespace spikewafer::python {

void bind_network(py::module_& m) {
  py::class_<Network>(m, "Network",
                      "A network description (docs/network-format.md). populations and "
                      "projections are lists that refer to the network: append to them, or "
                      "change their items in place.")
      .def(kw_init<Network>())
      .def_readwrite("simulation", &Network::simulation)
      .def_readwrite("populations", &Network::populations)
      .def_readwrite("projections", &Network::projections)
      .def_readwrite("overrides", &Network::overrides)
      .def_readwrite("source", &Network::source, "where the description came from, for messages")
      .def_static("from_toml", &parse_network_toml, py::arg("text"),
                  py::arg("source") = "<string>", "Parses NET.toml text.")
      .def_static("load", &load_network_toml, py::arg("path"), "Reads a NET.toml file.")
      .def(
          "population",
          [](Network& n, const std::string& name) -> Population& {
            return n.populations[population_index(n, name, n.source)];
          },
          py::arg("name"), py::return_value_policy::reference_internal,
          "The population of this name (a reference: changes apply to the network).")
      .def(
          "population_index",
          [](const Network& n, const std::string& name) {
            return population_index(n, name, n.source);
          },
          py::arg("name"))
      .def(
          "offsets", [](const Network& n) { return to_numpy(population_offsets(n)); },
          "offsets[p]: global index of population p's first neuron; offsets[-1]: all neurons. "
          "refractory_states() and set_refractory_states() use global indices.")
      .def("validate", &validate,
           "Checks the description as the simulator will; raises ValueError naming the problem.")
      .def("__repr__", [](const Network& n) {
        return "Network(" + std::to_string(n.populations.size()) + " populations, " +
               std::to_string(n.projections.size()) + " projections, " +
               std::to_string(n.simulation.replicas) + " replicas)";
      });
}

}  // namespace spikewafer::python
