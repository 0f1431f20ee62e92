// Annealed importance sampling for log Z of an RBM (learning/annealed_importance.hpp) against
// the exact sum (learning/rbm.hpp) on RBMs whose smaller layer can be enumerated; its
// determinism over thread counts, the exact base at W = 0, and the settings it refuses.
#include "learning/annealed_importance.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/random.hpp"
#include "learning/rbm.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::learning {
namespace {

// N(0, 1) by Box-Muller from Philox, so the test RBMs are the same on every platform.
double normal(uint64_t seed, uint32_t unit, uint32_t layer) {
  const kernels::Uniform4 d =
      kernels::philox_uniform4(seed, unit, layer, kernels::Stream::kInitial, 3);
  return std::sqrt(-2.0 * std::log(1.0 - static_cast<double>(d.u[0]))) *
         std::cos(2.0 * M_PI * d.u[1]);
}

// Weights N(0, weight_std^2) (make_rbm), biases N(0, 1).
Rbm random_rbm(uint32_t visible, uint32_t labels, uint32_t hidden, double weight_std,
               uint64_t seed) {
  Rbm rbm = make_rbm(visible, labels, hidden, weight_std, seed);
  for (uint32_t i = 0; i < rbm.inputs(); ++i) rbm.b[i] = normal(seed, i, 1);
  for (uint32_t j = 0; j < hidden; ++j) rbm.c[j] = normal(seed, j, 2);
  return rbm;
}

// With the default settings (100 runs x 1000 temperatures; 0.02-0.05 s each on 2 cores),
// measured (AIS minus exact, with seed 1; then over seeds 1-10 the mean and sd of that
// difference and the mean log_z_err):
//   10 x 40,        W ~ N(0, 1):     log Z 71.561, +0.006, log_z_err 0.017; -0.009, 0.009, 0.016
//   16 x 20,        W ~ N(0, 0.5^2): log Z 41.913, +0.009, log_z_err 0.010; -0.003, 0.007, 0.010
//   (18 + 2) x 12,  W ~ N(0, 0.7^2): log Z 39.764, +0.014, log_z_err 0.010; +0.002, 0.007, 0.010
// (the last with labels, and the hidden layer the smaller one). The bound is then 0.05.
TEST(AnnealedImportance, AgreesWithTheExactLogPartition) {
  struct Case {
    uint32_t visible, labels, hidden;
    double weight_std;
  };
  for (const Case& c : {Case{10, 0, 40, 1.0}, Case{16, 0, 20, 0.5}, Case{18, 2, 12, 0.7}}) {
    SCOPED_TRACE(std::to_string(c.visible + c.labels) + " x " + std::to_string(c.hidden));
    const Rbm rbm = random_rbm(c.visible, c.labels, c.hidden, c.weight_std, 7);
    const double exact = log_partition(rbm);
    const AisEstimate e = ais_log_partition(rbm, AisSettings{});
    EXPECT_LT(e.log_z_err, 0.2);
    EXPECT_GT(e.log_z_err, 0.0);
    EXPECT_NEAR(e.log_z, exact, std::max(3.0 * e.log_z_err, 0.05));
  }
}

TEST(AnnealedImportance, SameSeedGivesTheSameEstimateOnOneAndTwoThreads) {
  const Rbm rbm = random_rbm(10, 0, 40, 1.0, 7);
  const AisSettings s{37, 200, 5};  // an odd number of runs: unequal shares
  const AisEstimate one = ais_log_partition(rbm, s, 1), two = ais_log_partition(rbm, s, 2);
  EXPECT_EQ(one.log_z, two.log_z);
  EXPECT_EQ(one.log_z_err, two.log_z_err);
  EXPECT_EQ(one.log_z, ais_log_partition(rbm, s, 1).log_z);
  // Another seed, other draws.
  EXPECT_NE(one.log_z, ais_log_partition(rbm, AisSettings{37, 200, 6}, 2).log_z);
}

TEST(AnnealedImportance, ZeroWeightsGiveTheBaseExactly) {
  Rbm rbm = random_rbm(12, 2, 30, 1.0, 3);
  rbm.W.setZero();
  const AisEstimate e = ais_log_partition(rbm, AisSettings{20, 50, 1});
  EXPECT_NEAR(e.log_z_base, log_partition(rbm), 1e-9);
  EXPECT_EQ(e.log_z, e.log_z_base);  // every log weight is exactly 0
  EXPECT_EQ(e.log_z_err, 0.0);
}

TEST(AnnealedImportance, RefusesBadSettings) {
  const auto kind_thrown = [](const Rbm& rbm, const AisSettings& s, int threads) {
    try {
      ais_log_partition(rbm, s, threads);
    } catch (const Error& e) {
      return static_cast<int>(e.kind());
    }
    return -1;  // nothing thrown
  };
  const auto input = static_cast<int>(ErrorKind::kInput);
  Rbm rbm = random_rbm(4, 0, 3, 1.0, 1);
  EXPECT_EQ(kind_thrown(rbm, AisSettings{0, 100, 1}, 0), input);
  EXPECT_EQ(kind_thrown(rbm, AisSettings{10, 1, 1}, 0), input);
  EXPECT_EQ(kind_thrown(rbm, AisSettings{10, 0, 1}, 0), input);
  EXPECT_EQ(kind_thrown(rbm, AisSettings{}, -1), input);
  // Two temperatures (plain importance sampling from the base) and one run are allowed; one run
  // has no spread to give an error from.
  EXPECT_EQ(kind_thrown(rbm, AisSettings{10, 2, 1}, 0), -1);
  EXPECT_TRUE(std::isnan(ais_log_partition(rbm, AisSettings{1, 10, 1}).log_z_err));
  Rbm infinite = rbm;
  infinite.W(0, 0) = std::numeric_limits<double>::infinity();
  EXPECT_EQ(kind_thrown(infinite, AisSettings{}, 0), input);
  rbm.c.resize(4);  // no longer matches the 3 hidden units
  EXPECT_EQ(kind_thrown(rbm, AisSettings{}, 0), input);
}

}  // namespace
}  // namespace spikewafer::learning
