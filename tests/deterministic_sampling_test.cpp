// Deterministic sampling ([noise] source = "network"): the sampling neurons' background comes
// from a spiking background network, with no Poisson source anywhere. The network built has
// zero Poisson rates; equal seeds give equal samples, on one thread or two; the background
// sustains itself irregularly; the sampler reaches a stated DKL on a small Boltzmann machine,
// below what ignoring W would give; bad [noise] keys are refused with file:line, key and fix.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "sampling/calibration.hpp"
#include "sampling/exact_distribution.hpp"
#include "sampling/sample_config.hpp"
#include "sampling/spiking_sampler.hpp"
#include "spikewafer/error.hpp"
#include "sampler_support.hpp"
#include "thread_count_guard.hpp"

namespace spikewafer::sampling {
namespace {

using ::testing::HasSubstr;

SamplingNeuron network_neuron() {
  SamplingNeuron neuron = default_sampling_neuron(Model::kIfCondExp);
  neuron.noise = PoissonNoise{};
  neuron.background = BackgroundNetworkSettings{};
  return neuron;
}

// A calibration by hand, for tests that need a network but not its exact activation.
Calibration rough_calibration() {
  Calibration c;
  c.neuron = network_neuron();
  c.neuron.noise = PoissonNoise{1000.0, 0.004, 1000.0, 0.004};  // about the network's equivalent
  c.membrane = free_membrane(c.neuron);
  c.u0 = -52.0;
  c.alpha = 0.2;
  c.i0 = (c.u0 - c.membrane.u_rest) / c.membrane.slope;  // p(z = 1) about 1/2 at b = 0
  c.alpha_i = c.alpha / c.membrane.slope;
  return c;
}

std::vector<ChainParams> chains(uint32_t count) { return test::seeded_chains(count); }

const BoltzmannMachine kMachine = random_boltzmann_machine(4, 1.0, 1.0, 3);

TEST(DeterministicSampling, TheNetworkHasNoPoissonSource) {
  const Network net =
      sampling_network(coupling_graph(kMachine), chains(2), rough_calibration(), {});
  ASSERT_EQ(net.populations.size(), 3u);
  EXPECT_EQ(net.populations[0].name, "sampler");
  EXPECT_EQ(net.populations[0].size, 4u);
  for (const Population& p : net.populations) {
    EXPECT_NE(p.model, Model::kSpikeSourcePoisson) << p.name;
    EXPECT_EQ(p.noise.rate_E, 0.0) << p.name;
    EXPECT_EQ(p.noise.rate_I, 0.0) << p.name;
  }
  EXPECT_TRUE(net.overrides.rate_E.empty());
  EXPECT_TRUE(net.overrides.rate_I.empty());
}

class DeterministicSamplingThreads : public test::RestoresThreadCount {};

// z of 2 chains every ms for 300 ms.
std::vector<uint8_t> trajectory(int threads) {
  SpikingSampler sampler(coupling_graph(kMachine), chains(2), rough_calibration(), {},
                         SimulatorOptions{Backend::kCpu, threads, {}, {}});
  return test::states_every_ms(sampler, 300);
}

TEST_F(DeterministicSamplingThreads, EqualSeedsGiveEqualSamplesOnOneOrTwoThreads) {
  const std::vector<uint8_t> first = trajectory(1);
  EXPECT_EQ(first, trajectory(1));
  EXPECT_EQ(first, trajectory(2));
  size_t on = 0;
  for (uint8_t z : first) on += z;
  EXPECT_GT(on, first.size() / 50) << "the units hardly spike: the background does not reach them";
}

TEST(DeterministicSampling, TheBackgroundSustainsItselfIrregularly) {
  const BackgroundActivity a =
      measure_background(BackgroundNetworkSettings{}, 0.1, 1000.0, 1, {Backend::kCpu, 1, {}, {}});
  std::printf("background: %.2f Hz exc, %.2f Hz inh, CV %.3f, silent %.3f\n", a.rate_exc,
              a.rate_inh, a.cv_isi, a.silent);
  EXPECT_GT(a.rate_exc, 5.0);
  EXPECT_LT(a.rate_exc, 100.0);
  EXPECT_GT(a.cv_isi, 0.5);  // irregular: a regular (clock-like) firing has CV near 0
  EXPECT_LT(a.silent, 0.05);
}

TEST(DeterministicSampling, ReadsTheNoiseTable) {
  const SampleConfig c = parse_sample_config(
      "[target]\nW = [[0.0, 1.0], [1.0, 0.0]]\nb = [0.0, -0.5]\n[noise]\nsource = \"network\"\n"
      "size = 400\nin_degree = 40\nweight_E = 0.004\ndrive = 0.35\nseed = 9\n",
      "bm.toml", ".");
  ASSERT_TRUE(c.neuron.background);
  EXPECT_EQ(c.neuron.background->size, 400u);
  EXPECT_EQ(c.neuron.background->in_degree, 40u);
  EXPECT_DOUBLE_EQ(c.neuron.background->weight_E, 0.004);
  EXPECT_DOUBLE_EQ(c.neuron.background->drive, 0.35);
  EXPECT_EQ(c.neuron.background->seed, 9u);
  EXPECT_EQ(c.neuron.noise.rate_E, 0.0);
  EXPECT_FALSE(parse_sample_config("[target]\nW = [[0.0]]\nb = [0.0]\n[noise]\nsource = "
                                   "\"poisson\"\n", "bm.toml", ".")
                   .neuron.background);
}

TEST(DeterministicSampling, BadNoiseKeysNameFileLineKeyAndFix) {
  EXPECT_THAT(test::noise_table_error("source = \"netwrk\"\n"),
              AllOf(HasSubstr("bm.toml:5:"), HasSubstr("noise.source"), HasSubstr("network")));
  EXPECT_THAT(test::noise_table_error("source = \"network\"\nin_degree = 500\n"),
              AllOf(HasSubstr("bm.toml:6:"), HasSubstr("noise.in_degree"),
                    HasSubstr("must lie in [1, 100]")));
  EXPECT_THAT(test::noise_table_error("size = 100\n"),
              AllOf(HasSubstr("bm.toml:5:"), HasSubstr("noise.size"),
                    HasSubstr("set noise.source = \"network\"")));
  EXPECT_THAT(test::noise_table_error("source = \"network\"\nspeed = 1\n"),
              AllOf(HasSubstr("bm.toml:6:"), HasSubstr("speed")));
  EXPECT_THAT(test::noise_table_error("source = \"network\"\n",
                       "[sampler]\nnoise = { rate_E = 100.0 }\n"),
              AllOf(HasSubstr("bm.toml:5:"), HasSubstr("sampler.noise"),
                    HasSubstr("remove this key")));
}

// The DKL of 8 chains x 8 s of samples of kMachine, after calibrating with the network.
TEST(DeterministicSampling, SamplesASmallBoltzmannMachine) {
  const SimulatorOptions options{Backend::kCpu, 1, {}, {}};
  CalibrationSettings settings;
  settings.points = 15;
  settings.replicas_per_point = 2;
  settings.duration = 3000.0;
  const Calibration cal = calibrate(network_neuron(), settings, options);
  std::printf("calibration: u0 %.3f mV, alpha %.3f mV, residual %.4f\n", cal.u0, cal.alpha,
              cal.residual);
  // Measured 0.053 with this short scan (0.029 with 21 points x 4 x 5 s; Poisson: 0.008).
  EXPECT_LT(cal.residual, 0.08);

  SpikingSampler sampler(coupling_graph(kMachine), chains(8), cal, {}, options);
  sampler.run(100.0);
  std::vector<uint8_t> samples;
  for (int k = 0; k < 8000; ++k) {
    sampler.run(1.0);
    const std::vector<uint8_t> z = sampler.states();
    samples.insert(samples.end(), z.begin(), z.end());
  }
  const Eigen::VectorXd target = exact_distribution(kMachine);
  const double dkl = kl_divergence(state_histogram(samples, kMachine.size()), target);
  // A sampler that ignores W samples the product of logistic(b_i).
  BoltzmannMachine no_coupling = kMachine;
  no_coupling.W.setZero();
  const double ignoring_w = kl_divergence(exact_distribution(no_coupling), target);
  std::printf("DKL deterministic %.4f, ignoring W %.4f\n", dkl, ignoring_w);
  // Measured: 0.174 against 0.281 ignoring W (Poisson noise, same chains and time: about
  // 0.02). The deterministic sampler uses W, but samples much worse than with Poisson noise
  // (docs/sampling.md): the bound records where it stands, not where it should be.
  EXPECT_LT(dkl, 0.25);
  EXPECT_LT(dkl, 0.8 * ignoring_w);
}

}  // namespace
}  // namespace spikewafer::sampling
