#include "sampling/noise_schedule.hpp"

#include <cmath>

namespace spikewafer::sampling {
namespace {

constexpr double kTwoPi = 6.283185307179586;

// The cycle position 2 pi t / period + phi, reduced to [0, 2 pi).
double cycle_angle(const NoiseSchedule& s, double t_ms, double phase) {
  const double angle = std::fmod(kTwoPi * t_ms / s.period + phase, kTwoPi);
  return angle < 0 ? angle + kTwoPi : angle;
}

}  // namespace

double replica_phase(const NoiseSchedule& s, uint32_t replica, uint32_t replicas) {
  if (s.phase) return *s.phase;
  return replicas ? kTwoPi * replica / replicas : 0.0;
}

double rate_factor(const NoiseSchedule& s, double t_ms, double phase) {
  return 1.0 + s.amplitude * (1.0 - std::cos(cycle_angle(s, t_ms, phase))) / 2.0;
}

bool takes_sample(const NoiseSchedule& s, double t_ms, double phase) {
  if (!s.sample_low_only) return true;
  // The cold window is centred on angle 0 (f = 1): within half a window either side.
  const double half = kTwoPi * s.low_window / 2.0;
  const double angle = cycle_angle(s, t_ms, phase);
  return angle <= half || angle >= kTwoPi - half;
}

double cold_window_factor(const NoiseSchedule& s) {
  return 1.0 + s.amplitude * (1.0 - std::cos(kTwoPi * s.low_window / 2.0)) / 2.0;
}

}  // namespace spikewafer::sampling
