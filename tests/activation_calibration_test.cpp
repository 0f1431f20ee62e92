// A conductance-based LIF neuron in the high-conductance state (strong balanced Poisson noise)
// has a logistic activation p(z = 1) in its mean free membrane potential: the fit leaves small
// residuals and gives the same inflection point and width for independent seeds.
#include <gtest/gtest.h>

#include <cmath>

#include "sampling/calibration.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::sampling {
namespace {

Calibration calibrated(uint64_t seed) {
  CalibrationSettings settings;
  settings.duration = 5000.0;
  settings.seed = seed;
  return calibrate(default_sampling_neuron(Model::kIfCondExp), settings,
                   SimulatorOptions{Backend::kCpu, 2, {}, {}});
}

TEST(ActivationCalibration, ConductanceNeuronIsLogisticAndStableOverSeeds) {
  const Calibration a = calibrated(1), b = calibrated(2);
  for (const Calibration* c : {&a, &b}) {
    // Binomial noise of 4 x 5 s runs is about 0.01 at p = 0.5; the logistic leaves no more.
    EXPECT_LT(c->residual, 0.015);
    for (const ActivationPoint& p : c->points)
      EXPECT_NEAR(p.p_on, logistic(p.bias, c->u0, c->alpha), 0.04) << "u = " << p.bias;
    // The midpoint lies within a few widths of threshold, the width is a fraction of a mV.
    EXPECT_NEAR(c->u0, c->neuron.params.v_thresh, 1.0);
    EXPECT_GT(c->alpha, 0.05);
    EXPECT_LT(c->alpha, 0.5);
  }
  EXPECT_NEAR(a.u0, b.u0, 0.03);
  EXPECT_NEAR(a.alpha / b.alpha, 1.0, 0.08);
}

TEST(ActivationCalibration, BiasCurrentMapsToTheFittedPotential) {
  const Calibration c = calibrated(3);
  // i0 and alpha_i are the same logistic in current: u(I) = u_rest + slope I.
  EXPECT_NEAR(c.membrane.u_rest + c.membrane.slope * c.current_for_bias(0.0), c.u0, 1e-9);
  EXPECT_NEAR(c.membrane.slope * (c.current_for_bias(1.0) - c.current_for_bias(0.0)), c.alpha,
              1e-9);
}

TEST(ActivationCalibration, NeuronWithoutRefractoryPeriodCannotSample) {
  SamplingNeuron n = default_sampling_neuron(Model::kIfCondExp);
  n.params.tau_refrac = 0.0;
  EXPECT_THROW(calibrate(n, CalibrationSettings{}, SimulatorOptions{}), Error);
}

}  // namespace
}  // namespace spikewafer::sampling
