// Noise tempering changes the background rate, which moves a sampling neuron's activation. With
// the compensated bias inputs (rate_compensation.hpp) two unconnected units with BM biases 0 and
// 1.5 keep p(z = 1) = logistic(b / T(f)) both at the cold (f = 1) and the hot (f = 3) phase;
// changing only the rates, as an uncompensated modulation would, shifts them far off.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "sampling/rate_compensation.hpp"
#include "sampling/spiking_sampler.hpp"

namespace spikewafer::sampling {
namespace {

const SimulatorOptions kOptions{Backend::kCpu, 2, {}, {}};
constexpr double kHot = 3.0;
constexpr uint32_t kPerGroup = 4;  // replicas per condition

double logistic_of(double x) { return 1.0 / (1.0 + std::exp(-x)); }

TEST(NoiseBiasCompensation, UnitsKeepTheirScaledBiasAtColdAndHotPhases) {
  CalibrationSettings settings;
  settings.duration = 3000.0;
  const std::vector<Calibration> cals = calibrate_at_rates(
      default_sampling_neuron(Model::kIfCondExp), {1.0, kHot}, settings, kOptions);
  const RateCompensation compensation(cals[0], {kHot}, {cals[1]});
  const double T = compensation.temperature(kHot);
  // The background's width grows about like sqrt(f): a clearly hotter network.
  EXPECT_GT(T, 1.4);
  EXPECT_LT(T, 2.1);

  BoltzmannMachine bm;
  bm.W = Eigen::MatrixXd::Zero(2, 2);
  bm.b = Eigen::Vector2d(0.0, 1.5);
  // Replica groups: cold compensated, hot compensated, hot with only the rates changed.
  std::vector<ChainParams> chains(3 * kPerGroup);
  for (uint32_t r = 0; r < chains.size(); ++r) chains[r].seed = 40 + r;
  SpikingSampler sampler(coupling_graph(bm), chains, cals[0], SamplingNetworkSettings{}, kOptions);
  std::vector<double> factors(chains.size(), 1.0);
  for (uint32_t r = kPerGroup; r < chains.size(); ++r) factors[r] = kHot;
  ReplicaOverrides inputs = compensation.overrides(chains, factors);
  for (uint32_t r = 2 * kPerGroup; r < chains.size(); ++r) {
    inputs.i_offset[r] = cals[0].i0;
    inputs.dc_scale[r] = 1.0;
  }
  sampler.simulator().set_replica_inputs(inputs);
  sampler.run(100.0);
  std::vector<double> on(6, 0.0);  // [group * 2 + unit]
  constexpr int kSamples = 3000;
  for (int k = 0; k < kSamples; ++k) {
    sampler.run(1.0);
    const std::vector<uint8_t> z = sampler.states();
    for (uint32_t r = 0; r < chains.size(); ++r)
      for (int unit = 0; unit < 2; ++unit) on[(r / kPerGroup) * 2 + unit] += z[r * 2 + unit];
  }
  for (double& p : on) p /= kSamples * kPerGroup;
  // About 1200 independent refractory periods per group and unit: sampling error ~ 0.015, plus
  // the calibration's; 0.05 bounds both.
  EXPECT_NEAR(on[0], 0.5, 0.05);
  EXPECT_NEAR(on[1], logistic_of(1.5), 0.05);
  EXPECT_NEAR(on[2], 0.5, 0.05);
  EXPECT_NEAR(on[3], logistic_of(1.5 / T), 0.05);
  // Uncompensated, the stronger background raises the free potential by several widths.
  EXPECT_GT(std::fabs(on[4] - 0.5), 0.2);
  EXPECT_GT(std::fabs(on[5] - logistic_of(1.5 / T)), 0.15);
}

TEST(NoiseBiasCompensation, ReferenceFactorGivesTheTranslatedInputs) {
  Calibration reference;
  reference.neuron = default_sampling_neuron(Model::kIfCondExp);
  reference.membrane = free_membrane(reference.neuron);
  reference.u0 = -52.2;
  reference.alpha = 0.18;
  reference.i0 = (reference.u0 - reference.membrane.u_rest) / reference.membrane.slope;
  reference.alpha_i = reference.alpha / reference.membrane.slope;
  Calibration hot = reference;
  hot.u0 = -52.0;
  hot.alpha = 0.30;
  const RateCompensation c(reference, {3.0}, {hot});
  ChainParams chain;
  chain.gamma = 0.8;
  chain.beta = 0.3;
  const ReplicaOverrides o = c.overrides({chain}, {1.0});
  EXPECT_NEAR(o.i_offset[0], reference.current_for_bias(0.3), 1e-9);
  EXPECT_NEAR(o.dc_scale[0], 0.8, 1e-12);
  EXPECT_DOUBLE_EQ(o.rate_E[0], reference.neuron.noise.rate_E);
  EXPECT_NEAR(c.temperature(1.0), 1.0, 1e-12);
  // Halfway in f, u0 and alpha are interpolated halfway.
  EXPECT_NEAR(c.u0(2.0), -52.1, 1e-12);
  EXPECT_NEAR(c.alpha(2.0), 0.24, 1e-12);
}

}  // namespace
}  // namespace spikewafer::sampling
