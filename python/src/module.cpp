// spikewafer._spikewafer: the engine and the protocols for Python. The spikewafer package
// (python/spikewafer/__init__.py) re-exports it with docstrings and a few conveniences.
#include "opaque.hpp"

#include "bindings.hpp"

PYBIND11_MODULE(_spikewafer, m) {
  m.doc() = "spikewafer engine bindings (use the spikewafer package, not this module)";
  namespace sp = spikewafer::python;
  sp::bind_errors(m);
  sp::bind_network_values(m);
  sp::bind_population(m);
  sp::bind_projection(m);
  sp::bind_network(m);
  sp::bind_results(m);
  sp::bind_simulator(m);
  sp::bind_ising_protocols(m);
  sp::bind_sampling_protocols(m);
  sp::bind_learning_protocols(m);
  sp::bind_wafer_protocols(m);
}
