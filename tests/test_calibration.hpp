// The calibrated default sampling neuron (IF_cond_exp) that the spiking-sampler tests share:
// calibrated once per test binary, with 4 s per bias value (enough for the fits these tests
// need, and a tenth of the command line's time).
#pragma once

#include "sampling/calibration.hpp"

namespace spikewafer::test {

inline const sampling::Calibration& test_calibration() {
  static const sampling::Calibration c = [] {
    sampling::CalibrationSettings settings;
    settings.duration = 4000.0;
    return sampling::calibrate(sampling::default_sampling_neuron(Model::kIfCondExp), settings,
                               SimulatorOptions{Backend::kCpu, 2, {}, {}});
  }();
  return c;
}

}  // namespace spikewafer::test
