// Synaptic input is summed in 32-bit fixed point. Integer addition is associative, so the sum of
// the spikes arriving at a neuron is the same bit for bit whatever order threads deliver them in:
// results do not depend on thread count or backend. The scale (a power of two, units per uS or
// nA) is chosen on the host for each network so that the largest possible sum into one neuron
// cannot overflow (host/engine/input_scale.cpp); 32 bits also let the CPU vectorise the
// conversion, which 64 bits do not.
#pragma once

#include <cstdint>

#include "portability.hpp"

namespace spikewafer::kernels {

SW_HOST_DEVICE inline int32_t to_fixed(float magnitude, float scale) {
  return static_cast<int32_t>(magnitude * scale);
}
SW_HOST_DEVICE SW_FORCE_INLINE float from_fixed(int32_t value, float inverse_scale) {
  return static_cast<float>(value) * inverse_scale;
}

}  // namespace spikewafer::kernels
