// The synapses of a network as the mapping sees them, drawn with the same connectors and random
// streams as the simulator (host/network/connectors.hpp), so the mapped network is the simulated
// one. Nothing per synapse is kept: a network of the full system's 0.88 B synapses would not
// fit in memory. The mapping draws the units again where it needs the synapses themselves
// (mapping.cpp); this summary says what they are.
#pragma once

#include <cstdint>
#include <vector>

#include "spikewafer/network.hpp"

namespace spikewafer::wafer {

struct DrawnNetwork {
  std::vector<uint32_t> population_offsets;  // offsets[p] first neuron of p; back() the total
  std::vector<uint64_t> synapses_per_projection;
  // Per projection, the first synapse of each drawing unit (MappedSynapses::unit_offsets).
  std::vector<std::vector<uint64_t>> unit_offsets;
  std::vector<uint32_t> in_degree;  // synapses onto each neuron, over all projections
  uint32_t max_in_degree = 0;       // most synapses onto any one neuron

  uint32_t neurons() const { return population_offsets.back(); }
  uint64_t synapses() const;
};

// Validates the network (host/network/validate.hpp) and draws every projection once, on all
// threads. Throws spikewafer::Error (kInput) naming the place for a network that cannot be
// realised.
DrawnNetwork draw_synapses(const Network& network);

}  // namespace spikewafer::wafer
