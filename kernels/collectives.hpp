// Whole-array steps of the time loop: compacting the step's spike flags into a list (each
// backend's own), and appending recorded spikes to the record buffer (a loop on the CPU, Thrust
// on the GPU);
// and, between runs, the largest input waiting in the ring buffer and its conversion to another
// fixed-point scale (set_projection), on the device, so nothing is copied to the host.
#pragma once

#include <thrust/copy.h>
#include <thrust/fill.h>
#include <thrust/transform_reduce.h>

#include <algorithm>
#include <cstdint>

#include "device_span.hpp"
#include "device_traffic.hpp"
#include "portability.hpp"
#include "spike_delivery.hpp"

namespace spikewafer::kernels {

// Indices of the set flags, in increasing order, into `out`; returns how many. Each backend has
// its own (a word-wise scan on the CPU, thrust::copy_if on the GPU); the determinism tests pin
// that both give the ordered list.
template <class Backend>
uint32_t compact_spikes(DeviceSpan<uint8_t> spiked, DeviceSpan<uint32_t> out) {
  return Backend::compact_flags(spiked.data(), spiked.size(), out.data());
}

// Appends the spikes of recorded populations to index[at...] and their step to step[at...];
// returns how many were appended.
template <class Backend>
uint32_t append_recorded(DeviceSpan<uint32_t> spikes, uint32_t count, const IsRecorded& recorded,
                         uint64_t step, DeviceSpan<uint32_t> index, DeviceSpan<uint32_t> steps,
                         uint64_t at) {
  TrafficCost::compaction();          // copy_if, its count read back,
  TrafficCost::synchronous_kernel();  // and the fill of the steps
  if constexpr (Backend::kOnHost) {
    // A loop, not thrust::copy_if: under OpenMP that runs Thrust's generic scan, which binds a
    // reference to a null execution policy (undefined behaviour that UBSan stops at), and a
    // step's spike list is short.
    uint32_t* out = index.data() + at;
    uint32_t appended = 0;
    for (uint32_t k = 0; k < count; ++k)
      if (recorded(spikes[k])) out[appended++] = spikes[k];
    std::fill(steps.data() + at, steps.data() + at + appended, static_cast<uint32_t>(step));
    return appended;
  } else {
    return Backend::with_policy(count, [&](auto policy) {
      uint32_t* begin = index.data() + at;
      const uint32_t* end = thrust::copy_if(policy, spikes.data(), spikes.data() + count, begin,
                                            recorded);
      const auto appended = static_cast<uint32_t>(end - begin);
      thrust::fill(policy, steps.data() + at, steps.data() + at + appended,
                   static_cast<uint32_t>(step));
      return appended;
    });
  }
}

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
