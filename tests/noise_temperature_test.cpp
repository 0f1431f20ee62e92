// The spiking sampler's second temperature mode: fixed weights (those of t_ref) and a stronger
// background for hotter chains. Pinned: the background factor found for a temperature is the
// one whose calibrated temperature it is; at t_ref the inputs are exactly those of the scale
// mode; a temperature out of reach is a clear error; and on a small lattice the noise mode
// samples the same distribution as the scale mode at the same T, not that of t_ref.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "thread_count_guard.hpp"
#include "ising/chain_sampler.hpp"
#include "ising/initial_state.hpp"
#include "ising/ising_map.hpp"
#include "ising/lattice.hpp"
#include "ising/noise_temperature.hpp"
#include "sampling/exact_distribution.hpp"
#include "sampling/translation.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

class NoiseTemperatureTest : public test::RestoresThreadCount {};

constexpr double kReferenceT = 1.5;

const SpikingCalibration& calibration() {
  static const SpikingCalibration c = [] {
    sampling::CalibrationSettings settings;
    settings.duration = 4000.0;
    settings.points = 21;
    SpikingCalibration cal;
    cal.reference = sampling::calibrate(scan_neuron(SpikingSettings{}), settings,
                                        SimulatorOptions{Backend::kCpu, 1, {}, {}});
    cal.noise = calibrate_noise_temperature(cal.reference, 8.0, settings, kReferenceT, 1, {});
    return cal;
  }();
  return c;
}

TEST_F(NoiseTemperatureTest, FactorForTemperatureInvertsTheCalibratedTemperature) {
  const NoiseTemperature& noise = *calibration().noise;
  for (double f : {1.0, 1.7, 3.9, 8.0}) {
    const double T = kReferenceT * noise.compensation.temperature(f);
    EXPECT_NEAR(factor_for_temperature(noise, T), f, 1e-6 * f) << "factor " << f;
  }
  // Hotter needs more noise: the default IF_cond_exp neuron reaches about 2.8 x t_ref at x8.
  EXPECT_GT(noise.compensation.temperature(8.0), 2.0);
}

TEST_F(NoiseTemperatureTest, AtTheReferenceTemperatureInputsAreThoseOfTheScaleMode) {
  const SpikingCalibration& cal = calibration();
  const Lattice lattice = make_lattice({LatticeKind::kSquare, 3, 1.0, Couplings::kUniform, 1});
  const std::vector<sampling::ChainParams> chains{
      chain_params_from_T_h(lattice, kReferenceT, 0.3, 1),
      chain_params_from_T_h(lattice, kReferenceT, -0.7, 2)};
  const ReplicaOverrides noise = noise_temperature_inputs(chains, *cal.noise);
  const ReplicaOverrides scale = sampling::bias_overrides(chains, cal.reference);
  for (size_t c = 0; c < chains.size(); ++c) {
    EXPECT_NEAR(noise.rate_E[c], cal.reference.neuron.noise.rate_E, 1e-6);
    EXPECT_NEAR(noise.i_offset[c], scale.i_offset[c], 1e-6 * std::fabs(scale.i_offset[c]));
    EXPECT_NEAR(noise.dc_scale[c], scale.dc_scale[c], 1e-9);
  }
}

TEST_F(NoiseTemperatureTest, TemperatureOutOfReachIsAClearError) {
  const NoiseTemperature& noise = *calibration().noise;
  try {
    factor_for_temperature(noise, 100.0);
    FAIL() << "T = 100 should be out of reach";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("noise_max_factor"), std::string::npos) << e.what();
  }
  EXPECT_THROW(factor_for_temperature(noise, 0.5 * kReferenceT), Error);  // colder than t_ref
}

// The state histogram of 16 chains on the periodic 3x3 lattice at (T, h), a state every ms.
Eigen::VectorXd histogram(TemperatureMode mode, double T, double h) {
  const Lattice lattice = make_lattice({LatticeKind::kSquare, 3, 1.0, Couplings::kUniform, 1});
  std::vector<sampling::ChainParams> chains;
  std::vector<uint8_t> start;
  for (uint64_t k = 0; k < 16; ++k) {
    chains.push_back(chain_params_from_T_h(lattice, T, h, 10 + k));
    const auto z = initial_state(lattice, InitialPattern::kRandom, 1, 500 + k);
    start.insert(start.end(), z.begin(), z.end());
  }
  ScanConfig config;
  config.spiking.temperature = mode;
  SpikingCalibration cal = calibration();
  if (mode == TemperatureMode::kScale) cal.noise.reset();
  auto sampler =
      make_chain_sampler(SamplerKind::kSpiking, lattice, chains, config, &cal, 1, Backend::kCpu);
  sampler->set_states(start);
  sampler->advance(200.0);
  Eigen::VectorXd sum = Eigen::VectorXd::Zero(512);
  const int samples = 2000;
  for (int k = 0; k < samples; ++k) {
    sampler->advance(1.0);
    sum += sampling::state_histogram(sampler->states(), 9);
  }
  return sum / samples;
}

TEST_F(NoiseTemperatureTest, NoiseModeSamplesLikeTheScaleModeAtTheSameTemperature) {
  // T = 3, h = 0.4 (a distribution spread over many states), twice the reference temperature.
  const Eigen::VectorXd noise = histogram(TemperatureMode::kNoise, 3.0, 0.4);
  const Eigen::VectorXd scale = histogram(TemperatureMode::kScale, 3.0, 0.4);
  const Eigen::VectorXd cold = histogram(TemperatureMode::kScale, kReferenceT, 0.4);
  // Smoothed so that states seen by one run only do not make the divergence infinite.
  const auto smooth = [](Eigen::VectorXd p) { return ((p.array() + 1e-4) / (1 + 512e-4)).matrix(); };
  const double same_T = sampling::kl_divergence(smooth(noise), smooth(scale));
  const double reference_T = sampling::kl_divergence(smooth(noise), smooth(cold));
  // Measured: 0.011 (both runs' sampling noise) against 0.49 for the distribution of t_ref.
  EXPECT_LT(same_T, 0.05);
  EXPECT_GT(reference_T, 0.25);
}

}  // namespace
}  // namespace spikewafer::ising
