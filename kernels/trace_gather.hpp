// Copies the recorded variables of chosen neurons into one row of a sample buffer.
#pragma once

#include <cstdint>

#include "device_span.hpp"
#include "portability.hpp"

namespace spikewafer::kernels {

struct TraceGather {
  DeviceSpan<uint32_t> state_index;
  DeviceSpan<uint8_t> variable;   // 0: v, 1: syn_e, 2: syn_i
  DeviceSpan<float> v, syn_e, syn_i;
  DeviceSpan<float> samples;
  uint64_t row_start = 0;

  SW_HOST_DEVICE void operator()(uint64_t k) const {
    const uint32_t at = state_index[k];
    const uint8_t which = variable[k];
    samples[row_start + k] = which == 0 ? v[at] : (which == 1 ? syn_e[at] : syn_i[at]);
  }
};

}  // namespace spikewafer::kernels
