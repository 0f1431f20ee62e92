#include "ising/sublattice_gauge.hpp"

#include <deque>

namespace spikewafer::ising {

std::optional<SublatticeGauge> sublattice_gauge(const Lattice& lattice) {
  const sampling::CouplingGraph& g = lattice.graph;
  if (g.size == 0) return std::nullopt;
  for (float b : g.bias)
    if (b != g.bias[0]) return std::nullopt;
  // Two-colour the graph breadth first; an edge inside one colour means it is not bipartite.
  constexpr uint8_t kUnseen = 2;
  SublatticeGauge gauge;
  gauge.flipped.assign(g.size, kUnseen);
  gauge.structure_bias = g.bias[0];
  for (uint32_t start = 0; start < g.size; ++start) {
    if (gauge.flipped[start] != kUnseen) continue;
    gauge.flipped[start] = 0;
    std::deque<uint32_t> queue{start};
    while (!queue.empty()) {
      const uint32_t i = queue.front();
      queue.pop_front();
      for (uint64_t k = g.row_ptr[i]; k < g.row_ptr[i + 1]; ++k) {
        const uint32_t j = g.column[k];
        if (gauge.flipped[j] == kUnseen) {
          gauge.flipped[j] = 1 - gauge.flipped[i];
          queue.push_back(j);
        } else if (gauge.flipped[j] == gauge.flipped[i]) {
          return std::nullopt;
        }
      }
    }
  }
  return gauge;
}

sampling::CouplingGraph gauged_graph(const Lattice& lattice, const SublatticeGauge& gauge) {
  sampling::CouplingGraph g = lattice.graph;
  for (float& w : g.weight) w = -w;
  for (uint32_t i = 0; i < g.size; ++i) g.bias[i] = gauge.flipped[i] ? -1.0f : 1.0f;
  return g;
}

sampling::ChainParams gauged_params(const sampling::ChainParams& chain,
                                    const SublatticeGauge& gauge) {
  // Unit i's bias is gamma' s_i + beta' (s = +1 on A, -1 on B). With the chain's bias
  // c = gamma b_s + beta on every spin and the field of all neighbours alpha sum_j W_s,ij =
  // -2 alpha b_s: A gets c - 2 alpha b_s, B gets -c; their half sum and half difference are
  // beta' and gamma'.
  const double b = gauge.structure_bias;
  const double c = chain.gamma * b + chain.beta;
  sampling::ChainParams out = chain;
  out.gamma = c - chain.alpha * b;
  out.beta = -chain.alpha * b;
  return out;
}

void flip_sublattice(std::vector<uint8_t>& z, const SublatticeGauge& gauge) {
  const size_t n = gauge.flipped.size();
  for (size_t k = 0; k < z.size(); ++k)
    if (gauge.flipped[k % n]) z[k] = 1 - z[k];
}

}  // namespace spikewafer::ising
