// Measuring a sampling neuron's activation function: the probability p(z = 1) that it is
// refractory, against its bias. All bias values run as replicas of one batched simulation of a
// single unconnected neuron, and a logistic is fitted to the result.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sampling/logistic_fit.hpp"
#include "sampling/sampling_neuron.hpp"
#include "spikewafer/simulator.hpp"

namespace spikewafer::sampling {

struct CalibrationSettings {
  uint32_t points = 41;              // bias values in the fine scan
  uint32_t replicas_per_point = 4;   // independent runs per bias value (error bars)
  double duration = 20000.0;         // ms of biological time per run of the fine scan
  uint64_t seed = 1;
};

struct ActivationPoint {
  double i_offset = 0.0;  // nA
  double bias = 0.0;      // mean free membrane potential, mV
  double p_on = 0.0;      // fraction of time refractory, mean over replicas
  double p_on_err = 0.0;  // standard error over replicas
};

// p(z = 1) = 1 / (1 + exp(-(u - u0) / alpha)) in the mean free membrane potential u, and the same
// in the bias current: u = membrane.u_rest + membrane.slope * I.
struct Calibration {
  SamplingNeuron neuron;
  FreeMembrane membrane;
  double u0 = 0.0, alpha = 0.0;          // mV
  double u0_err = 0.0, alpha_err = 0.0;  // mV
  double i0 = 0.0, alpha_i = 0.0;        // nA
  double residual = 0.0;                 // RMS of p_on - fit
  std::vector<ActivationPoint> points;
  // With a background network (neuron.background): its measured activity; neuron.noise then
  // holds its Poisson equivalent.
  std::optional<BackgroundActivity> background_activity;

  // The bias current that gives p(z = 1) = logistic(b): I = i0 + alpha_i b.
  double current_for_bias(double b) const { return i0 + alpha_i * b; }
};

// A coarse scan over +-15 mV around threshold finds the transition, a fine scan over it is
// fitted. With a background network, the network is measured first, and every calibration
// neuron receives its K + K inputs from one shared background per replica (replicas of a bias
// value are independent runs of the network). `progress` (may be empty) gets a line per stage.
Calibration calibrate(const SamplingNeuron& neuron, const CalibrationSettings& settings,
                      const SimulatorOptions& options,
                      const std::function<void(const std::string&)>& progress = {});

// The neuron with both background rates multiplied by `factor` (noise tempering).
SamplingNeuron with_rate_factor(const SamplingNeuron& neuron, double factor);

// calibrate() at several background rates (the neuron's rates times each factor) in one batched
// run per stage: element k is the calibration of with_rate_factor(neuron, factors[k]). With
// factors {1} it is exactly calibrate(). A background network takes only the factor 1.
std::vector<Calibration> calibrate_at_rates(const SamplingNeuron& neuron,
                                            const std::vector<double>& factors,
                                            const CalibrationSettings& settings,
                                            const SimulatorOptions& options,
                                            const std::function<void(const std::string&)>& progress = {});

}  // namespace spikewafer::sampling
