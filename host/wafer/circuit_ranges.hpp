// What BrainScaleS-1's neuron circuits can realise of an AdEx population's parameters
// (docs/wafer.md, "Neuron parameters"): each parameter's range in biological units at the run's
// speed-up, and the neurons outside it. The circuit implements AdEx, so the check applies to the
// EIF_* populations; the mapping reports what lies outside, and the run goes on with the values
// as given (the emulator can represent them; the wafer could not).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "spikewafer/network.hpp"

namespace spikewafer::wafer {

// One parameter of one population with neurons outside the circuit's range.
struct RangeViolation {
  std::string population, parameter, unit;
  uint32_t neurons = 0;            // how many of the population's neurons lie outside
  double lowest = 0, highest = 0;  // the offending values' extremes
  double allowed_low = 0, allowed_high = 0;  // the range for the population's cm and speed-up
};

std::vector<RangeViolation> circuit_range_violations(const Network& network, double speedup);

// "populations.NAME.params.P: N of M neurons ... outside ...; the fix" for the terminal.
std::string range_violation_text(const RangeViolation& v, const Network& network, double speedup);

}  // namespace spikewafer::wafer
