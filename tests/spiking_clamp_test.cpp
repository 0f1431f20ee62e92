// Clamping units of a spiking sampler, replica by replica (SpikingSampler::clamp, the data phase
// of training): a held unit stays in z = 1 or silent whatever its inputs, and a free unit then
// samples its conditional given the held ones, as the Boltzmann machine says. The simulator
// refuses per-replica currents that it was not built with.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "sampling/calibration.hpp"
#include "test_calibration.hpp"
#include "sampling/spiking_sampler.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::sampling {
namespace {

const SimulatorOptions kOptions{Backend::kCpu, 2, {}, {}};

const sampling::Calibration& calibration() { return test::test_calibration(); }

// Two units coupled by W = 1.2 (unit 1's bias -0.6): p(z1 = 1 | z0) = logistic(-0.6 + 1.2 z0).
BoltzmannMachine pair() {
  BoltzmannMachine bm;
  bm.W = Eigen::MatrixXd::Zero(2, 2);
  bm.W(0, 1) = bm.W(1, 0) = 1.2;
  bm.b = Eigen::VectorXd(2);
  bm.b << 2.0, -0.6;
  return bm;
}

TEST(SpikingClamp, HeldUnitsStayAndFreeUnitsSampleTheirConditional) {
  std::vector<ChainParams> chains(8);
  for (uint64_t c = 0; c < chains.size(); ++c) chains[c].seed = 40 + c;
  SamplingNetworkSettings settings;
  settings.clampable = true;
  SpikingSampler sampler(coupling_graph(pair()), chains, calibration(), settings, kOptions);
  // Chains 0-3 hold unit 0 on, chains 4-7 off (against its bias of +2); unit 1 is free.
  std::vector<int8_t> clamp;
  for (int c = 0; c < 8; ++c) clamp.insert(clamp.end(), {static_cast<int8_t>(c < 4), -1});
  sampler.clamp(clamp);
  sampler.run(50.0);
  double held[2] = {0, 0}, free[2] = {0, 0};
  constexpr int kSamples = 3000;
  for (int k = 0; k < kSamples; ++k) {
    sampler.run(1.0);
    const std::vector<uint8_t> z = sampler.states();
    for (int c = 0; c < 8; ++c) {
      held[c < 4 ? 1 : 0] += z[2 * c];
      free[c < 4 ? 1 : 0] += z[2 * c + 1];
    }
  }
  const double n = 4.0 * kSamples;
  EXPECT_GT(held[1] / n, 0.97);
  EXPECT_LT(held[0] / n, 0.005);
  const auto logistic = [](double x) { return 1.0 / (1.0 + std::exp(-x)); };
  // Within 0.07: the translated network's own error on one coupling (0.69 and 0.41 measured).
  EXPECT_NEAR(free[1] / n, logistic(0.6), 0.07);   // 0.65 given z0 = 1
  EXPECT_NEAR(free[0] / n, logistic(-0.6), 0.07);  // 0.35 given z0 = 0

  // Released, unit 0 follows its own bias again.
  sampler.clamp(std::vector<int8_t>(16, -1));
  sampler.run(50.0);
  double released = 0.0;
  for (int k = 0; k < 1000; ++k) {
    sampler.run(1.0);
    const std::vector<uint8_t> z = sampler.states();
    for (int c = 0; c < 8; ++c) released += z[2 * c];
  }
  EXPECT_GT(released / 8000.0, 0.8);  // p(z0 = 1) = 0.91 in the machine
}

TEST(SpikingClamp, ASamplerBuiltWithoutClampsRefusesThem) {
  SpikingSampler sampler(coupling_graph(pair()), std::vector<ChainParams>(2), calibration(),
                         SamplingNetworkSettings{}, kOptions);
  EXPECT_THROW(sampler.clamp(std::vector<int8_t>(4, 1)), Error);
  SamplingNetworkSettings settings;
  settings.clampable = true;
  SpikingSampler clampable(coupling_graph(pair()), std::vector<ChainParams>(2), calibration(),
                           settings, kOptions);
  EXPECT_THROW(clampable.clamp(std::vector<int8_t>(3, 1)), Error);  // 2 chains x 2 units
}

}  // namespace
}  // namespace spikewafer::sampling
