// A calibration on disk: DIR/activation.csv (bias,p_on,p_on_err; bias in mV of mean free
// membrane potential) and DIR/calibration.json (the fit and the neuron it belongs to).
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>

#include "sampling/calibration.hpp"

namespace spikewafer::sampling {

void write_calibration(const std::string& dir, const Calibration& calibration);

// {"source": "poisson"} or {"source": "network", the background's settings, and its measured
// activity where given}: the "noise" of calibration.json and sample.json.
nlohmann::ordered_json noise_source_json(const SamplingNeuron& neuron,
                                         const std::optional<BackgroundActivity>& activity);

// "activation: u0 = ... mV, alpha = ... mV, residual ... (i0 = ... nA, alpha_i = ... nA)".
std::string fit_summary(const Calibration& calibration);

// Calibrates `neuron` (calibration.hpp), writes the files into `dir` (created if missing) and
// says the fit summary:
// what every command that runs a spiking sampler does first, in a folder that it holds.
Calibration calibrate_into(const std::string& dir, const SamplingNeuron& neuron,
                           const CalibrationSettings& settings, int threads,
                           const std::function<void(const std::string&)>& say);

// calibrate_into for the calibrate command (and Python's calibrate): with the folder's lock
// (io/output_lock.hpp), so that a second writer into it is refused.
Calibration calibrate_alone_into(const std::string& dir, const SamplingNeuron& neuron,
                                 const CalibrationSettings& settings, int threads,
                                 const std::function<void(const std::string&)>& say);

}  // namespace spikewafer::sampling
