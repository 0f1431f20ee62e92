// What BrainScaleS-1's synapse arrays would do to a projection's STDP (docs/wafer.md, "STDP").
// The hardware keeps a 4-bit weight per synapse (quantization.hpp) and a correlation sensor that
// accumulates causal and acausal spike pairs; a digital controller visits the rows now and then
// and moves a weight whose accumulated correlation crossed a threshold by one level (a lookup
// table over the 16 levels). So a weight moves in steps of the row maximum / 15, and the pairs
// that change it by less than a step must accumulate first. The emulator learns in floats; this
// says how far that is from what the wafer would do.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "spikewafer/network.hpp"

namespace spikewafer::wafer {

struct StdpHardwareReport {
  uint32_t projection = 0;
  std::string name;                // "source->target[j]"
  double weight_step = 0.0;        // w_max / 15 (the row maximum at w_max, so w_max is a level)
  uint32_t levels = 0;             // 4-bit levels within [w_min, w_max]
  double initial_weight = 0.0;     // the mean initial weight (a magnitude)
  // One pair at dt = 0 at the initial weight, in weight steps, and the close pairs a weight must
  // accumulate before the controller moves it by one step (at least 1).
  double potentiation_steps = 0.0, depression_steps = 0.0;
  double pairs_per_step = 1.0;
  // The initial weights rounded to the levels: the mean error relative to w_max.
  double initial_rounding_error = 0.0;
};

std::vector<StdpHardwareReport> stdp_hardware_reports(const Network& network);

// One line for the terminal where a pair changes a weight by less than a step.
std::string stdp_hardware_text(const StdpHardwareReport& r);

}  // namespace spikewafer::wafer
