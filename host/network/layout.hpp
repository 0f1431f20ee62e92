// Where each population's neurons sit in the global neuron index space.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "spikewafer/network.hpp"

namespace spikewafer {

// offsets[p] is the global index of population p's first neuron; offsets.back() the total.
std::vector<uint32_t> population_offsets(const Network& network);

// Index of the population with this name; throws an input error naming `context` if unknown.
uint32_t population_index(const Network& network, const std::string& name,
                          const std::string& context);

}  // namespace spikewafer
