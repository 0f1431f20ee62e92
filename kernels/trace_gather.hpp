// Copies the recorded variables of chosen neurons into one row of a sample buffer.
#pragma once

#include <cstdint>

#include "device_span.hpp"
#include "portability.hpp"

namespace spikewafer::kernels {

// The state variables a trace can record, by their code: 0 v, 1 syn_e, 2 syn_i, 3 w (AdEx's
// adaptation current; empty without AdEx neurons).
struct TracedVariables {
  DeviceSpan<float> v, syn_e, syn_i, w;
};

struct TraceGather {
  DeviceSpan<uint32_t> state_index;
  DeviceSpan<uint8_t> variable;  // codes as in TracedVariables
  TracedVariables from;
  DeviceSpan<float> samples;
  uint64_t row_start = 0;

  SW_HOST_DEVICE void operator()(uint64_t k) const {
    const uint32_t at = state_index[k];
    const uint8_t which = variable[k];
    samples[row_start + k] = which == 0   ? from.v[at]
                             : which == 1 ? from.syn_e[at]
                             : which == 2 ? from.syn_i[at]
                                          : from.w[at];
  }
};

}  // namespace spikewafer::kernels
