// The tempering comparison of `spikewafer sample` ([tempering] in BM.toml): the same target
// sampled by several variants of the spiking sampler with the same replicas, seeds and duration:
//   plain  the sampler as configured;
//   noise  background rates modulated per replica (noise_schedule.hpp) with compensated biases
//          (rate_compensation.hpp); samples only in the cold window when sample_at = "low";
//   stp    Tsodyks-Markram recurrent synapses (weights / U, so a recovered synapse transmits the
//          translated weight and only depression weakens it), no modulation.
// For each: per-replica DKL at log-spaced times (mean and std over replicas) and the rate of mode
// switches (mode_analysis.hpp) between consecutive taken samples of a chain.
#pragma once

#include <Eigen/Dense>
#include <functional>
#include <string>
#include <vector>

#include "sampling/calibration.hpp"
#include "sampling/mode_analysis.hpp"
#include "sampling/sample_config.hpp"

namespace spikewafer::sampling {

struct TemperingPoint {
  double time_ms = 0.0;             // of sampling, after the burn-in
  double dkl = NAN, dkl_std = NAN;  // over replicas with at least one sample
  double switches_per_s = 0.0;      // per chain and second of biological time, cumulative
};

struct VariantResult {
  TemperingVariant variant = TemperingVariant::kPlain;
  std::vector<TemperingPoint> curve;
  Eigen::VectorXd histogram;  // pooled over replicas
  uint64_t samples = 0;       // taken, all replicas
  uint64_t switches = 0;      // all replicas
  double wall_s = 0.0;
};

// The noise variant's activation at one background factor f and what compensation makes of it.
struct RatePoint {
  double factor = 1.0, u0 = 0.0, alpha = 0.0, psp_gain = 1.0, temperature = 1.0;
};

struct TemperingReport {
  Eigen::VectorXd target;
  ModeMap modes;
  std::vector<VariantResult> variants;
  std::vector<RatePoint> rates;   // empty without the noise variant
  double cold_temperature = 1.0;  // T at the edge of the cold window
  uint64_t input_updates = 0;     // set_replica_inputs calls of the noise variant
  double input_update_s = 0.0;    // and the wall time they took
};

TemperingReport run_tempering(const SampleConfig& config, const Calibration& calibration,
                              int threads, const std::function<void(const std::string&)>& say);

}  // namespace spikewafer::sampling
