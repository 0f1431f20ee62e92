// The estimator of the closed-loop translation (ising/translation_correction.hpp): from states
// that Glauber dynamics draws from a known Boltzmann machine, it recovers how that machine
// departs from the target it is given (a weight scale and a bias shift), and finds no departure
// where the states come from the target itself.
#include <gtest/gtest.h>

#include <vector>

#include "ising/initial_state.hpp"
#include "ising/ising_map.hpp"
#include "ising/lattice.hpp"
#include "ising/translation_correction.hpp"
#include "sampling/gibbs_sampler.hpp"
#include "thread_count_guard.hpp"

namespace spikewafer::ising {
namespace {

class ContrastiveEstimatorTest : public test::RestoresThreadCount {};

constexpr uint32_t kChains = 16;

// The deviation the estimator finds, against the target (T, h), in states of the machine with
// weights x weight_scale and biases + bias_shift, drawn by heat-bath Glauber dynamics on the
// 8x8 lattice (a sample every sweep, 400 samples per chain).
std::array<double, 2> estimated(double T, double h, double weight_scale, double bias_shift) {
  const Lattice lattice = make_lattice({LatticeKind::kSquare, 8, 1.0, Couplings::kUniform, 1});
  std::vector<sampling::ChainParams> target, drawn;
  std::vector<uint8_t> start;
  for (uint32_t c = 0; c < kChains; ++c) {
    target.push_back(chain_params_from_T_h(lattice, T, h, 10 + c));
    sampling::ChainParams p = target.back();
    // b = gamma b_s + beta: the weights scale alone, the biases stay and shift.
    p.alpha *= weight_scale;
    p.beta += bias_shift;
    drawn.push_back(p);
    const auto z = initial_state(lattice, InitialPattern::kRandom, 1, 50 + c);
    start.insert(start.end(), z.begin(), z.end());
  }
  sampling::GibbsSampler glauber(
      lattice.graph, drawn,
      {sampling::UpdateRule::kHeatBath, sampling::SweepOrder::kColoured, Backend::kCpu, 1});
  glauber.set_states(start);
  glauber.sweep(200);
  ContrastiveEstimator estimator(lattice, target, kChains);
  for (int k = 0; k < 400; ++k) {
    glauber.sweep(1);
    estimator.add(glauber.states());
  }
  return estimator.deviations()[0];
}

TEST_F(ContrastiveEstimatorTest, FindsNoDepartureInTheTargetsOwnStates) {
  const auto [weight, bias] = estimated(3.5, 0.0, 1.0, 0.0);
  // Measured -0.003 and 0.002: sampling noise of 16 x 400 states.
  EXPECT_NEAR(weight, 0.0, 0.03);
  EXPECT_NEAR(bias, 0.0, 0.05);
}

TEST_F(ContrastiveEstimatorTest, RecoversAStrongerCouplingAndABiasShift) {
  // One Gibbs sweep relaxes only part of the way, and one Newton step from the target is exact
  // to first order: the estimate comes out within a fifth of the departure here.
  const auto [weight, bias] = estimated(5.0, 0.0, 1.2, 0.0);
  EXPECT_NEAR(weight, 0.2, 0.04);
  EXPECT_NEAR(bias, 0.15, 0.05);
  const auto [weaker, lower] = estimated(5.0, 0.0, 0.85, -0.15);
  EXPECT_NEAR(weaker, -0.15, 0.03);
  EXPECT_NEAR(lower, -0.15, 0.05);
}

}  // namespace
}  // namespace spikewafer::ising
