// Whole-array steps of the time loop: compacting the step's spike flags into a list (each
// backend's own), and appending recorded spikes to the record buffer (Thrust, on every backend).
#pragma once

#include <thrust/copy.h>
#include <thrust/fill.h>

#include <cstdint>

#include "device_span.hpp"
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

}  // namespace spikewafer::kernels
