// Delivery of one spike: walk its source's CSR row and add each weight into the target's ring
// buffer slot for the synapse's delay. Threads race on targets; fixed-point atomics make the
// sum exact and order-independent.
#pragma once

#include <cstdint>

#include "atomics.hpp"
#include "device_span.hpp"
#include "fixed_point.hpp"
#include "neuron_step.hpp"
#include "portability.hpp"
#include "synapse_packing.hpp"

namespace spikewafer::kernels {

struct SpikeDelivery {
  DeviceSpan<uint32_t> step_spikes;   // state indices r * N + n
  DeviceSpan<uint64_t> row_ptr;
  DeviceSpan<uint32_t> target_delay;
  DeviceSpan<float> weight;           // signed: negative is the inhibitory receptor
  DeviceSpan<float> weight_scale;     // per replica
  DeviceSpan<int64_t> ring;
  uint32_t neurons = 0, slots = 1;
  uint32_t read_slot = 0;  // the slot the neurons read this step: step % slots

  SW_HOST_DEVICE void operator()(uint64_t s) const {
    const uint32_t state = step_spikes[s];
    const uint32_t r = state / neurons;
    const uint32_t source = state - r * neurons;
    const float scale = weight_scale[r];
    for (uint64_t k = row_ptr[source]; k < row_ptr[source + 1]; ++k) {
      const uint32_t packed = target_delay[k];
      const float w = weight[k] * scale;
      const uint32_t receptor = w < 0.0f ? 1 : 0;
      // Delays are 1 .. slots steps, so one subtraction wraps the ring (no division).
      uint32_t slot = read_slot + unpack_delay(packed);
      if (slot >= slots) slot -= slots;
      const uint64_t at = ring_index(r, slot, receptor, unpack_target(packed), slots, neurons);
      atomic_fetch_add(&ring[at], to_fixed(w < 0.0f ? -w : w));
    }
  }
};

}  // namespace spikewafer::kernels
