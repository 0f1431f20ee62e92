// A SpikeSourcePoisson with a dead time or a gamma shape, on the time grid: after each spike
// the source is silent for `dead_steps` steps; then stage events arrive as a Poisson process,
// `stage_mean` per step, and the `shape`-th completes the interval with a spike. Validation
// and the engine's constants both take their numbers from here.
#pragma once

#include <cmath>
#include <cstdint>

namespace spikewafer {

struct RenewalSteps {
  int32_t dead_steps = 0;
  // The chance of a spike per live step for shape 1; below 1 for the rate to be reachable.
  double spike_prob = 0;
  double stage_mean = 0;  // stage events per step
};

// The mean interval is 1 / rate exactly for shape 1 (dead_steps + 1 / spike_prob steps), and
// within a fraction of a step for larger shapes: their stages, -shape ln(1 - p) per step, add
// up to shape in 1 / -ln(1 - p) = 1 / p - 1/2 steps, and the step that completes them half a
// step more on average.
inline RenewalSteps renewal_steps(double rate_hz, double dead_time_ms, double shape, double dt_ms) {
  RenewalSteps r;
  r.dead_steps = static_cast<int32_t>(std::lround(dead_time_ms / dt_ms));
  const double per_step = rate_hz * dt_ms * 1e-3;
  r.spike_prob = per_step / (1 - per_step * r.dead_steps);
  r.stage_mean = r.spike_prob < 1 ? -shape * std::log1p(-r.spike_prob) : INFINITY;
  return r;
}

inline bool is_renewal_source(double dead_time_ms, double shape) {
  return dead_time_ms != 0 || shape != 1;
}

}  // namespace spikewafer
