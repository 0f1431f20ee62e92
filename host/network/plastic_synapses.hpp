// The synapses of projections with STDP (network.hpp, Stdp), kept apart from the shared CSR
// (connectivity.hpp) because their weights change, per replica: each projection's synapses as a
// CSR by source neuron (for presynaptic spikes) with a column index by target neuron (for
// postsynaptic spikes), both over the populations' local indices.
#pragma once

#include <cstdint>
#include <vector>

#include "kernels/stdp.hpp"
#include "spikewafer/network.hpp"

namespace spikewafer {

struct PlasticProjection {
  uint32_t projection = 0;  // index in Network::projections
  uint32_t source_first = 0, source_size = 0;
  uint32_t target_first = 0, target_size = 0;
  kernels::StdpRule rule;
  float decay_plus = 1.0f, decay_minus = 1.0f;  // exp(-dt / tau): the traces' decay per step
  // Rows by source (local), sorted by target then draw order: target (global) and delay packed
  // as in the shared CSR, and the initial weight (a magnitude).
  std::vector<uint64_t> row_ptr;
  std::vector<uint32_t> target_delay;
  std::vector<float> weight;
  // Columns by target (local): the synapses onto each target and their sources (local).
  std::vector<uint64_t> col_ptr;
  std::vector<uint64_t> col_synapse;
  std::vector<uint32_t> col_source;
  // Synapse k of the rows is the draw_order[k]-th the connector drew (for reading weights back
  // in the order the projection was described in: a from_list projection's list order).
  std::vector<uint64_t> draw_order;
  uint32_t max_delay_steps = 1;

  uint64_t synapses() const { return target_delay.size(); }
};

// The plastic projections of the network, in the order of Network::projections (each drawn as
// build_connectivity would draw it, which leaves them out).
std::vector<PlasticProjection> build_plastic_projections(const Network& network);

// A plastic projection's rule in steps of dt.
kernels::StdpRule stdp_rule(const Projection& projection);

}  // namespace spikewafer
