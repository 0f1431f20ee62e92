// The network's lists are bound as Python lists that refer to the C++ vectors (bind_vector), so
// `net.populations[0].size = 10` changes the network instead of a temporary copy. Every file
// that binds or converts these types includes this header first.
#pragma once

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>  // std::optional fields (initial values)
#include <pybind11/stl_bind.h>

#include <vector>

#include "spikewafer/network.hpp"

PYBIND11_MAKE_OPAQUE(std::vector<spikewafer::Population>)
PYBIND11_MAKE_OPAQUE(std::vector<spikewafer::Projection>)
PYBIND11_MAKE_OPAQUE(std::vector<spikewafer::DCSource>)
