// The estimator of the closed-loop translation (ising/translation_correction.hpp) on states that
// Glauber dynamics draws from known Boltzmann machines: it finds no departure in the target's
// own states, and the loop built on it recovers a known departure: a sampler given 1.2 x the target's weights and 0.15
// more bias ends with corrections of 1 / 1.2 and -0.15.
#include <gtest/gtest.h>

#include <vector>

#include "ising/chain_sampler.hpp"
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

Lattice square8() { return make_lattice({LatticeKind::kSquare, 8, 1.0, Couplings::kUniform, 1}); }

struct Machines {
  std::vector<sampling::ChainParams> target, drawn;
  std::vector<uint8_t> start;
};
// kChains chains at (T, h); the drawn machine has weights x weight_scale and biases + bias_shift
// (b = gamma b_s + beta: the weights scale alone, the biases stay and shift).
Machines machines(const Lattice& lattice, double T, double h, double weight_scale,
                  double bias_shift) {
  Machines m;
  for (uint32_t c = 0; c < kChains; ++c) {
    m.target.push_back(chain_params_from_T_h(lattice, T, h, 10 + c));
    sampling::ChainParams p = m.target.back();
    p.alpha *= weight_scale;
    p.beta += bias_shift;
    m.drawn.push_back(p);
    const auto z = initial_state(lattice, InitialPattern::kRandom, 1, 50 + c);
    m.start.insert(m.start.end(), z.begin(), z.end());
  }
  return m;
}

// The deviation the estimator finds in 400 samples per chain (one per sweep) of the drawn machine,
// with heat-bath sweeps or cluster updates from each.
std::array<double, 2> estimated(double T, double h, double weight_scale, double bias_shift,
                                bool clusters) {
  const Lattice lattice = square8();
  const Machines m = machines(lattice, T, h, weight_scale, bias_shift);
  sampling::GibbsSampler glauber(
      lattice.graph, m.drawn,
      {sampling::UpdateRule::kHeatBath, sampling::SweepOrder::kColoured, Backend::kCpu, 1});
  glauber.set_states(m.start);
  glauber.sweep(200);
  // Every sample, 3 sweeps from each: the expected departures below were measured so.
  ContrastiveEstimator estimator(lattice, m.target, kChains, 1, 3);
  estimator.use_clusters(clusters);
  for (int k = 0; k < 400; ++k) {
    glauber.sweep(1);
    estimator.add(glauber.states());
  }
  return estimator.deviations()[0];
}

TEST_F(ContrastiveEstimatorTest, FindsNoDepartureInTheTargetsOwnStates) {
  for (const bool clusters : {false, true})
    for (const double h : {0.0, 0.5}) {
      const auto [weight, bias] = estimated(3.5, h, 1.0, 0.0, clusters);
      EXPECT_NEAR(weight, 0.0, 0.03) << h << " clusters " << clusters;
      EXPECT_NEAR(bias, 0.0, 0.05) << h << " clusters " << clusters;
    }
}

// Weights x 1.2 about z = 0 and biases + 0.15: in the estimator's terms, weights x 1.2 about mid
// (a - 1 = 0.2) and a shift of 0.15 + 0.2 mid = 0.61 at T = 3.5 (mid = 8 / T: four bonds of
// W = 4 J, half of them).
TEST_F(ContrastiveEstimatorTest, BothKernelsSeeAKnownDeparture) {
  for (const bool clusters : {false, true}) {
    const auto [weight, bias] = estimated(3.5, 0.5, 1.2, 0.15, clusters);
    EXPECT_NEAR(weight, 0.2, 0.04) << "clusters " << clusters;
    EXPECT_NEAR(bias, 0.61, 0.08) << "clusters " << clusters;
  }
}

TEST_F(ContrastiveEstimatorTest, TheLoopRecoversAKnownDeparture) {
  const Lattice lattice = square8();
  for (const double h : {0.0, 0.4}) {
    const Machines m = machines(lattice, 3.5, h, 1.2, 0.15);
    ScanConfig config;
    // A sampler that errs by a known amount: Glauber dynamics of the drawn machine, corrected
    // against the target.
    auto sampler = make_chain_sampler(SamplerKind::kGlauber, lattice, m.drawn, config, nullptr, 1);
    sampler->set_states(m.start);
    sampler->advance(100);
    CorrectionSettings settings;
    // Six local rounds: far above Tc the statistics relax within one sweep, so the steps (per
    // sweep of three) are a third of the Newton step, and the default three leave a departure
    // of 20% a few percent short.
    settings.rounds = 12;
    settings.local_rounds = 6;
    settings.window = 200;  // sweeps
    settings.settle = 10;
    const PointCorrection c = correct_translation(*sampler, lattice, m.target, kChains, settings)[0];
    EXPECT_NEAR(c.weight_factor, 1.0 / 1.2, 0.04) << h;
    EXPECT_NEAR(c.bias_offset, -0.15, 0.06) << h;
  }
}

// Sharing corrections with the neighbouring grid points along T (the scan's smoothing) keeps a
// departure that all of them have: three points at T = 3.3, 3.5, 3.7, each sampled with 1.2 x
// its weights, end with corrections of 1 / 1.2.
TEST_F(ContrastiveEstimatorTest, NeighboursShareTheirCorrections) {
  const Lattice lattice = square8();
  std::vector<sampling::ChainParams> target, drawn;
  std::vector<uint8_t> start;
  for (const double T : {3.3, 3.5, 3.7}) {
    const Machines m = machines(lattice, T, 0.0, 1.2, 0.0);
    target.insert(target.end(), m.target.begin(), m.target.end());
    drawn.insert(drawn.end(), m.drawn.begin(), m.drawn.end());
    start.insert(start.end(), m.start.begin(), m.start.end());
  }
  ScanConfig config;
  auto sampler = make_chain_sampler(SamplerKind::kGlauber, lattice, drawn, config, nullptr, 1);
  sampler->set_states(start);
  sampler->advance(100);
  CorrectionSettings settings;
  settings.rounds = 12;
  settings.local_rounds = 6;
  settings.window = 200;
  settings.settle = 10;
  const auto points =
      correct_translation(*sampler, lattice, target, kChains, settings, {{-1, 1}, {0, 2}, {1, -1}});
  ASSERT_EQ(points.size(), 3u);
  for (const PointCorrection& c : points) EXPECT_NEAR(c.weight_factor, 1.0 / 1.2, 0.04);
}

}  // namespace
}  // namespace spikewafer::ising
