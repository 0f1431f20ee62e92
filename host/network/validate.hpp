// Checks that a Network describes something that can be simulated, whoever built it (a config
// file, the Python package, a protocol). Throws spikewafer::Error (kInput) naming the source,
// the population or projection, the key, and what is allowed.
#pragma once

#include "spikewafer/network.hpp"

namespace spikewafer {

void validate(const Network& network);

}  // namespace spikewafer
