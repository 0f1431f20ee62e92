// The couplings of a Boltzmann machine in sparse form, shared by many chains that differ only in
// scale: chain c samples W_c = alpha_c W and b_c = gamma_c bias + beta_c. One graph thus serves a
// whole temperature-field grid (ising/) or many copies of one target (sampling/).
#pragma once

#include <cstdint>
#include <vector>

#include "sampling/boltzmann_machine.hpp"

namespace spikewafer::sampling {

struct CouplingGraph {
  uint32_t size = 0;                // units (spins)
  std::vector<uint64_t> row_ptr;    // size + 1 entries; row i lists the neighbours of unit i
  std::vector<uint32_t> column;     // neighbour j
  std::vector<float> weight;        // W_ij, stored in both rows i and j
  std::vector<float> bias;          // b_i
  std::vector<uint8_t> colour;      // a proper colouring: no two neighbours share a colour
  uint32_t colours = 0;
};

// Per-chain scaling of a CouplingGraph, and the chain's random seed.
struct ChainParams {
  double alpha = 1.0;  // multiplies W
  double gamma = 1.0;  // multiplies bias
  double beta = 0.0;   // added to every bias
  uint64_t seed = 1;
};

// The non-zero entries of W as a graph, coloured greedily (lowest free colour, units in order).
CouplingGraph coupling_graph(const BoltzmannMachine& bm);
// Colours the graph greedily in place (colour and colours); used by every graph builder.
void colour_greedily(CouplingGraph& graph);

}  // namespace spikewafer::sampling
