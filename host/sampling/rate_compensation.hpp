// Keeps a noise-tempered network sampling the target's Boltzmann machine at a temperature,
// instead of a drifting one: when the background rates are multiplied by f, the activation's
// midpoint u0 and width alpha move (calibrated at a few factors and interpolated), and so do the
// free membrane (u_rest, slope) and the PSPs (through tau_eff and the driving force). The bias
// inputs are reset so that every unit's free potential keeps its translated offset from u0,
// scaled like the PSPs, and the network then samples (W, b) / T(f) (docs/models.md, "Noise
// tempering"):
//   T(f)        = alpha(f) / (g(f) alpha_ref),   g(f) = mean PSP at f / mean PSP at f = 1
//   i_offset(f) = (u0(f) - u_rest(f) + g(f) alpha_ref beta) / slope(f)
//   dc_scale(f) = gamma g(f) slope_ref / slope(f)
#pragma once

#include <vector>

#include "sampling/calibration.hpp"
#include "sampling/coupling_graph.hpp"
#include "spikewafer/network.hpp"

namespace spikewafer::sampling {

class RateCompensation {
 public:
  // `reference` is the calibration the network was translated with (factor 1); `hotter` holds
  // calibrations at factors > 1 (calibrate_at_rates). Throws input_error on a factor <= 1 or
  // repeated factors.
  RateCompensation(const Calibration& reference, const std::vector<double>& factors,
                   const std::vector<Calibration>& hotter);

  // Linear interpolation in f between calibrated factors (constant beyond the last).
  double u0(double factor) const;
  double alpha(double factor) const;
  // g(f): the mean PSP per unit weight relative to the reference (1 for IF_curr_exp).
  double psp_gain(double factor) const;
  double temperature(double factor) const;

  // Inputs of chain c at background factor factors[c]: rate_E, rate_I, i_offset, dc_scale.
  ReplicaOverrides overrides(const std::vector<ChainParams>& chains,
                             const std::vector<double>& factors) const;

  const std::vector<double>& factors() const { return factors_; }

 private:
  double interpolate(const std::vector<double>& values, double factor) const;
  double mean_psp(double factor) const;

  Calibration reference_;
  std::vector<double> factors_, u0_, alpha_;  // factor 1 first, ascending
  double reference_psp_ = 1.0;                // mean_psp(1), what psp_gain divides by
};

}  // namespace spikewafer::sampling
