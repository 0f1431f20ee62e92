#include "sampling/calibration.hpp"

#include <algorithm>
#include <cmath>

#include "spikewafer/error.hpp"

namespace spikewafer::sampling {
namespace {

// One batched run: `currents` x `replicas_per_point` replicas of one neuron; returns the
// fraction of time each bias value kept the neuron refractory, with its standard error.
std::vector<ActivationPoint> measure(const SamplingNeuron& neuron, const FreeMembrane& membrane,
                                     const std::vector<double>& currents, uint32_t per_point,
                                     double duration, uint64_t seed,
                                     const SimulatorOptions& options) {
  Population pop;
  pop.name = "calibration";
  pop.size = 1;
  pop.model = neuron.model;
  pop.params = neuron.params;
  pop.noise = neuron.noise;
  pop.record.spikes = true;
  Network net;
  net.source = "calibration";
  net.populations = {pop};
  net.simulation.dt = neuron.dt;
  net.simulation.duration = duration;
  net.simulation.seed = seed;
  net.simulation.replicas = static_cast<uint32_t>(currents.size()) * per_point;
  for (double current : currents)
    for (uint32_t k = 0; k < per_point; ++k) net.overrides.i_offset.push_back(current);
  const RunResult result = simulate(net, options);

  std::vector<double> spikes(net.simulation.replicas, 0.0);
  for (const SpikeRecord& s : result.spikes) spikes[s.replica] += 1.0;
  std::vector<ActivationPoint> points;
  for (size_t c = 0; c < currents.size(); ++c) {
    double sum = 0, sum_sq = 0;
    for (uint32_t k = 0; k < per_point; ++k) {
      const double p = spikes[c * per_point + k] * neuron.params.tau_refrac / duration;
      sum += p;
      sum_sq += p * p;
    }
    ActivationPoint point;
    point.i_offset = currents[c];
    point.bias = membrane.u_rest + membrane.slope * currents[c];
    point.p_on = sum / per_point;
    const double variance = per_point > 1 ? (sum_sq - sum * sum / per_point) / (per_point - 1) : 0;
    point.p_on_err = std::sqrt(std::max(0.0, variance) / per_point);
    points.push_back(point);
  }
  return points;
}

std::vector<double> currents_for(const FreeMembrane& m, double u_from, double u_to, uint32_t n) {
  std::vector<double> currents;
  for (uint32_t k = 0; k < n; ++k) {
    const double u = u_from + (u_to - u_from) * k / std::max<uint32_t>(1, n - 1);
    currents.push_back((u - m.u_rest) / m.slope);
  }
  return currents;
}

}  // namespace

Calibration calibrate(const SamplingNeuron& neuron, const CalibrationSettings& settings,
                      const SimulatorOptions& options,
                      const std::function<void(const std::string&)>& progress) {
  check_sampling_neuron(neuron, "calibration", "neuron");
  if (settings.points < 5 || settings.replicas_per_point < 1 || !(settings.duration > 0))
    throw input_error("calibration: needs at least 5 points, 1 replica per point and a positive "
                      "duration");
  const auto say = [&](const std::string& line) {
    if (progress) progress(line);
  };
  Calibration cal;
  cal.neuron = neuron;
  cal.membrane = free_membrane(neuron);
  const double threshold = neuron.params.v_thresh;

  // Coarse: where does p go from near 0 to near 1?
  say("calibration: coarse scan of the bias over threshold +-15 mV");
  const auto coarse = measure(neuron, cal.membrane,
                              currents_for(cal.membrane, threshold - 15, threshold + 15, 61), 1,
                              settings.duration / 10, settings.seed, options);
  double low = coarse.front().bias, high = coarse.back().bias;
  for (const ActivationPoint& p : coarse)
    if (p.p_on < 0.02) low = p.bias;
  for (auto p = coarse.rbegin(); p != coarse.rend(); ++p)
    if (p->p_on > 0.98) high = p->bias;
  if (!(high > low))
    throw input_error("calibration: the activation does not rise from 0 to 1 within threshold "
                      "+-15 mV; check the neuron's parameters and background noise");
  const double margin = 0.5 * (high - low);

  say("calibration: fine scan of " + std::to_string(settings.points) + " bias values x " +
      std::to_string(settings.replicas_per_point) + " replicas, " +
      std::to_string(settings.duration) + " ms each");
  cal.points = measure(neuron, cal.membrane,
                       currents_for(cal.membrane, low - margin, high + margin, settings.points),
                       settings.replicas_per_point, settings.duration, settings.seed + 1, options);
  std::vector<double> u, p;
  for (const ActivationPoint& point : cal.points) {
    u.push_back(point.bias);
    p.push_back(point.p_on);
  }
  const LogisticFit fit = fit_logistic(u, p);
  cal.u0 = fit.x0;
  cal.alpha = fit.width;
  cal.u0_err = fit.x0_err;
  cal.alpha_err = fit.width_err;
  cal.residual = fit.residual;
  cal.i0 = (cal.u0 - cal.membrane.u_rest) / cal.membrane.slope;
  cal.alpha_i = cal.alpha / cal.membrane.slope;
  return cal;
}

}  // namespace spikewafer::sampling
