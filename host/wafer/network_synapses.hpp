// The synapses of a network as the mapping sees them: one entry per synapse, with the projection
// it came from. Drawn with the same connectors and random streams as the simulator
// (host/network/connectors.hpp), so the mapped network is the simulated one.
#pragma once

#include <cstdint>
#include <vector>

#include "spikewafer/network.hpp"

namespace spikewafer::wafer {

struct DrawnSynapse {
  uint32_t pre = 0;         // global neuron index (population offsets of host/network/layout)
  uint32_t post = 0;        // global neuron index
  float weight = 0.0f;      // magnitude (uS or nA); the receptor gives the sign
  uint32_t projection = 0;  // index into Network::projections
};

struct DrawnNetwork {
  std::vector<uint32_t> population_offsets;  // offsets[p] first neuron of p; back() the total
  std::vector<DrawnSynapse> synapses;        // in projection order
  std::vector<uint64_t> synapses_per_projection;
  uint32_t max_in_degree = 0;  // most synapses onto any one neuron, over all projections

  uint32_t neurons() const { return population_offsets.back(); }
};

// Validates the network (host/network/validate.hpp) and draws every projection. Throws
// spikewafer::Error (kInput) naming the place for a network that cannot be realised.
DrawnNetwork draw_synapses(const Network& network);

// Population of a global neuron index (binary search over the offsets).
uint32_t population_of(const DrawnNetwork& drawn, uint32_t neuron);

}  // namespace spikewafer::wafer
