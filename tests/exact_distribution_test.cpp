// Exact distributions of small Boltzmann machines and the statistics that compare samples with
// them, checked against numbers computed by hand.
#include "sampling/exact_distribution.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "spikewafer/error.hpp"

namespace spikewafer::sampling {
namespace {

using ::testing::HasSubstr;

// W_01 = 1, b = (0, -1). log p up to a constant, states 00, 10, 01, 11 (z_0 first; index
// z_0 + 2 z_1): 0, b_0 = 0, b_1 = -1, W_01 + b_0 + b_1 = 0. So p = (1, 1, e^-1, 1) / Z with
// Z = 3 + e^-1; p(z_0 = 1) = 2 / Z, p(z_1 = 1) = (1 + e^-1) / Z, <z_0 z_1> = p(11) = 1 / Z.
BoltzmannMachine two_units() {
  BoltzmannMachine bm;
  bm.W.resize(2, 2);
  bm.W << 0, 1, 1, 0;
  bm.b.resize(2);
  bm.b << 0, -1;
  return bm;
}

const double kZ = 3.0 + std::exp(-1.0);

TEST(ExactDistribution, TwoUnitsByHand) {
  const Eigen::VectorXd p = exact_distribution(two_units());
  ASSERT_EQ(p.size(), 4);
  EXPECT_NEAR(p[0], 1.0 / kZ, 1e-15);
  EXPECT_NEAR(p[1], 1.0 / kZ, 1e-15);
  EXPECT_NEAR(p[2], std::exp(-1.0) / kZ, 1e-15);
  EXPECT_NEAR(p[3], 1.0 / kZ, 1e-15);
}

TEST(ExactDistribution, MarginalsAndCorrelationsByHand) {
  const Eigen::VectorXd p = exact_distribution(two_units());
  const Eigen::VectorXd m = marginals(p, 2);
  EXPECT_NEAR(m[0], 2.0 / kZ, 1e-15);
  EXPECT_NEAR(m[1], (1.0 + std::exp(-1.0)) / kZ, 1e-15);
  const Eigen::MatrixXd c = pair_correlations(p, 2);
  EXPECT_NEAR(c(0, 1), 1.0 / kZ, 1e-15);
  EXPECT_EQ(c(0, 1), c(1, 0));
  EXPECT_EQ(c(0, 0), m[0]);
  EXPECT_EQ(c(1, 1), m[1]);
}

TEST(ExactDistribution, LargeWeightsStayFinite) {
  // log p(11) = 799 and exp(799) overflows a double; log-sum-exp keeps the distribution exact:
  // 11 carries all of it, and exp(-799) underflows to 0 for the other states.
  BoltzmannMachine bm = two_units();
  bm.W << 0, 800, 800, 0;
  const Eigen::VectorXd p = exact_distribution(bm);
  EXPECT_EQ(p[3], 1.0);
  EXPECT_EQ(p[0], 0.0);
}

TEST(ExactDistribution, AgreesWithDirectEnumeration) {
  const BoltzmannMachine bm = random_boltzmann_machine(7, 1.0, 1.0, 5);
  const Eigen::VectorXd p = exact_distribution(bm);
  double z = 0.0;
  for (uint64_t s = 0; s < 128; ++s) z += std::exp(unnormalised_log_probability(bm, s));
  for (uint64_t s = 0; s < 128; ++s)
    EXPECT_NEAR(p[static_cast<Eigen::Index>(s)], std::exp(unnormalised_log_probability(bm, s)) / z,
                1e-14);
  EXPECT_NEAR(p.sum(), 1.0, 1e-14);
}

TEST(ExactDistribution, RefusesMoreThanTwentyUnits) {
  try {
    exact_distribution(random_boltzmann_machine(21, 1.0, 1.0, 1));
    ADD_FAILURE() << "no error for 21 units";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInput);
    EXPECT_THAT(e.what(), HasSubstr("21 units, thus 2^21 states"));
    EXPECT_THAT(e.what(), HasSubstr("stops at 20 units"));
  }
}

TEST(KlDivergence, IdenticalIsZero) {
  const Eigen::VectorXd p = exact_distribution(two_units());
  EXPECT_EQ(kl_divergence(p, p), 0.0);
}

TEST(KlDivergence, KnownPairs) {
  // (1/2, 1/2) against (1/4, 3/4): 1/2 ln 2 + 1/2 ln(2/3).
  EXPECT_NEAR(kl_divergence(Eigen::Vector2d(0.5, 0.5), Eigen::Vector2d(0.25, 0.75)),
              0.5 * std::log(2.0) + 0.5 * std::log(2.0 / 3.0), 1e-15);
  // 0 log 0 = 0: only the first state counts, 1 ln(1 / (1/2)) = ln 2.
  EXPECT_NEAR(kl_divergence(Eigen::Vector2d(1.0, 0.0), Eigen::Vector2d(0.5, 0.5)), std::log(2.0),
              1e-15);
  // Samples where the target has no mass.
  EXPECT_EQ(kl_divergence(Eigen::Vector2d(0.5, 0.5), Eigen::Vector2d(1.0, 0.0)),
            std::numeric_limits<double>::infinity());
  EXPECT_THROW(kl_divergence(Eigen::Vector2d(0.5, 0.5), Eigen::Vector3d(0.2, 0.3, 0.5)), Error);
}

TEST(StateHistogram, CountsSamplesByState) {
  // Four samples of 3 units: 100 (state 1) twice, 011 (state 6), 000 (state 0).
  const std::vector<uint8_t> states = {1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0};
  const Eigen::VectorXd h = state_histogram(states, 3);
  ASSERT_EQ(h.size(), 8);
  Eigen::VectorXd expected = Eigen::VectorXd::Zero(8);
  expected[0] = 0.25;
  expected[1] = 0.5;
  expected[6] = 0.25;
  EXPECT_EQ(h, expected);
  EXPECT_EQ(marginals(h, 3), Eigen::Vector3d(0.5, 0.25, 0.25));
}

TEST(StateHistogram, RejectsMalformedSamples) {
  EXPECT_THROW(state_histogram({1, 0, 1, 1}, 3), Error);  // not whole samples
  EXPECT_THROW(state_histogram({}, 3), Error);
  EXPECT_THROW(state_histogram({2, 0, 0}, 3), Error);
  EXPECT_THROW(state_histogram({0}, 21), Error);
  EXPECT_THROW(marginals(Eigen::VectorXd::Zero(4), 3), Error);
}

TEST(StateString, UnitZeroFirst) {
  EXPECT_EQ(state_string(1, 3), "100");
  EXPECT_EQ(state_string(6, 3), "011");
  EXPECT_EQ(state_string(0, 2), "00");
  EXPECT_EQ(state_string(5, 4), "1010");
}

}  // namespace
}  // namespace spikewafer::sampling
