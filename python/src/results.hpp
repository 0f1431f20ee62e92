// What a run recorded, as numpy arrays (results.cpp).
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <vector>

#include "spikewafer/results.hpp"

namespace spikewafer::python {

namespace py = pybind11;

// Converted once when result() is called; the fields are plain Python objects after that.
struct PyRunResult {
  py::list population_names;
  py::dict spikes;   // time (ms), population, neuron (local), sender (global), replica
  py::list traces;   // one dict per (population, variable): values[row, sample], neuron, replica
  py::list rates;    // one dict per population: rates[replica, bin], bin_ms
  py::list learned;  // one dict per projection with stdp: projection, source, target, pre, post, weight
  py::dict summary;  // RunSummary's fields
};

// `offsets` are the network's population offsets (global index of each population's first
// neuron), used for the senders' global indices.
PyRunResult to_python(const RunResult& result, const std::vector<uint32_t>& offsets);

}  // namespace spikewafer::python
