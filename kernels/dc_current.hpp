// Current sources on the device: a constant, a sine wave or noise, on during steps [on, off),
// evaluated where the step runs instead of on the host and copied over at every change (a
// noisy source would otherwise cost an allocation and a copy per step). The host evaluates the
// same function to report what a source gave (Simulator::injected_current).
#pragma once

#include <cmath>
#include <cstdint>

#include "device_span.hpp"
#include "portability.hpp"
#include "random.hpp"

namespace spikewafer::kernels {

struct DcEventParams {
  uint64_t on = 0, off = 0;
  float amplitude = 0;
  double omega_dt = 0, phase = 0, offset = 0;  // sine: radians per step, radians, nA
  double stdev = 0;                            // noise: nA
  uint64_t noise_steps = 1;                    // steps between noise draws
  uint64_t seed = 0;                           // noise: the draws' key
  uint32_t substream = 0;                      // noise: sets apart sources of one key
};

// What the source adds to global neuron n during `step` (nA); `noise_replica` is the replica
// whose draws replica r shares (itself, or the first replica with its seed).
SW_HOST_DEVICE inline float dc_event_value(const DcEventParams& e, uint32_t n,
                                           uint32_t noise_replica, uint64_t step) {
  constexpr double kTwoPi = 6.28318530717958647692;
  if (step < e.on || step >= e.off) return 0.0f;
  if (e.omega_dt != 0)
    return static_cast<float>(e.offset +
                              e.amplitude * ::sin(e.omega_dt * static_cast<double>(step) + e.phase));
  if (e.stdev == 0) return e.amplitude;
  // One draw per neuron, noise interval and replica, keyed like all randomness (seed, neuron,
  // when, which source); the replica in the draw count's upper half, so that replica 0 (and a
  // single replica) draws as before replicas drew apart.
  const uint64_t draw = (step - e.on) / e.noise_steps;
  const uint64_t when = uint64_t{noise_replica} << 32 | draw;
  const Uniform4 u = philox_uniform4(e.seed, n, when, Stream::kCurrentNoise, e.substream);
  const double gauss = ::sqrt(-2.0 * ::log(1.0 - u.u[0])) * ::cos(kTwoPi * u.u[1]);
  return static_cast<float>(e.amplitude + e.stdev * gauss);
}

// The current of every neuron that a source reaches, in every copy (one per replica where
// replicas differ, else one): its constant part plus its sources', added in the sources' order.
// Launched over copies x such neurons on the steps where a source changes.
struct DcCurrentsStep {
  DeviceSpan<uint32_t> neurons;      // the global neurons that sources reach
  DeviceSpan<uint32_t> row_ptr;      // per such neuron, its sources in event_of
  DeviceSpan<uint32_t> event_of;
  DeviceSpan<DcEventParams> events;
  DeviceSpan<uint32_t> noise_replica;  // per copy
  DeviceSpan<float> base;            // the constant part, copy-major like out
  DeviceSpan<float> out;
  uint64_t stride = 0;               // where copy c starts: c * stride
  uint64_t step = 0;

  SW_HOST_DEVICE void operator()(uint32_t c, uint32_t j) const {
    const uint32_t n = neurons[j];
    const uint64_t at = c * stride + n;
    float current = base[at];
    for (uint32_t k = row_ptr[j]; k < row_ptr[j + 1]; ++k)
      current += dc_event_value(events[event_of[k]], n, noise_replica[c], step);
    out[at] = current;
  }
};

}  // namespace spikewafer::kernels
