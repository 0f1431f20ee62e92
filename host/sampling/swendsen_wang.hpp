// One Swendsen-Wang update of a ferromagnetic Boltzmann machine (every coupling >= 0), as a
// kernel of the target's dynamics that moves whole clusters: near a critical point heat-bath
// sweeps hardly move the long-range order, and a cluster update relaxes it in a few steps.
//
// In spin terms (s = 2 z - 1) the machine -E = sum_{i<j} W_ij z_i z_j + sum_i b_i z_i is an Ising
// model with couplings J_ij = W_ij / 4 and fields h_i = (b_i + sum_j W_ij / 2) / 2. Aligned
// neighbours are bonded with probability 1 - exp(-2 J_ij); each cluster of bonded spins is then
// flipped as a whole with the heat-bath probability of its field, 1 / (1 + exp(2 sum_C h_i s_i)).
// The update leaves the machine's distribution invariant (tests/swendsen_wang_test.cpp).
#pragma once

#include <cstdint>
#include <vector>

#include "sampling/coupling_graph.hpp"

namespace spikewafer::sampling {

// Whether every chain's couplings alpha W_ij are >= 0, as the update needs.
bool allows_swendsen_wang(const CouplingGraph& graph, const std::vector<ChainParams>& chains);

// One update of z (one entry 0/1 per unit) under the machine `chain` scales `graph` to. Its
// random numbers are keyed by (chain.seed, counter, substream) and the bond or cluster: the same
// arguments give the same update, whatever the thread that runs it.
void swendsen_wang_update(const CouplingGraph& graph, const ChainParams& chain,
                          std::vector<uint8_t>& z, uint64_t counter, uint32_t substream);

}  // namespace spikewafer::sampling
