// `spikewafer sample` without the command line: calibrate the sampling neuron, sample the target
// with the spiking sampler (and the Gibbs reference), run the tempering comparison when the file
// asks for it, and write every file into the output folder. The command and the Python package
// both call this, and only print or return what it found.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "sampling/calibration.hpp"
#include "sampling/sample_config.hpp"
#include "sampling/sampling_run.hpp"
#include "sampling/tempering_run.hpp"

namespace spikewafer::sampling {

struct SampleOutcome {
  Calibration calibration;
  SamplingReport report;
  std::optional<TemperingReport> tempering;  // with [tempering] only
};

// Writes activation.csv, calibration.json, distribution.csv, dkl.csv, marginals.csv,
// sample.json (and tempering.csv, tempering.json) into `dir`, created if missing.
SampleOutcome sample_to_directory(const SampleConfig& config, const std::string& dir, int threads,
                                  const std::function<void(const std::string&)>& say);

}  // namespace spikewafer::sampling
