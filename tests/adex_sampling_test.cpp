// The wafer's own neuron as a sampler (EIF_cond_exp_isfa_ista): without adaptation its
// activation is logistic like IF_cond_exp's, with its midpoint lowered by the exponential onset;
// spike-triggered adaptation widens it (each spike's w makes the next less likely, a negative
// feedback); the sampler translates a Boltzmann machine onto AdEx neurons. The numbers of the
// 5-unit example are in benchmarks/results/2026-12-06-adex-sampling.
#include <gtest/gtest.h>

#include "sampling/calibration.hpp"
#include "sampling/sample_config.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::sampling {
namespace {

Calibration calibrated(const SamplingNeuron& neuron) {
  CalibrationSettings settings;
  settings.duration = 5000.0;
  return calibrate(neuron, settings, SimulatorOptions{Backend::kCpu, 2, {}, {}});
}

TEST(AdexSampling, ActivationIsLogisticAndAdaptationWidensIt) {
  const SamplingNeuron lif_neuron = default_sampling_neuron(Model::kIfCondExp);
  SamplingNeuron adex = default_sampling_neuron(Model::kEifCondExpIsfaIsta);
  EXPECT_EQ(adex.params.a, 0.0);
  EXPECT_EQ(adex.params.b, 0.0);
  const Calibration lif = calibrated(lif_neuron), plain = calibrated(adex);
  adex.params.a = 4.0;
  adex.params.b = 0.5;
  adex.params.tau_w = 100.0;
  const Calibration adapting = calibrated(adex);
  EXPECT_LT(plain.residual, 0.03);
  // The exponential term starts the spike below V_T: the midpoint lies below IF_cond_exp's
  // (measured 1.7 mV at 20 s per point).
  EXPECT_LT(plain.u0, lif.u0 - 0.8);
  EXPECT_LT(plain.alpha, 1.5 * lif.alpha);
  // Strong spike-triggered adaptation (w's mean b x rate x tau_w, 2.5 nA at 50 Hz) about
  // triples the width (measured 0.62 against 0.21 mV).
  EXPECT_GT(adapting.alpha, 2.0 * plain.alpha);
}

TEST(AdexSampling, SampleConfigTakesTheAdexNeuronAndItsParameters) {
  const SampleConfig c = parse_sample_config(
      "[target]\nW = [[0.0, 0.5], [0.5, 0.0]]\nb = [0.0, 0.0]\n"
      "[sampler]\nmodel = \"EIF_cond_exp_isfa_ista\"\nparams = { b = 0.1, tau_w = 50.0 }\n",
      "bm.toml", ".");
  EXPECT_EQ(c.neuron.model, Model::kEifCondExpIsfaIsta);
  EXPECT_DOUBLE_EQ(c.neuron.params.b, 0.1);
  EXPECT_DOUBLE_EQ(c.neuron.params.tau_w, 50.0);
  EXPECT_DOUBLE_EQ(c.neuron.params.a, 0.0);  // the sampling default
  EXPECT_THROW(parse_sample_config("[target]\nW = [[0.0]]\nb = [0.0]\n"
                                 "[sampler]\nmodel = \"EIF_cond_alpha_isfa_ista\"\n",
                                 "bm.toml", "."),
               Error);
}

// With a, w settles at a (u - v_rest): the free membrane sees a as one more leak.
TEST(AdexSampling, FreeMembraneCountsTheAdaptationConductance) {
  SamplingNeuron n = default_sampling_neuron(Model::kEifCondExpIsfaIsta);
  const FreeMembrane without = free_membrane(n);
  n.params.a = 500.0;  // nS: 0.5 uS
  const FreeMembrane with = free_membrane(n);
  EXPECT_NEAR(1.0 / with.slope - 1.0 / without.slope, 0.5, 1e-12);
  EXPECT_DOUBLE_EQ(with.tau_eff, without.tau_eff);  // w is slow: not in the fast time constant
  // pulled towards v_rest: (g_total u_rest + a v_rest) / (g_total + a), exactly
  const double g_total = 1.0 / without.slope;
  EXPECT_NEAR(with.u_rest, (g_total * without.u_rest + 0.5 * n.params.v_rest) / (g_total + 0.5),
              1e-9);
}

}  // namespace
}  // namespace spikewafer::sampling
