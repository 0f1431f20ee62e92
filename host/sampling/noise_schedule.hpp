// Simulated tempering by noise modulation: the balanced Poisson background of every sampling
// neuron follows a raised cosine in time, one phase per replica,
//
//   rate(t) = rate0 * f(t),   f(t) = 1 + A (1 - cos(2 pi t / period + phi_r)) / 2,
//
// so f runs from 1 (the configured, calibrated rate: the target's temperature) up to 1 + A and
// back once per period. A stronger background widens the activation, i.e. heats the network
// (docs/models.md, "Noise tempering"). Samples can be restricted to the cold part of the cycle: the
// fraction `low_window` of each period centred on f = 1.
#pragma once

#include <cstdint>
#include <optional>

namespace spikewafer::sampling {

struct NoiseSchedule {
  double period = 200.0;        // ms
  double amplitude = 1.0;       // A > 0: the rate reaches (1 + A) rate0 at the hot phase
  std::optional<double> phase;  // radians, the same for every replica; empty: spread 2 pi r / R
  double low_window = 0.25;     // fraction of a period counted as cold, in (0, 1]
  bool sample_low_only = true;  // false: samples are taken in every phase
};

// phi_r: schedule.phase, or 2 pi r / replicas.
double replica_phase(const NoiseSchedule& schedule, uint32_t replica, uint32_t replicas);
// f(t) >= 1 at time t (ms) for a replica of phase phi.
double rate_factor(const NoiseSchedule& schedule, double t_ms, double phase);
// Whether t lies in the cold window of the replica's cycle (always true with sample_low_only
// false).
bool takes_sample(const NoiseSchedule& schedule, double t_ms, double phase);
// The largest f inside the cold window: 1 + A (1 - cos(pi low_window)) / 2.
double cold_window_factor(const NoiseSchedule& schedule);

}  // namespace spikewafer::sampling
