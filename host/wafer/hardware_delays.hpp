// The delays of the BrainScaleS-1 hardware (docs/wafer.md, "Delays"). They are not configurable:
// an event's delay is what its route takes, so the toolchain ignores PyNN's delays. Figures:
//   L1: a fit to delay measurements on wafer 30 (brainscales1-demos, cortical_microcircuit):
//       0.0397 ms per HICANN on the route + 0.6444 ms of biological time at the 10^4 speed-up,
//       i.e. 3.97 ns per HICANN + 64.44 ns of hardware time; the fixed part agrees with the
//       60 ns measured from neuron to synapse driver (ESS sim_def.h).
//   L2: events from another wafer cross the FPGAs: 500 ns (ESS's L2_TRANSMIT_DELAY), then enter
//       the target chip's L1 network (one HICANN).
// In biological time a delay is the hardware time times the speed-up.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "wafer/routing.hpp"

namespace spikewafer::wafer {

// BrainScaleS-1 runs 10^3 to 10^5 times faster than biology (guidebook), 10^4 by default.
inline constexpr double kMinSpeedup = 1e3, kMaxSpeedup = 1e5, kDefaultSpeedup = 1e4;
// Throws input_error naming `option` for a speed-up outside that range.
void check_speedup(double speedup, const std::string& option);

inline constexpr double kL1DelayFixedNs = 64.44;
inline constexpr double kL1DelayPerHicannNs = 3.97;
inline constexpr double kL2DelayNs = 500.0;

// Hardware time of an event that crosses `hicanns` chips on L1 (source and target included),
// after an L2 transmission when `over_l2`.
inline double hardware_delay_ns(uint32_t hicanns, bool over_l2) {
  return (over_l2 ? kL2DelayNs : 0.0) + kL1DelayFixedNs + kL1DelayPerHicannNs * hicanns;
}

// For each entry of the route (BusRoute::entries, same order), the chips its events cross from
// the source chip to that target chip, both included (1 for a target on the source chip).
std::vector<uint32_t> hicanns_to_entries(const BusRoute& route);

}  // namespace spikewafer::wafer
