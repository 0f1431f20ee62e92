// The two input files of the sampling commands:
//   NEURON.toml (`spikewafer calibrate`): [neuron] model, dt, params, noise; [calibration]
//   BM.toml (`spikewafer sample`): [target] (target_file.hpp), [sampler] and optionally
//   [noise] (noise_config.hpp: Poisson or a background network, both files) and [tempering]
//   (tempering_config.hpp)
// Neuron keys not given keep the sampling defaults of default_sampling_neuron(); docs/sampling.md
// lists every key.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "io/toml_values.hpp"
#include "sampling/calibration.hpp"
#include "sampling/machine_correction.hpp"
#include "sampling/target_file.hpp"
#include "sampling/tempering_config.hpp"
#include "spikewafer/network.hpp"

namespace spikewafer::sampling {

struct NeuronFile {
  std::string source;
  SamplingNeuron neuron;
  CalibrationSettings calibration;
};

struct SampleConfig {
  std::string source;
  Target target;
  SamplingNeuron neuron;
  SynapseDynamics dynamics = SynapseDynamics::kRenewing;
  ShortTermPlasticity stp;          // synapse = "tsodyks_markram" only
  double duration = 100000.0;       // ms of biological time per replica
  uint32_t replicas = 16;
  uint64_t seed = 1;
  double burn_in = 100.0;           // ms before the first sample
  double sample_interval = 1.0;     // ms between samples
  double calibration_duration = 10000.0;
  bool gibbs = true;                // also run the Gibbs reference
  // The closed-loop translation (sampling/machine_correction.hpp) before burn-in; the tempering
  // comparison runs the open translation.
  bool corrected = true;            // translation = "corrected" (or "open")
  uint32_t correction_rounds = MachineCorrectionSettings{}.rounds;
  double correction_window = MachineCorrectionSettings{}.window;  // ms per round
  std::optional<TemperingSettings> tempering;  // [tempering]: the variant comparison
};

// `correction_rounds` of a closed-loop translation, here and in scans and hysteresis loops: 1 to
// 100; the message names the command's default and how to go without a correction.
uint32_t read_correction_rounds(const toml_values::Value& value, uint32_t default_rounds);

// Throw spikewafer::Error (kInput) "file:line:col: key: problem; fix".
NeuronFile read_neuron_file(const std::string& path);
SampleConfig read_sample_config(const std::string& path);
SampleConfig parse_sample_config(const std::string& text, const std::string& source,
                                 const std::string& base_dir);

}  // namespace spikewafer::sampling
