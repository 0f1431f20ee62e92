#include "sampling/calibration.hpp"

#include <algorithm>
#include <cmath>

#include "engine/host_model.hpp"
#include "kernels/random.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::sampling {
namespace {

// A bias current and the factor on the background rates (1: as configured) of one bias value.
struct BiasPoint {
  double current = 0.0;
  double rate_factor = 1.0;
};

// Spikes per (bias value, replica) of `per_point` replicas of one network: one unconnected
// sampling neuron per bias value, all fed by one background network per replica, counted after
// the background's warm-up.
std::vector<double> spikes_with_background(const SamplingNeuron& neuron,
                                           const std::vector<BiasPoint>& biases,
                                           uint32_t per_point, double duration, uint64_t seed,
                                           const SimulatorOptions& options) {
  Population pop;
  pop.name = "calibration";
  pop.size = static_cast<uint32_t>(biases.size());
  pop.model = neuron.model;
  pop.params = neuron.params;
  pop.params.i_offset = 0.0;
  for (const BiasPoint& b : biases) pop.i_offset_per_neuron.push_back(b.current);
  pop.record.spikes = true;
  Network net;
  net.source = "calibration";
  net.populations = {pop};
  net.simulation.dt = neuron.dt;
  net.simulation.duration = kBackgroundWarmupMs + duration;
  net.simulation.replicas = per_point;
  add_background_network(net, *neuron.background, pop.name);
  for (uint32_t r = 0; r < per_point; ++r)
    net.overrides.seed.push_back(kernels::replica_seed(seed, r));
  const RunResult result = simulate(net, options);
  std::vector<double> spikes(net.simulation.replicas * biases.size(), 0.0);
  for (const SpikeRecord& s : result.spikes)
    if (s.population == 0 && s.time_ms >= kBackgroundWarmupMs)
      spikes[s.neuron * per_point + s.replica] += 1.0;
  return spikes;
}

// Spikes per (bias value, replica) of biases.size() x per_point replicas of one neuron with
// private Poisson background.
std::vector<double> spikes_with_poisson(const SamplingNeuron& neuron,
                                        const std::vector<BiasPoint>& biases, uint32_t per_point,
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
  net.simulation.replicas = static_cast<uint32_t>(biases.size()) * per_point;
  // Rates are overridden only where a factor differs from 1, so that a plain calibration is the
  // same run as before rate factors existed.
  const bool scaled = std::any_of(biases.begin(), biases.end(),
                                  [](const BiasPoint& b) { return b.rate_factor != 1.0; });
  for (const BiasPoint& b : biases)
    for (uint32_t k = 0; k < per_point; ++k) {
      net.overrides.i_offset.push_back(b.current);
      if (!scaled) continue;
      net.overrides.rate_E.push_back(neuron.noise.rate_E * b.rate_factor);
      net.overrides.rate_I.push_back(neuron.noise.rate_I * b.rate_factor);
    }
  const RunResult result = simulate(net, options);
  std::vector<double> spikes(net.simulation.replicas, 0.0);
  for (const SpikeRecord& s : result.spikes) spikes[s.replica] += 1.0;
  return spikes;
}

// One batched run: `biases` x `per_point` replicas of one neuron; returns the fraction of time
// each bias value kept the neuron refractory, with its standard error. `membranes[k]` is the free
// membrane of biases[k] (it moves with the rate factor).
std::vector<ActivationPoint> measure(const SamplingNeuron& neuron,
                                     const std::vector<FreeMembrane>& membranes,
                                     const std::vector<BiasPoint>& biases, uint32_t per_point,
                                     double duration, uint64_t seed,
                                     const SimulatorOptions& options) {
  const std::vector<double> spikes =
      neuron.background
          ? spikes_with_background(neuron, biases, per_point, duration, seed, options)
          : spikes_with_poisson(neuron, biases, per_point, duration, seed, options);
  std::vector<ActivationPoint> points;
  for (size_t c = 0; c < biases.size(); ++c) {
    double sum = 0, sum_sq = 0;
    for (uint32_t k = 0; k < per_point; ++k) {
      const double p = spikes[c * per_point + k] * state_window_ms(neuron) / duration;
      sum += p;
      sum_sq += p * p;
    }
    ActivationPoint point;
    point.i_offset = biases[c].current;
    point.bias = membranes[c].u_rest + membranes[c].slope * biases[c].current;
    point.p_on = sum / per_point;
    const double variance = per_point > 1 ? (sum_sq - sum * sum / per_point) / (per_point - 1) : 0;
    point.p_on_err = std::sqrt(std::max(0.0, variance) / per_point);
    points.push_back(point);
  }
  return points;
}

// n bias values evenly over [u_from, u_to] (mV of free membrane potential), appended.
void append_biases(const FreeMembrane& m, double rate_factor, double u_from, double u_to,
                   uint32_t n, std::vector<FreeMembrane>& membranes,
                   std::vector<BiasPoint>& biases) {
  for (uint32_t k = 0; k < n; ++k) {
    const double u = u_from + (u_to - u_from) * k / std::max<uint32_t>(1, n - 1);
    biases.push_back({(u - m.u_rest) / m.slope, rate_factor});
    membranes.push_back(m);
  }
}

}  // namespace

