// Synapses of a whole network as CSR by source neuron, over global neuron indices (population
// offsets from layout.hpp), shared by all replicas. Built on the host, uploaded once.
#pragma once

#include <cstdint>
#include <vector>

#include "spikewafer/network.hpp"
#include "spikewafer/spike_exchange.hpp"

namespace spikewafer {

struct Connectivity {
  uint32_t neurons = 0;               // global neuron count (rows)
  std::vector<uint64_t> row_ptr;      // neurons + 1 entries
  std::vector<uint32_t> target_delay; // kernels::pack_target_delay(target, delay_steps)
  std::vector<float> weight;          // signed: negative for the inhibitory receptor
  // Per synapse, the probability that a spike reaches it; empty where every synapse's is 1.
  std::vector<float> release;
  uint32_t max_delay_steps = 1;       // the largest delay of any synapse, >= 1

  uint64_t synapses() const { return target_delay.size(); }
};

// Draws every projection's connector but the plastic ones (plastic_synapses.hpp) (deterministic for Network::simulation.seed, independent of
// thread count) and assembles the CSR. Delays are rounded to whole steps of simulation.dt.
// Throws spikewafer::Error (kInput) naming the projection when a connector cannot be realised
// (fixed in-degree larger than the source, sizes that do not match, a delay over 255 steps).
Connectivity build_connectivity(const Network& network);

// Whether some synapse has a release probability below 1 (the projection's, or a from_list
// connection's): the CSR then keeps one per synapse, and delivery draws for each.
bool stochastic(const Projection& projection);
bool any_stochastic(const Network& network);

// The smallest delay (steps) of any synapse; max_delay_steps when there are none.
uint32_t min_delay_steps(const Connectivity& connectivity);

// Keeps only the synapses onto the partition's neurons (a process's share of a distributed run).
void keep_targets(Connectivity& connectivity, const Partition& partition);

// The number of synapses the connectors will draw, without drawing them (expected value for
// fixed_probability); used to refuse networks that do not fit in memory before building them.
double expected_synapses(const Network& network);

}  // namespace spikewafer
