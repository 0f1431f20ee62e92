// The optional [tempering] table of BM.toml: which sampler variants run side by side on the same
// target (same duration, replicas and seeds), the noise-modulation schedule, and the
// short-term-plasticity parameters of the "stp" variant. docs/sampling.md lists every key.
#pragma once

#include <string>
#include <vector>

#include "io/toml_values.hpp"
#include "sampling/noise_schedule.hpp"
#include "spikewafer/network.hpp"

namespace spikewafer::sampling {

enum class TemperingVariant {
  kPlain,  // the sampler as configured in [sampler]
  kNoise,  // plus noise modulation with compensated biases
  kStp,    // Tsodyks-Markram recurrent synapses, no modulation
};
const char* variant_name(TemperingVariant variant);

struct TemperingSettings {
  std::vector<TemperingVariant> variants = {TemperingVariant::kPlain, TemperingVariant::kNoise,
                                            TemperingVariant::kStp};
  NoiseSchedule schedule;
  double update_interval = 1.0;  // ms between updates of the modulated inputs
  uint32_t rate_points = 4;      // calibrated rate factors above 1, evenly up to 1 + amplitude
  // Chosen here, not a published set: renewing synapses are U = 1, tau_rec = tau_syn; a longer
  // tau_rec leaves a unit that keeps firing (one spike per tau_refrac) less than its full weight,
  // which weakens whichever mode the network sits in (docs/models.md, "Tempering by STP").
  ShortTermPlasticity stp{1.0, 15.0, 0.0};
  double mode_threshold = 0.01;  // modes: local maxima with p >= this x the largest p
  bool switch_by_basin = false;  // true: every sample assigns its basin; false: mode states only
  // A trained RBM's target (trained = DIR): a sample's class is the label that the network's
  // posterior gives at least this; below it the chain keeps its class (as a mode's core).
  double class_confidence = 0.9;
};

// Reads [tempering]; `stp_fallback` are the stp values used when the table has no `stp` key
// ([sampler] stp where synapse = "tsodyks_markram", else the defaults above). Fails with
// "file:line:col: tempering.key: problem; fix".
TemperingSettings read_tempering(const toml_values::Table& table,
                                 const ShortTermPlasticity& stp_fallback);

}  // namespace spikewafer::sampling
