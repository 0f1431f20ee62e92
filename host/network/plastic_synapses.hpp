// The synapses of projections with STDP (network.hpp, Stdp), kept apart from the shared CSR
// (connectivity.hpp) because their weights change, per replica: each projection's synapses as a
// CSR by source neuron (for presynaptic spikes, and the weights' order) with a column index by
// target neuron (for postsynaptic spikes), both over the populations' local indices.
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
  // Rows by source (local), each sorted by target: the synapse's target (global) and delay
  // packed as in the shared CSR, and its initial weight (a magnitude). A replica's weights are
  // kept in this order: a presynaptic spike, which also delivers, walks a contiguous range.
  std::vector<uint64_t> row_ptr;      // source_size + 1
  std::vector<uint32_t> target_delay;
  std::vector<float> weight;
  // Columns by target (local), each in draw order: the synapse's place in the rows and its
  // source (local).
  std::vector<uint64_t> col_ptr;      // target_size + 1
  std::vector<uint32_t> col_synapse;
  std::vector<uint32_t> col_source;
  // draw_order[c]: the draw index of column entry c, for reading weights back in the order the
  // projection was described in; empty where columns are in draw order (connectors draw in
  // target order; only a list in another order differs).
  std::vector<uint64_t> draw_order;
  uint32_t max_delay_steps = 1;

  uint64_t synapses() const { return col_source.size(); }
};

// The plastic projections of the network, in the order of Network::projections (each drawn as
// build_connectivity would draw it, which leaves them out).
std::vector<PlasticProjection> build_plastic_projections(const Network& network);

// A plastic projection's rule in steps of dt.
kernels::StdpRule stdp_rule(const Projection& projection);

// The synapses' sources and targets (local) in the projection's draw order.
void synapse_ends(const PlasticProjection& p, std::vector<uint32_t>& pre, std::vector<uint32_t>& post);

}  // namespace spikewafer
