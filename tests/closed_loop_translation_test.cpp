// The closed-loop translation against exact enumeration: on the 4x4 periodic lattice (65536
// states) the LIF sampler with its corrected weights and biases (in the sublattice gauge, the
// default) samples the Boltzmann distribution far more closely than the direct open
// translation, above and below Tc, and closer than the open one in the gauge; above Tc its
// magnetisation is odd in the field.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "ising/chain_sampler.hpp"
#include "ising/initial_state.hpp"
#include "ising/ising_map.hpp"
#include "ising/lattice.hpp"
#include "ising/observables.hpp"
#include "ising/translation_correction.hpp"
#include "sampling/calibration.hpp"
#include "sampling/exact_distribution.hpp"
#include "lattice_machine.hpp"
#include "thread_count_guard.hpp"

namespace spikewafer::ising {
namespace {

class ClosedLoopTranslationTest : public test::RestoresThreadCount {};

const SpikingCalibration& calibration() {
  static const SpikingCalibration c = [] {
    sampling::CalibrationSettings settings;
    settings.duration = 4000.0;
    return SpikingCalibration{
        sampling::calibrate(scan_neuron(SpikingSettings{}), settings,
                            SimulatorOptions{Backend::kCpu, 1, {}, {}}),
        std::nullopt};
  }();
  return c;
}

using test::machine_of;
using test::square;

// Spiking chains of a lattice, `per_point` at each (T, h), from random states; corrected or not.
struct SpikingRun {
  Lattice lattice;
  std::vector<sampling::ChainParams> chains;
  std::unique_ptr<ChainSampler> sampler;
};
SpikingRun spiking_run(uint32_t L, const std::vector<std::pair<double, double>>& points,
                       uint32_t per_point, Translation translation,
                       Gauge gauge = Gauge::kSublattice) {
  SpikingRun run{square(L), {}, nullptr};
  std::vector<uint8_t> start;
  for (const auto& [T, h] : points)
    for (uint32_t r = 0; r < per_point; ++r) {
      run.chains.push_back(chain_params_from_T_h(run.lattice, T, h, 100 + run.chains.size()));
      const auto z = initial_state(run.lattice, InitialPattern::kRandom, 1, 500 + run.chains.size());
      start.insert(start.end(), z.begin(), z.end());
    }
  ScanConfig config;
  config.seed = 5;
  config.spiking.gauge = gauge;
  run.sampler = make_chain_sampler(SamplerKind::kSpiking, run.lattice, run.chains, config,
                                   &calibration(), 1);
  run.sampler->set_states(start);
  if (translation == Translation::kCorrected)
    correct_translation(*run.sampler, run.lattice, run.chains, per_point, CorrectionSettings{});
  run.sampler->advance(200.0);
  return run;
}

// The class KL of the 4x4 at (T, 0) over 32 chains x 3000 ms: states grouped by (M, E), in which
// a uniform lattice at h = 0 is uniform (ising_exact_distribution_test.cpp says why).
double kl_4x4(double T, Translation translation, Gauge gauge) {
  SpikingRun run = spiking_run(4, {{T, 0.0}}, 32, translation, gauge);
  const uint32_t n = run.lattice.spins;
  const Eigen::VectorXd target =
      sampling::exact_distribution(machine_of(run.lattice, run.chains[0]));
  std::map<std::pair<long, long>, int> index;
  std::vector<int> of_state;
  const std::vector<double> no_field(n, 0.0);
  std::vector<uint8_t> z(n);
  for (uint64_t state = 0; state < (uint64_t{1} << n); ++state) {
    for (uint32_t k = 0; k < n; ++k) z[k] = (state >> k) & 1;
    const Sample s = measure(run.lattice, no_field, z.data());
    of_state.push_back(index.emplace(std::make_pair(std::lround(s.m * n), std::lround(s.e * n)),
                                     static_cast<int>(index.size()))
                           .first->second);
  }
  Eigen::VectorXd sampled = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(index.size()));
  Eigen::VectorXd exact = Eigen::VectorXd::Zero(sampled.size());
  for (Eigen::Index s = 0; s < target.size(); ++s) exact[of_state[s]] += target[s];
  const uint64_t samples = 3000;
  for (uint64_t k = 0; k < samples; ++k) {
    run.sampler->advance(1.0);
    const Eigen::VectorXd h = sampling::state_histogram(run.sampler->states(), static_cast<int>(n));
    for (Eigen::Index s = 0; s < h.size(); ++s) sampled[of_state[s]] += h[s];
  }
  return sampling::kl_divergence(sampled / static_cast<double>(samples), exact);
}

TEST_F(ClosedLoopTranslationTest, CorrectedSamplerMatchesThe4x4AboveAndBelowTc) {
  for (const double T : {3.0, 2.0}) {
    const double direct = kl_4x4(T, Translation::kOpen, Gauge::kNone);
    const double gauged = kl_4x4(T, Translation::kOpen, Gauge::kSublattice);
    const double corrected = kl_4x4(T, Translation::kCorrected, Gauge::kSublattice);
    std::printf("T = %g: class KL direct %.4f, gauged %.4f, corrected %.4f\n", T, direct, gauged,
                corrected);
    // Measured (one thread, these seeds, the 14-round loop, 4 sweeps): T = 3 direct 1.45,
    // gauged 0.040, corrected 0.014; T = 2 direct 0.78 (the direct network keeps to the up
    // half), gauged 0.126, corrected 0.014. Glauber dynamics reach 0.0005
    // (ising_exact_distribution_test.cpp). The loop must improve on the gauge alone, which
    // already removes most of the direct network's error.
    EXPECT_GT(direct, 0.5) << "T = " << T;
    EXPECT_LT(corrected, 0.06) << "T = " << T;
    EXPECT_LT(corrected, gauged) << "T = " << T;
  }
}

TEST_F(ClosedLoopTranslationTest, MagnetisationIsOddInTheFieldAboveTc) {
  // 8x8 at T = 3: 16 chains at h = +0.3 and 16 at h = -0.3, corrected, then 2000 ms measured.
  SpikingRun run = spiking_run(8, {{3.0, 0.3}, {3.0, -0.3}}, 16, Translation::kCorrected);
  const uint32_t n = run.lattice.spins;
  double m[2] = {0.0, 0.0};
  const std::vector<double> field(n, 0.0);
  for (int k = 0; k < 2000; ++k) {
    run.sampler->advance(1.0);
    const std::vector<uint8_t> z = run.sampler->states();
    for (uint32_t c = 0; c < run.chains.size(); ++c)
      m[c / 16] += measure(run.lattice, field, &z[size_t{c} * n]).m / (16.0 * 2000.0);
  }
  std::printf("m(h = +0.3) = %.3f, m(h = -0.3) = %.3f\n", m[0], m[1]);
  // Measured 0.661 and -0.663 (the direct open network gives about +0.7 at both fields).
  EXPECT_GT(m[0], 0.2);  // the field is felt
  EXPECT_LT(m[1], -0.2);
  EXPECT_NEAR(m[0] + m[1], 0.0, 0.15);
}

}  // namespace
}  // namespace spikewafer::ising
