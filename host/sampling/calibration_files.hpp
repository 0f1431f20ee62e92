// A calibration on disk: DIR/activation.csv (bias,p_on,p_on_err; bias in mV of mean free
// membrane potential) and DIR/calibration.json (the fit and the neuron it belongs to).
#pragma once

#include <string>

#include "sampling/calibration.hpp"

namespace spikewafer::sampling {

void write_calibration(const std::string& dir, const Calibration& calibration);

}  // namespace spikewafer::sampling
