// Synaptic input is summed in 64-bit fixed point. Integer addition is associative, so the sum of
// the spikes arriving at a neuron is the same bit for bit whatever order threads deliver them in:
// results do not depend on thread count or backend. 2^-32 of a unit (uS or nA) is far below the
// float precision of any weight, and 2^31 units of headroom cannot overflow.
#pragma once

#include <cstdint>

#include "portability.hpp"

namespace spikewafer::kernels {

constexpr float kFixedOne = 4294967296.0f;  // 2^32: one unit of weight

SW_HOST_DEVICE inline int64_t to_fixed(float magnitude) {
  return static_cast<int64_t>(magnitude * kFixedOne);
}
SW_HOST_DEVICE inline float from_fixed(int64_t value) {
  return static_cast<float>(static_cast<double>(value) * (1.0 / 4294967296.0));
}

}  // namespace spikewafer::kernels
