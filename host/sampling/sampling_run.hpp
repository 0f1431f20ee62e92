// `spikewafer sample`: R replicas of the LIF network translated from a Boltzmann machine, and
// (optionally) R Gibbs chains on the same target, sampled side by side. For N <= 20 units the
// state histograms are compared with the exact distribution: pooled at the end and per replica at
// log-spaced times (the DKL curve, mean and spread over replicas).
#pragma once

#include <Eigen/Dense>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sampling/calibration.hpp"
#include "sampling/machine_correction.hpp"
#include "sampling/sample_config.hpp"

namespace spikewafer::sampling {

struct DklPoint {
  double time_ms = 0.0;
  double spiking = 0.0, spiking_std = 0.0;  // mean and standard deviation over replicas
  double gibbs = NAN, gibbs_std = NAN;      // NaN without the Gibbs reference
};

// One sampler's statistics, pooled over replicas. `histogram` is empty for N > 20, and
// `correlations` (<z_i z_j>) for N > kMaxCorrelationUnits.
struct SampledStatistics {
  Eigen::VectorXd histogram;
  Eigen::VectorXd marginals;
  Eigen::MatrixXd correlations;
  uint64_t samples = 0;  // all replicas
  double wall_s = 0.0;
};

constexpr int kMaxCorrelationUnits = 64;

struct SamplingReport {
  Eigen::VectorXd target;            // exact distribution (N <= 20), else empty
  Eigen::VectorXd target_marginals;  // empty for N > 20
  Eigen::MatrixXd target_correlations;
  SampledStatistics spiking, gibbs;  // gibbs.samples == 0 without the reference
  std::vector<DklPoint> dkl;         // N <= 20 only
  // With a background network (deterministic sampling): its activity, measured during the
  // calibration. Empty with Poisson noise.
  std::optional<BackgroundActivity> background;
  // translation = "corrected": what the loop gave the network (before burn-in).
  std::optional<MachineCorrection> correction;
};

// The mean firing rate (Hz) of the spiking sampler's units: p(z = 1) over the time a spike
// holds z = 1. With an ensemble, the rate its noise really has (the calibration assumed
// noise.rate).
double ensemble_unit_rate(const SamplingReport& report, const SamplingNeuron& neuron);

// Sample counts at which DKL curves are evaluated: about 8 per decade from 10, and the last one.
std::vector<uint64_t> dkl_checkpoints(uint64_t samples);

// Throws Error(kResource) naming the amount when the run's replicas cannot fit in free memory;
// run_sampling checks it too, the command first of all, before its calibration.
void check_sampling_fits(const SampleConfig& config);

SamplingReport run_sampling(const SampleConfig& config, const Calibration& calibration,
                            int threads, const std::function<void(const std::string&)>& say);

}  // namespace spikewafer::sampling
