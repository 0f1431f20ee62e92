// The Swendsen-Wang update (sampling/swendsen_wang.hpp) samples the machine it is given: a chain
// of updates on a 5-unit ferromagnet with fields of both signs reaches the exact distribution,
// and the chain of a machine whose couplings it misreads (a factor 1.3) does not.
#include <gtest/gtest.h>

#include <vector>

#include "sampling/boltzmann_machine.hpp"
#include "sampling/coupling_graph.hpp"
#include "sampling/exact_distribution.hpp"
#include "sampling/swendsen_wang.hpp"

namespace spikewafer::sampling {
namespace {

BoltzmannMachine ferromagnet() {
  BoltzmannMachine bm;
  bm.W = Eigen::MatrixXd::Zero(5, 5);
  const double bonds[][3] = {{0, 1, 1.8}, {1, 2, 0.7}, {2, 3, 1.2}, {3, 4, 2.0}, {0, 4, 0.4},
                             {1, 3, 1.5}};
  for (const auto& b : bonds) {
    bm.W(static_cast<int>(b[0]), static_cast<int>(b[1])) = b[2];
    bm.W(static_cast<int>(b[1]), static_cast<int>(b[0])) = b[2];
  }
  bm.b.resize(5);
  bm.b << -1.5, -2.0, 0.3, -1.8, -0.6;
  return bm;
}

// D_KL of 200000 updates of the machine scaled by alpha (one state counted per update).
double kl_after_updates(double alpha) {
  const BoltzmannMachine bm = ferromagnet();
  const CouplingGraph graph = coupling_graph(bm);
  ChainParams chain;
  chain.alpha = alpha;
  chain.seed = 11;
  std::vector<uint8_t> z(5, 0);
  Eigen::VectorXd counts = Eigen::VectorXd::Zero(32);
  constexpr int kUpdates = 200000;
  for (int t = 0; t < kUpdates; ++t) {
    swendsen_wang_update(graph, chain, z, t, 3);
    int index = 0;
    for (int k = 0; k < 5; ++k) index |= z[k] << k;
    counts[index] += 1.0;
  }
  // The machine's own biases stay as they are when alpha scales the couplings: compare with
  // the machine the chain was meant to sample (alpha = 1).
  return kl_divergence(counts / kUpdates, exact_distribution(bm));
}

TEST(SwendsenWang, SamplesTheExactDistribution) { EXPECT_LT(kl_after_updates(1.0), 2e-3); }

TEST(SwendsenWang, AMisreadCouplingIsSeen) { EXPECT_GT(kl_after_updates(1.3), 1e-2); }

TEST(SwendsenWang, IsAllowedOnlyForFerromagneticCouplings) {
  const CouplingGraph graph = coupling_graph(ferromagnet());
  EXPECT_TRUE(allows_swendsen_wang(graph, {ChainParams{}}));
  ChainParams flipped;
  flipped.alpha = -1.0;
  EXPECT_FALSE(allows_swendsen_wang(graph, {ChainParams{}, flipped}));
}

}  // namespace
}  // namespace spikewafer::sampling
