// A projection's normal weights and delays are drawn again below their bound (weights keep their
// sign, delays are at least one step), as PyNN's normal_clipped and NEST do: the weights' mean
// is that of the truncated normal, mu + sd phi(a) / (1 - Phi(a)) with a = -mu / sd; with
// normal_clipped_to_boundary they are set to the bound (the fraction Phi(a) at exactly 0).
#include <gtest/gtest.h>

#include <cmath>

#include "kernels/synapse_packing.hpp"
#include "network/connectivity.hpp"
#include "spikewafer/error.hpp"
#include "test_support.hpp"

namespace spikewafer::test {
namespace {

constexpr double kMu = 0.1, kSd = 0.2;  // a third of the draws fall below 0

Connectivity all_to_all(const Distribution& weight, const Distribution& delay) {
  Network net = network_of({lif("a", 300, Model::kIfCurrExp, NeuronParams{}),
                            lif("b", 300, Model::kIfCurrExp, NeuronParams{})},
                           0.1, 10.0);
  Projection p = one_to_one("a", "b", 0.0, 1.0);
  p.connector.kind = Connector::Kind::kAllToAll;
  p.weight = weight;
  p.delay = delay;
  net.projections = {p};
  return build_connectivity(net);
}

double phi(double x) { return std::exp(-0.5 * x * x) / std::sqrt(2.0 * M_PI); }
double big_phi(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

TEST(NormalRedraw, WeightsFollowTheTruncatedNormal) {
  const Connectivity c = all_to_all(Distribution::normal(kMu, kSd), Distribution::constant(1.0));
  double sum = 0.0;
  for (float w : c.weight) {
    ASSERT_GE(w, 0.0f);
    sum += w;
  }
  const double mean = sum / static_cast<double>(c.synapses());
  const double a = -kMu / kSd;
  const double want = kMu + kSd * phi(a) / (1.0 - big_phi(a));
  // 90,000 draws, sd of the truncated normal < 0.2: the mean's standard error < 0.0007.
  EXPECT_NEAR(mean, want, 0.003);
}

TEST(NormalRedraw, ClippedToBoundaryPutsTheTailAtZero) {
  const Connectivity c = all_to_all(Distribution::normal_clipped_to_boundary(kMu, kSd),
                                    Distribution::constant(1.0));
  uint64_t zeros = 0;
  for (float w : c.weight) zeros += w == 0.0f;
  const double fraction = static_cast<double>(zeros) / static_cast<double>(c.synapses());
  EXPECT_NEAR(fraction, big_phi(-kMu / kSd), 0.01);  // 0.309
}

TEST(NormalRedraw, DelaysAreAtLeastOneStepAndNotPiledOnIt) {
  // Mean 0.15 ms, sd 0.1 at dt 0.1: a third of the draws lie below one step. Drawn again, the
  // steps are 1 (0.1 <= d < 0.15) or more; clipped, the tail would pile onto step 1.
  const Connectivity redrawn = all_to_all(Distribution::constant(0.1), Distribution::normal(0.15, 0.1));
  const Connectivity clipped = all_to_all(Distribution::constant(0.1),
                                          Distribution::normal_clipped_to_boundary(0.15, 0.1));
  const auto ones = [](const Connectivity& c) {
    uint64_t n = 0;
    for (uint32_t td : c.target_delay) n += kernels::unpack_delay(td) == 1;
    return static_cast<double>(n) / static_cast<double>(c.synapses());
  };
  // P(step 1) = P(d < 0.15 | d >= 0.1) = (0.5 - 0.309) / (1 - 0.309) = 0.277 redrawn;
  // P(d < 0.15) = 0.5 clipped.
  const double p_low = big_phi(-0.5);
  EXPECT_NEAR(ones(redrawn), (0.5 - p_low) / (1.0 - p_low), 0.01);
  EXPECT_NEAR(ones(clipped), 0.5, 0.01);
}

TEST(NormalRedraw, AMeanFarBelowTheBoundIsAnError) {
  // Validation refuses it first; drawing alone would never end, so it stops with an error too.
  EXPECT_THROW(all_to_all(Distribution::normal(-5.0, 0.1), Distribution::constant(1.0)), Error);
}

}  // namespace
}  // namespace spikewafer::test
