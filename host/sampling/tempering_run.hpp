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
#include <cmath>
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

// A sampled image of a trained network's visible units (trained = DIR targets), for the picture
// of what the variants generate: at the cold and the hot end of the noise variant's modulation,
// at any time in the others.
struct SampledImage {
  std::string phase;  // "cold", "hot" or "constant"
  uint32_t replica = 0;
  double time_ms = 0.0;
  int32_t label = -1;        // the class judged, -1 below the confidence
  double confidence = 0.0;   // the label posterior of the most probable class
  std::vector<uint8_t> pixels;
};

struct VariantResult {
  TemperingVariant variant = TemperingVariant::kPlain;
  std::vector<TemperingPoint> curve;
  // Pooled over replicas: the state histogram, or for a trained network's target the class
  // histogram of the samples judged (normalised; zero without any).
  Eigen::VectorXd histogram;
  std::vector<SampledImage> images;  // trained targets only: up to 16 per phase
  // Trained targets: the total-variation distance of `histogram` to the training labels'
  // frequencies (half the L1 distance); NaN without those or without a judged sample.
  double class_distance = NAN;
  uint64_t samples = 0;       // taken, all replicas
  uint64_t switches = 0;      // all replicas
  double wall_s = 0.0;
};

// The noise variant's activation at one background factor f and what compensation makes of it.
struct RatePoint {
  double factor = 1.0, u0 = 0.0, alpha = 0.0, psp_gain = 1.0, temperature = 1.0;
};

// Mode switches are counted between the exact distribution's modes, or, for a trained network
// with label units ([target] trained = DIR, too large to enumerate), between the classes its
// own classifier gives the sampled images (label_posterior, restricted_machine.hpp); then `target` and
// `modes` are empty and the DKL is NaN.
struct TemperingReport {
  Eigen::VectorXd target;
  ModeMap modes;
  uint32_t classes = 0;           // trained targets: the label units; 0 with exact modes
  Eigen::VectorXd data_histogram; // trained targets: the training labels' frequencies (or empty)
  std::vector<VariantResult> variants;
  std::vector<RatePoint> rates;   // empty without the noise variant
  double cold_temperature = 1.0;  // T at the edge of the cold window
  uint64_t input_updates = 0;     // set_replica_inputs calls of the noise variant
  double input_update_s = 0.0;    // and the wall time they took
};

TemperingReport run_tempering(const SampleConfig& config, const Calibration& calibration,
                              int threads, const std::function<void(const std::string&)>& say);

}  // namespace spikewafer::sampling
