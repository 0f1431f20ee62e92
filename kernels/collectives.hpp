// Whole-array steps of the time loop: compacting the step's spike flags into a list (each
// backend's own), and appending recorded spikes to the record buffer (one launch, with a
// counter in device memory);
// and, between runs, the largest input waiting in the ring buffer and its conversion to another
// fixed-point scale (set_projection), on the device, so nothing is copied to the host.
#pragma once

#include <thrust/transform_reduce.h>

#include <cstdint>

#include "atomics.hpp"
#include "device_span.hpp"
#include "device_traffic.hpp"
#include "portability.hpp"
#include "spike_delivery.hpp"
#include "step_spikes.hpp"

namespace spikewafer::kernels {

// Indices of the set flags, in increasing order, into out.indices, and how many into out.count
// (device memory). Each backend has its own (a word-wise scan on the CPU, CUB's select on the
// GPU); the determinism tests pin that both give the ordered list.
template <class Backend>
void compact_spikes(DeviceSpan<uint8_t> spiked, StepSpikes out) {
  Backend::compact_flags(spiked.data(), spiked.size(), out);
}

// Appends each of the step's spikes of a recorded population to index[] and its step to steps[],
// at the next free place, which a counter in device memory hands out: the host neither waits
// for nor reads how many were appended (it reads the counter when it copies the records out).
// The order within a step depends on the threads; the Recorder sorts by (step, state index).
struct AppendRecorded {
  DeviceSpan<uint32_t> spikes;  // the step's spikes (state indices)
  IsRecorded recorded;
  uint32_t step = 0;
  DeviceSpan<uint32_t> index, steps;
  DeviceSpan<uint64_t> appended;  // one counter: records in index and steps so far

  SW_HOST_DEVICE void operator()(uint64_t s) const {
    const uint32_t state = spikes[s];
    if (!recorded(state)) return;
    const uint64_t at = atomic_fetch_add(&appended[0], uint64_t{1});
    index[at] = state;
    steps[at] = step;
  }

  // The same on one host thread, without atomics (the CPU's way: a step's list is short).
  void serially(uint64_t count) const {
    uint64_t at = appended[0];
    for (uint64_t s = 0; s < count; ++s) {
      if (!recorded(spikes[s])) continue;
      index[at] = spikes[s];
      steps[at++] = step;
    }
    appended[0] = at;
  }
};

struct Magnitude {
  SW_HOST_DEVICE int64_t operator()(int32_t units) const {
    return units < 0 ? -int64_t{units} : int64_t{units};
  }
};
struct Larger {
  SW_HOST_DEVICE int64_t operator()(int64_t a, int64_t b) const { return a < b ? b : a; }
};

// The largest |units| in `values`; 0 when it is empty.
template <class Backend>
int64_t largest_magnitude(DeviceSpan<int32_t> values) {
  TrafficCost::kernel();  // CUB's reduction: the pass over the values,
  TrafficCost::kernel();  // the pass over the blocks' results,
  TrafficCost::read_back();  // and its result read back
  return Backend::with_policy(values.size(), [&](auto policy) {
    return thrust::transform_reduce(policy, values.data(), values.data() + values.size(),
                                    Magnitude{}, int64_t{0}, Larger{});
  });
}

// values[i] times 2^shift: exact for shift >= 0 (the caller keeps the result in range), else
// rounded to the nearest integer, halves away from zero (as std::llround would).
struct RescaleUnits {
  DeviceSpan<int32_t> values;
  int shift = 0;

  SW_HOST_DEVICE void operator()(uint64_t i) const {
    const int64_t units = values[i];
    if (shift >= 0) {
      values[i] = static_cast<int32_t>(units * (int64_t{1} << shift));
      return;
    }
    const int64_t magnitude =
        ((units < 0 ? -units : units) + (int64_t{1} << (-shift - 1))) >> -shift;
    values[i] = static_cast<int32_t>(units < 0 ? -magnitude : magnitude);
  }
};

}  // namespace spikewafer::kernels
