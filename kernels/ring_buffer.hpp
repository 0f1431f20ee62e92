// Synaptic input waiting to arrive, per (replica, delay slot, receptor, neuron), in fixed point
// (fixed_point.hpp) with `scale` units per uS or nA. Slot `read_slot` = step % slots is read and cleared by the neuron update;
// a spike with delay d is added to slot (read_slot + d) % slots, with 1 <= d <= slots.
#pragma once

#include <cstdint>

#include "device_span.hpp"
#include "portability.hpp"

namespace spikewafer::kernels {

struct RingBuffer {
  DeviceSpan<int32_t> input;
  float scale = 1.0f, inverse_scale = 1.0f;
  uint32_t neurons = 0;
  uint32_t slots = 1;
  uint32_t read_slot = 0;

  // 64-bit throughout: the neuron update's addresses must stay affine in the neuron index.
  SW_HOST_DEVICE SW_FORCE_INLINE uint64_t index(uint32_t replica, uint32_t slot, uint32_t receptor,
                                uint64_t neuron) const {
    return ((static_cast<uint64_t>(replica) * slots + slot) * 2 + receptor) * neurons + neuron;
  }
  // The slot that input with this delay (in steps) goes to; one subtraction, no division.
  SW_HOST_DEVICE uint32_t slot_after(uint32_t delay) const {
    const uint32_t slot = read_slot + delay;
    return slot >= slots ? slot - slots : slot;
  }
};

}  // namespace spikewafer::kernels
