// Spike-timing-dependent plasticity of one projection (network.hpp, Stdp): per replica a weight
// per synapse, a presynaptic trace per source neuron and a postsynaptic trace per target neuron.
// Per step the traces decay (StdpDecay, over the neurons), then two launches over the step's
// spikes, one item per spike:
//   StdpPresynaptic: a source's spike depresses each synapse of its row by the target's trace
//     (its value before this step's postsynaptic spikes), adds the new weight into the ring
//     buffer, then raises the source's trace;
//   StdpPostsynaptic: a target's spike potentiates each synapse onto it by the source's trace
//     (which includes this step's presynaptic spikes: a pair within one step potentiates), then
//     raises the target's trace.
// A synapse belongs to one source row and one target column, and a neuron spikes at most once a
// step, so every weight and trace is written by one item: the result does not depend on the
// order or the thread count. Ring adds are atomic where items run in parallel.
#pragma once

#include <cstdint>

#include "atomics.hpp"
#include "device_span.hpp"
#include "fixed_point.hpp"
#include "portability.hpp"
#include "ring_buffer.hpp"
#include "synapse_packing.hpp"

namespace spikewafer::kernels {

// One projection's rule in steps.
struct StdpRule {
  float a_plus = 0.0f, a_minus = 0.0f;
  float w_min = 0.0f, w_max = 1.0f;
  uint32_t multiplicative = 0;  // else additive
  uint32_t nearest = 0;         // else all-to-all
  uint32_t receptor = 0;        // 0 excitatory, 1 inhibitory

  SW_HOST_DEVICE float potentiate(float w, float x) const {
    const float room = multiplicative ? w_max - w : w_max;
    const float next = w + a_plus * room * x;
    return next > w_max ? w_max : next;
  }
  SW_HOST_DEVICE float depress(float w, float y) const {
    const float room = multiplicative ? w - w_min : w_max;
    const float next = w - a_minus * room * y;
    return next < w_min ? w_min : next;
  }
};

// Traces of one side of a projection, per (replica, neuron of that side's population), decayed
// once per step for all neurons (StdpDecay) before the step's spikes are processed: a multiply
// per neuron and step is cheaper than an exp per synapse and event.
struct SpikeTrace {
  DeviceSpan<float> value;

  SW_HOST_DEVICE float at(uint64_t i) const { return value[i]; }
  // The neuron spikes now: its trace goes up by 1, or to 1 for nearest-spike pairing.
  SW_HOST_DEVICE void raise(uint64_t i, uint32_t nearest) const {
    value[i] = nearest ? 1.0f : value[i] + 1.0f;
  }
};

// One step's decay of a side's traces: x <- x exp(-dt / tau).
struct StdpDecay {
  DeviceSpan<float> value;
  float factor = 1.0f;

  SW_HOST_DEVICE void operator()(uint64_t i) const { value[i] *= factor; }
};

// Where a projection's neurons and weights are: the source and target populations as ranges of
// global neurons, the weights replica-major (`synapses` per replica).
struct StdpProjection {
  uint32_t source_first = 0, source_size = 0;
  uint32_t target_first = 0, target_size = 0;
  DeviceSpan<float> weight;
  uint64_t synapses = 0;
  StdpRule rule;
  SpikeTrace pre, post;
  uint32_t neurons = 0;  // global neuron count: a state index is replica * neurons + neuron
};

template <bool kAtomic>
struct StdpPresynaptic {
  DeviceSpan<uint32_t> step_spikes;
  StdpProjection p;
  DeviceSpan<uint64_t> row_ptr;        // per source neuron (local): its synapses, which are
                                       // also its range of a replica's weights
  DeviceSpan<uint32_t> target_delay;   // pack_target_delay(global target, delay steps)
  DeviceSpan<float> weight_scale;      // per replica
  RingBuffer ring;

  SW_HOST_DEVICE void operator()(uint64_t s) const {
    const uint32_t state = step_spikes[s];
    const uint32_t r = state / p.neurons;
    const uint32_t source = state - r * p.neurons - p.source_first;
    if (source >= p.source_size) return;  // (unsigned: also below the range)
    const uint64_t base = uint64_t{r} * p.synapses;
    const uint64_t post_base = uint64_t{r} * p.target_size;
    const float scale = weight_scale[r];
    for (uint64_t k = row_ptr[source]; k < row_ptr[source + 1]; ++k) {
      const uint32_t packed = target_delay[k];
      const uint32_t target = unpack_target(packed);
      const float w = p.rule.depress(p.weight[base + k], p.post.at(post_base + target - p.target_first));
      p.weight[base + k] = w;
      const uint64_t at = ring.index(r, ring.slot_after(unpack_delay(packed)), p.rule.receptor, target);
      const int32_t amount = to_fixed(w * scale, ring.scale);
      if (kAtomic)
        atomic_fetch_add(&ring.input[at], amount);
      else
        ring.input[at] += amount;
    }
    p.pre.raise(uint64_t{r} * p.source_size + source, p.rule.nearest);
  }
};

struct StdpPostsynaptic {
  DeviceSpan<uint32_t> step_spikes;
  StdpProjection p;
  DeviceSpan<uint64_t> col_ptr;       // per target neuron (local), into the next two
  DeviceSpan<uint32_t> col_synapse;   // the synapse's place in a replica's weights
  DeviceSpan<uint32_t> col_source;    // its source neuron (local)

  SW_HOST_DEVICE void operator()(uint64_t s) const {
    const uint32_t state = step_spikes[s];
    const uint32_t r = state / p.neurons;
    const uint32_t target = state - r * p.neurons - p.target_first;
    if (target >= p.target_size) return;
    const uint64_t base = uint64_t{r} * p.synapses;
    const uint64_t pre_base = uint64_t{r} * p.source_size;
    for (uint64_t c = col_ptr[target]; c < col_ptr[target + 1]; ++c) {
      const uint64_t k = base + col_synapse[c];
      p.weight[k] = p.rule.potentiate(p.weight[k], p.pre.at(pre_base + col_source[c]));
    }
    p.post.raise(uint64_t{r} * p.target_size + target, p.rule.nearest);
  }
};

}  // namespace spikewafer::kernels
