// Delivery of one spike: walk its source's CSR row and add each weight into the target's ring
// buffer slot for the synapse's delay. Threads race on targets; fixed-point atomics make the
// sum exact and order-independent.
#pragma once

#include <cstdint>

#include "atomics.hpp"
#include "device_span.hpp"
#include "fixed_point.hpp"
#include "portability.hpp"
#include "ring_buffer.hpp"
#include "synapse_packing.hpp"

namespace spikewafer::kernels {

// kAtomic is false only where one thread delivers all spikes (the serial CPU path).
template <bool kAtomic>
struct SpikeDelivery {
  DeviceSpan<uint32_t> step_spikes;   // state indices r * N + n
  DeviceSpan<uint64_t> row_ptr;
  DeviceSpan<uint32_t> target_delay;
  DeviceSpan<float> weight;           // signed: negative is the inhibitory receptor
  DeviceSpan<float> weight_scale;     // per replica
  RingBuffer ring;

  SW_HOST_DEVICE void operator()(uint64_t s) const {
    const uint32_t state = step_spikes[s];
    const uint32_t r = state / ring.neurons;
    const uint32_t source = state - r * ring.neurons;
    const float scale = weight_scale[r];
    for (uint64_t k = row_ptr[source]; k < row_ptr[source + 1]; ++k) {
      const uint32_t packed = target_delay[k];
      const float w = weight[k] * scale;
      const uint32_t receptor = w < 0.0f ? 1 : 0;
      const uint64_t at =
          ring.index(r, ring.slot_after(unpack_delay(packed)), receptor, unpack_target(packed));
      const int32_t amount = to_fixed(w < 0.0f ? -w : w, ring.scale);
      if (kAtomic)
        atomic_fetch_add(&ring.input[at], amount);
      else
        ring.input[at] += amount;
    }
  }
};

// Whether a state index belongs to a population whose spikes are recorded.
struct IsRecorded {
  DeviceSpan<uint8_t> population_of;   // per global neuron
  DeviceSpan<uint8_t> recorded;        // per population
  uint32_t neurons = 0;

  SW_HOST_DEVICE bool operator()(uint32_t state) const {
    return recorded[population_of[state % neurons]] != 0;
  }
};

}  // namespace spikewafer::kernels
