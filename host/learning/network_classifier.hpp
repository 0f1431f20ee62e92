// Classification by the LIF networks themselves (training in the loop, docs/learning.md): each
// test image is clamped onto the visible units of its own replica, the label and hidden units
// run free, and the class is the label unit that spends the most time in z = 1. Trained in the
// loop, the parameters also compensate what the networks get wrong, so the exact classifier on
// the parameters (classify, rbm.hpp) judges another machine than the one that was trained.
#pragma once

#include <cstdint>

#include "learning/rbm.hpp"
#include "learning/training_data.hpp"
#include "sampling/calibration.hpp"

namespace spikewafer::learning {

struct NetworkClassifierSettings {
  double settle = 20.0;    // ms after clamping, before the label units are counted
  double window = 500.0;   // ms over which they are counted
  double interval = 1.0;   // ms between the states counted
};

// The share of `test`'s images whose label the networks give right; NaN without label units
// or test labels. Networks built anew for each call; `stream` keys their noise (the epoch).
double network_accuracy(const Rbm& rbm, const Dataset& test,
                        const sampling::Calibration& calibration, uint64_t seed, uint32_t stream,
                        int threads, const NetworkClassifierSettings& settings = {});

}  // namespace spikewafer::learning
