#include "sampling/swendsen_wang.hpp"

#include <cmath>
#include <cstdint>
#include <numeric>

#include "kernels/random.hpp"

namespace spikewafer::sampling {

bool allows_swendsen_wang(const CouplingGraph& graph, const std::vector<ChainParams>& chains) {
  for (const ChainParams& p : chains)
    for (const float w : graph.weight)
      if (p.alpha * w < 0.0) return false;
  return true;
}

void swendsen_wang_update(const CouplingGraph& g, const ChainParams& p, std::vector<uint8_t>& z,
                          uint64_t counter, uint32_t substream) {
  const uint32_t n = g.size;
  const auto uniform = [&](uint32_t key, uint32_t sub) {
    return kernels::philox_uniform4(p.seed, key, counter, kernels::Stream::kSpinFlip, sub).u[0];
  };
  std::vector<uint32_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0u);
  const auto root = [&](uint32_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];  // path halving
    return i;
  };
  // Bonds: each edge once (from its lower end), keyed by its first storage index k: edges
  // 4 q .. 4 q + 3 take the four lanes of Philox call q (edges come in order of k).
  kernels::Uniform4 block{};
  uint64_t block_of = UINT64_MAX;
  // A bond's probability depends on its weight alone: computed again only where the weight
  // changes (once on a uniform lattice; expm1 per bond took a third of the update's time).
  float weight_of = NAN;
  double bond = 0.0;
  for (uint32_t i = 0; i < n; ++i)
    for (uint64_t k = g.row_ptr[i]; k < g.row_ptr[i + 1]; ++k) {
      const uint32_t j = g.column[k];
      if (j <= i || z[i] != z[j]) continue;
      if (k / 4 != block_of) {
        block_of = k / 4;
        block = kernels::philox_uniform4(p.seed, static_cast<uint32_t>(block_of), counter,
                                         kernels::Stream::kSpinFlip, substream);
      }
      if (!(g.weight[k] == weight_of)) {
        weight_of = g.weight[k];
        bond = -std::expm1(-0.5 * p.alpha * weight_of);
      }
      if (block.u[k % 4] < bond) parent[root(i)] = root(j);
    }
  // Each cluster's field, sum_C h_i s_i, gathered on its root.
  std::vector<double> field(n, 0.0);
  for (uint32_t i = 0; i < n; ++i) {
    double all = 0.0;
    for (uint64_t k = g.row_ptr[i]; k < g.row_ptr[i + 1]; ++k) all += g.weight[k];
    const double h = 0.5 * (p.gamma * g.bias[i] + p.beta + 0.5 * p.alpha * all);
    field[root(i)] += z[i] ? h : -h;
  }
  std::vector<uint8_t> flip(n, 0);
  for (uint32_t i = 0; i < n; ++i)
    if (parent[i] == i) flip[i] = uniform(i, substream + 1) < 1.0 / (1.0 + std::exp(2.0 * field[i]));
  for (uint32_t i = 0; i < n; ++i)
    if (flip[root(i)]) z[i] = 1 - z[i];
}

}  // namespace spikewafer::sampling