SamplingNeuron with_rate_factor(const SamplingNeuron& neuron, double factor) {
  SamplingNeuron scaled = neuron;
  scaled.noise.rate_E *= factor;
  scaled.noise.rate_I *= factor;
  return scaled;
}

Calibration calibrate(const SamplingNeuron& neuron, const CalibrationSettings& settings,
                      const SimulatorOptions& options,
                      const std::function<void(const std::string&)>& progress) {
  return calibrate_at_rates(neuron, {1.0}, settings, options, progress).front();
}

std::vector<Calibration> calibrate_at_rates(
    const SamplingNeuron& neuron, const std::vector<double>& factors,
    const CalibrationSettings& settings, const SimulatorOptions& options,
    const std::function<void(const std::string&)>& progress) {
  check_sampling_neuron(neuron, "calibration", "neuron");
  if (settings.points < 5 || settings.replicas_per_point < 1 || !(settings.duration > 0))
    throw input_error(
        "calibration: needs at least 5 points, 1 replica per point and a positive "
        "duration");
  if (factors.empty()) throw input_error("calibration: no background rate factors given");
  // The fine scan runs points x replicas x factors copies of the neuron in one simulator:
  // refused before any of it is allocated (4e9 replicas ended in std::bad_alloc, 4e9 points
  // grew until the system swapped). A replica holds well over a kilobyte (state, inputs, seeds,
  // spike counts), a bias point about a hundred bytes.
  const double runs = static_cast<double>(settings.points) * settings.replicas_per_point *
                      static_cast<double>(factors.size());
  const double bytes =
      runs * 1024.0 + static_cast<double>(settings.points) * factors.size() * 128.0;
  refuse_unless_it_fits(bytes,
                        "calibration: points x replicas = " +
                            std::to_string(static_cast<uint64_t>(runs)) + " runs of the neuron",
                        "give calibration.points or calibration.replicas fewer (the defaults "
                        "are 41 and 4)");
  for (double f : factors)
    if (!(f > 0) || !std::isfinite(f))
      throw input_error("calibration: a background rate factor must be a finite number > 0 (got " +
                        std::to_string(f) + ")");
  const auto say = [&](const std::string& line) {
    if (progress) progress(line);
  };
  const size_t count = factors.size();
  std::vector<Calibration> cals(count);
  if (neuron.background && (count != 1 || factors[0] != 1.0))
    throw input_error("calibration: a background network has no rate to scale; calibrate it at "
                      "the factor 1 only (noise tempering needs Poisson noise)");
  for (size_t f = 0; f < count; ++f) cals[f].neuron = with_rate_factor(neuron, factors[f]);
  if (neuron.background) {
    say("calibration: measuring the background network (" +
        std::to_string(neuron.background->size) + " neurons)");
    const BackgroundActivity activity =
        measure_background(*neuron.background, neuron.dt, 2000.0, 2, options);
    cals[0].background_activity = activity;
    cals[0].neuron.noise = equivalent_noise(*neuron.background, activity);
  }
  for (size_t f = 0; f < count; ++f) cals[f].membrane = free_membrane(cals[f].neuron);
  const double threshold = neuron.params.v_thresh;
  const std::string rates =
      count > 1 ? " at " + std::to_string(count) + " background rates" : std::string();

  // Coarse: where does p go from near 0 to near 1?
  say("calibration: coarse scan of the bias over threshold +-15 mV" + rates);
  constexpr uint32_t kCoarse = 61;
  std::vector<FreeMembrane> membranes;
  std::vector<BiasPoint> biases;
  for (size_t f = 0; f < count; ++f)
    append_biases(cals[f].membrane, factors[f], threshold - 15, threshold + 15, kCoarse, membranes,
                  biases);
  const auto coarse =
      measure(neuron, membranes, biases, 1, settings.duration / 10, settings.seed, options);
  membranes.clear();
  biases.clear();
  for (size_t f = 0; f < count; ++f) {
    const auto first = coarse.begin() + static_cast<std::ptrdiff_t>(f * kCoarse);
    double low = first->bias, high = (first + kCoarse - 1)->bias;
    for (auto p = first; p != first + kCoarse; ++p)
      if (p->p_on < 0.02) low = p->bias;
    for (auto p = first + kCoarse - 1; p >= first; --p) {
      if (p->p_on > 0.98) high = p->bias;
      if (p == first) break;
    }
    if (!(high > low))
      throw input_error(
          "calibration: the activation does not rise from 0 to 1 within threshold "
          "+-15 mV; check the neuron's parameters and background noise");
    const double margin = 0.5 * (high - low);
    append_biases(cals[f].membrane, factors[f], low - margin, high + margin, settings.points,
                  membranes, biases);
  }

  say("calibration: fine scan of " + std::to_string(settings.points) + " bias values x " +
      std::to_string(settings.replicas_per_point) + " replicas, " +
      std::to_string(settings.duration) + " ms each" + rates);
  const auto fine = measure(neuron, membranes, biases, settings.replicas_per_point,
                            settings.duration, settings.seed + 1, options);
  for (size_t f = 0; f < count; ++f) {
    Calibration& cal = cals[f];
    cal.points.assign(fine.begin() + static_cast<std::ptrdiff_t>(f * settings.points),
                      fine.begin() + static_cast<std::ptrdiff_t>((f + 1) * settings.points));
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
  }
  return cals;
}

}  // namespace spikewafer::sampling
