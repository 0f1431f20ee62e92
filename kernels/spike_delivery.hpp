// Delivery of one spike: walk its source's CSR row and add each weight into the target's ring
// buffer slot for the synapse's delay. Threads race on targets; fixed-point atomics make the
// sum exact and order-independent.
#pragma once

#include <cstdint>

#include "atomics.hpp"
#include "device_span.hpp"
#include "fast_exp.hpp"
#include "fixed_point.hpp"
#include "portability.hpp"
#include "ring_buffer.hpp"
#include "synapse_packing.hpp"

namespace spikewafer::kernels {

// Renewing synapses (network.hpp, SynapseDynamics): a spike adds w (1 - exp(-dt_since / tau_syn))
// instead of w, which tops the synaptic variable up to its single-spike peak. Only sources whose
// projections renew keep the time of their last spike.
struct Renewal {
  DeviceSpan<uint8_t> renews;        // per global neuron: its outgoing synapses renew
  DeviceSpan<float> log_decay;       // per global neuron and receptor: -dt / tau_syn
  DeviceSpan<uint32_t> last_spike;   // per state index: step + 1 of its last spike, 0 for never
  uint32_t now = 0;                  // step + 1 of the spikes being delivered

  // The factor for this spike's synapses onto `target`'s `receptor`; steps_since is 0 for a
  // first spike, which renews fully.
  SW_HOST_DEVICE static float factor(float log_decay, uint32_t steps_since) {
    return steps_since == 0 ? 1.0f
                            : 1.0f - exp_portable(log_decay * static_cast<float>(steps_since));
  }
};

// kAtomic is false only where one thread delivers all spikes (the serial CPU path); kRenewing
// is true when any projection renews.
template <bool kAtomic, bool kRenewing = false>
struct SpikeDelivery {
  DeviceSpan<uint32_t> step_spikes;   // state indices r * N + n
  DeviceSpan<uint64_t> row_ptr;
  DeviceSpan<uint32_t> target_delay;
  DeviceSpan<float> weight;           // signed: negative is the inhibitory receptor
  DeviceSpan<float> weight_scale;     // per replica
  RingBuffer ring;
  Renewal renewal;  // used only when kRenewing

  SW_HOST_DEVICE void operator()(uint64_t s) const {
    const uint32_t state = step_spikes[s];
    const uint32_t r = state / ring.neurons;
    const uint32_t source = state - r * ring.neurons;
    const float scale = weight_scale[r];
    bool renews = false;
    uint32_t since = 0;
    if (kRenewing) {
      renews = renewal.renews[source] != 0;
      const uint32_t last = renewal.last_spike[state];
      since = last == 0 ? 0 : renewal.now - last;
      if (renews) renewal.last_spike[state] = renewal.now;  // this thread owns `state`
    }
    for (uint64_t k = row_ptr[source]; k < row_ptr[source + 1]; ++k) {
      const uint32_t packed = target_delay[k];
      float w = weight[k] * scale;
      const uint32_t receptor = w < 0.0f ? 1 : 0;
      const uint32_t target = unpack_target(packed);
      if (kRenewing && renews)
        w *= Renewal::factor(renewal.log_decay[2 * uint64_t{target} + receptor], since);
      const uint64_t at = ring.index(r, ring.slot_after(unpack_delay(packed)), receptor, target);
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
