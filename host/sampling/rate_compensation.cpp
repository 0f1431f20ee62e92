#include "sampling/rate_compensation.hpp"

#include <algorithm>
#include <numeric>
#include <string>

#include "sampling/translation.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::sampling {

RateCompensation::RateCompensation(const Calibration& reference, const std::vector<double>& factors,
                                   const std::vector<Calibration>& hotter)
    : reference_(reference) {
  if (factors.size() != hotter.size())
    throw input_error("rate compensation: one calibration per rate factor expected");
  std::vector<size_t> order(factors.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return factors[a] < factors[b]; });
  factors_ = {1.0};
  u0_ = {reference.u0};
  alpha_ = {reference.alpha};
  for (size_t k : order) {
    if (!(factors[k] > factors_.back()))
      throw input_error("rate compensation: rate factors must be distinct and > 1 (got " +
                        std::to_string(factors[k]) + ")");
    factors_.push_back(factors[k]);
    u0_.push_back(hotter[k].u0);
    alpha_.push_back(hotter[k].alpha);
  }
  reference_psp_ = mean_psp(1.0);
}

double RateCompensation::interpolate(const std::vector<double>& values, double f) const {
  if (f <= factors_.front()) return values.front();
  for (size_t k = 1; k < factors_.size(); ++k)
    if (f <= factors_[k]) {
      const double x = (f - factors_[k - 1]) / (factors_[k] - factors_[k - 1]);
      return values[k - 1] + x * (values[k] - values[k - 1]);
    }
  return values.back();
}

double RateCompensation::u0(double f) const { return interpolate(u0_, f); }
double RateCompensation::alpha(double f) const { return interpolate(alpha_, f); }

// The mean over the state window (tau_refrac + dt) of the PSP of a unit weight (mV), averaged
// over the two receptors, as translation.cpp computes it: drive / cm x kernel mean, the drive
// taken at u0(f).
double RateCompensation::mean_psp(double f) const {
  const SamplingNeuron& n = reference_.neuron;
  const NeuronParams& p = n.params;
  const FreeMembrane m = free_membrane(with_rate_factor(n, f));
  double drive_e = 1.0, drive_i = 1.0;
  if (is_conductance_based(n.model)) {
    drive_e = p.e_rev_E - u0(f);
    drive_i = u0(f) - p.e_rev_I;
  }
  const double window = state_window_ms(n);
  const double e = drive_e * mean_psp_kernel(p.tau_syn_E, m.tau_eff, window);
  const double i = drive_i * mean_psp_kernel(p.tau_syn_I, m.tau_eff, window);
  return 0.5 * (e + i) / p.cm;
}

double RateCompensation::psp_gain(double f) const { return mean_psp(f) / reference_psp_; }

double RateCompensation::temperature(double f) const {
  return alpha(f) / (psp_gain(f) * reference_.alpha);
}

ReplicaOverrides RateCompensation::overrides(const std::vector<ChainParams>& chains,
                                             const std::vector<double>& factors) const {
  if (chains.size() != factors.size())
    throw input_error("rate compensation: one rate factor per chain expected");
  const SamplingNeuron& n = reference_.neuron;
  const double slope_ref = reference_.membrane.slope;
  ReplicaOverrides o;
  for (size_t c = 0; c < chains.size(); ++c) {
    const double f = factors[c];
    const FreeMembrane m = free_membrane(with_rate_factor(n, f));
    const double gain = psp_gain(f);
    o.rate_E.push_back(n.noise.rate_E * f);
    o.rate_I.push_back(n.noise.rate_I * f);
    o.i_offset.push_back((u0(f) - m.u_rest + gain * reference_.alpha * chains[c].beta) / m.slope);
    o.dc_scale.push_back(chains[c].gamma * gain * slope_ref / m.slope);
  }
  return o;
}

}  // namespace spikewafer::sampling
