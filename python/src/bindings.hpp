// The pieces of the extension module, one file each; module.cpp calls them in order.
#pragma once

#include <pybind11/pybind11.h>

namespace spikewafer::python {

void bind_errors(pybind11::module_& m);     // errors.cpp
void bind_network_values(pybind11::module_& m);  // network_values.cpp
void bind_population(pybind11::module_& m);      // population.cpp
void bind_projection(pybind11::module_& m);      // projection.cpp
void bind_network(pybind11::module_& m);         // network.cpp
void bind_simulator(pybind11::module_& m);  // simulator.cpp
void bind_results(pybind11::module_& m);    // results.cpp
void bind_ising_protocols(pybind11::module_& m);     // protocols_ising.cpp
void bind_sampling_protocols(pybind11::module_& m);  // protocols_sampling.cpp
void bind_learning_protocols(pybind11::module_& m);  // protocols_learning.cpp
void bind_wafer_protocols(pybind11::module_& m);     // protocols_wafer.cpp

}  // namespace spikewafer::python
