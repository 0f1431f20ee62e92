// Delivery of one spike: walk its source's CSR row and add each weight into the target's ring
// buffer slot for the synapse's delay. Fixed-point input makes the sum exact and independent of
// the order; where threads share targets (the GPU) the adds are atomic, while the CPU splits
// the targets among its threads (PartitionedDelivery) and adds plainly.
#pragma once

#include <cstdint>

#include "atomics.hpp"
#include "device_span.hpp"
#include "fast_exp.hpp"
#include "fixed_point.hpp"
#include "portability.hpp"
#include "random.hpp"
#include "ring_buffer.hpp"
#include "synapse_packing.hpp"
#include "synapse_weights.hpp"

namespace spikewafer::kernels {

// Synapse dynamics that depend on the presynaptic spike train (network.hpp, SynapseDynamics),
// and the release of stochastic synapses (Projection::release_probability), which take the same
// (dynamic) delivery:
// per source neuron its kind, per spiking state index the time of its last spike and, for
// Tsodyks-Markram synapses, the resource x and utilisation u left by it.
//   renewing: each synapse's weight times 1 - exp(-d / tau_syn of its target receptor), which
//     tops the synaptic variable up to its single-spike peak;
//   Tsodyks-Markram: every weight of the spike times u x, after
//     x <- 1 + (x - u x - 1) exp(-d / tau_rec),  u <- U + u (1 - U) exp(-d / tau_fac);
//     a first spike has x = 1, u = U.
enum class PresynapticKind : uint8_t { kStatic = 0, kRenewing = 1, kTsodyksMarkram = 2 };

struct TsodyksMarkramParams {
  float U = 1.0f;
  float rec = 0.0f;  // -dt / tau_rec
  float fac = 0.0f;  // -dt / tau_fac (a very large negative number for tau_fac = 0)
};

// What one spike's presynaptic dynamics make of its row: every weight times `efficacy`
// (Tsodyks-Markram's u x, else 1) and, where `renews`, times the renewal since `since` steps.
struct SpikeEffect {
  float efficacy = 1.0f;
  uint32_t since = 0;  // steps since the neuron's previous spike, 0: none
  uint32_t renews = 0;
};

struct Presynaptic {
  DeviceSpan<uint8_t> kind;                // per global neuron (PresynapticKind)
  DeviceSpan<float> log_decay;             // per global neuron and receptor: -dt / tau_syn
  DeviceSpan<TsodyksMarkramParams> tm;     // per global neuron
  DeviceSpan<uint32_t> last_spike;         // per state index: step + 1 of its last spike, 0: never
  DeviceSpan<float> u, x;                  // per state index (Tsodyks-Markram only)
  uint32_t now = 0;                        // step + 1 of the spikes being delivered
  DeviceSpan<float> release;               // per synapse; empty: every spike reaches every one
  DeviceSpan<uint64_t> seeds;              // per replica (release draws only)

  SW_HOST_DEVICE static float renewal(float log_decay, uint32_t steps_since) {
    return steps_since == 0 ? 1.0f
                            : 1.0f - exp_portable(log_decay * static_cast<float>(steps_since));
  }

  // Advances the Tsodyks-Markram state of `state` to this spike; returns u x.
  SW_HOST_DEVICE float tsodyks_markram(uint32_t source, uint64_t state, uint32_t since) const {
    const TsodyksMarkramParams p = tm[source];
    float xs = 1.0f, us = p.U;
    if (since != 0) {
      const float h = static_cast<float>(since);
      xs = 1.0f + (x[state] - u[state] * x[state] - 1.0f) * exp_portable(p.rec * h);
      us = p.U + u[state] * (1.0f - p.U) * exp_portable(p.fac * h);
    }
    x[state] = xs;
    u[state] = us;
    return us * xs;
  }

  // Advances the presynaptic state of `state` (global neuron `source`) to its spike now; the
  // caller is the one thread that delivers this spike.
  SW_HOST_DEVICE SpikeEffect advance(uint32_t source, uint32_t state) const {
    SpikeEffect e;
    const auto k = static_cast<PresynapticKind>(kind[source]);
    const uint32_t last = last_spike[state];
    e.since = last == 0 ? 0 : now - last;
    if (k != PresynapticKind::kStatic) last_spike[state] = now;
    e.renews = k == PresynapticKind::kRenewing;
    if (k == PresynapticKind::kTsodyksMarkram) e.efficacy = tsodyks_markram(source, state, e.since);
    return e;
  }
};

// Whether one spike of replica r reaches each synapse it walks: a draw keyed by replica seed,
// synapse and step, so that neither threads nor backend change which spikes get through. Synapse
// k takes lane k % 4 of the Philox call for block k / 4, so a walk along a row pays one call per
// four synapses, whoever walks which part of it.
struct ReleaseDraws {
  const Presynaptic& pre;
  uint32_t r;
  uint64_t block = ~uint64_t{0};
  Uniform4 u{};

  // 1 where the spike reaches synapse k, else 0 (a factor, not a branch: at p = 0.5 a branch
  // on a coin flip per synapse is mispredicted every other time).
  SW_HOST_DEVICE float operator()(uint64_t k) {
    if (pre.release.size() == 0) return 1.0f;
    const float p = pre.release[k];
    if (p >= 1.0f) return 1.0f;
    if ((k >> 2) != block) {
      block = k >> 2;
      u = philox_uniform4(pre.seeds[r], static_cast<uint32_t>(block), pre.now, Stream::kRelease,
                          static_cast<uint32_t>(block >> 32));
    }
    return u.u[k & 3] < p ? 1.0f : 0.0f;
  }
};

// Advances the presynaptic state of each of the step's spikes and keeps its effect, for a
// delivery in which several threads share a spike (PartitionedDelivery).
struct AdvancePresynaptic {
  DeviceSpan<uint32_t> step_spikes;
  Presynaptic pre;
  uint32_t neurons = 0;
  DeviceSpan<SpikeEffect> effects;  // per spike of the step

  SW_HOST_DEVICE void operator()(uint64_t s) const {
    const uint32_t state = step_spikes[s];
    effects[s] = pre.advance(state % neurons, state);
  }
};

// kAtomic is false where no two threads add to one ring entry (one thread delivers the step, or
// PartitionedDelivery splits the targets among the threads); kDynamic is
// true when any projection is not static (renewing or Tsodyks-Markram); Weights is FloatWeights
// or CodedWeights (synapse_weights.hpp). Each spike is delivered by `lanes` consecutive items
// (launch spikes * lanes), lane j taking synapses j, j + lanes, ... of the row: a GPU warp then
// shares one row and reads it coalesced, where one thread per spike would walk a thousand
// synapses alone. With kDynamic a spike's presynaptic state is advanced by the one thread that
// delivers it, so lanes must be 1 there (SharedRowDelivery shares rows with dynamic synapses).
template <bool kAtomic, bool kDynamic, class Weights>
struct SpikeDelivery {
  DeviceSpan<uint32_t> step_spikes;   // state indices r * N + n
  DeviceSpan<uint64_t> row_ptr;
  DeviceSpan<uint32_t> target_delay;
  Weights weight;                     // signed: negative is the inhibitory receptor
  DeviceSpan<float> weight_scale;     // per replica
  RingBuffer ring;
  Presynaptic pre;  // used only when kDynamic
  uint32_t lanes = 1;

  SW_HOST_DEVICE void operator()(uint64_t item) const {
    const uint64_t s = item / lanes;
    const uint32_t lane = static_cast<uint32_t>(item - s * lanes);
    const uint32_t state = step_spikes[s];
    const uint32_t r = state / ring.neurons;
    const uint32_t source = state - r * ring.neurons;
    const SpikeEffect e = kDynamic ? pre.advance(source, state) : SpikeEffect{};
    add(r, e, row_ptr[source] + lane, row_ptr[source + 1], lanes);
  }

  // Adds synapses first, first + stride, ... (below end) of a spike of replica r.
  SW_HOST_DEVICE void add(uint32_t r, SpikeEffect e, uint64_t first, uint64_t end,
                          uint32_t stride) const {
    const float scale = weight_scale[r] * e.efficacy;
    ReleaseDraws released{pre, r};
    for (uint64_t k = first; k < end; k += stride) {
      float gate = 1.0f;
      if constexpr (kDynamic) {
        gate = released(k);
        if (kAtomic && gate == 0.0f) continue;  // an atomic add of nothing still costs
      }
      const uint32_t packed = target_delay[k];
      float w = weight[k] * scale;
      if constexpr (kDynamic) w *= gate;
      const uint32_t receptor = w < 0.0f ? 1 : 0;
      const uint32_t target = unpack_target(packed);
      if (kDynamic && e.renews)
        w *= Presynaptic::renewal(pre.log_decay[2 * uint64_t{target} + receptor], e.since);
      const uint64_t at = ring.index(r, ring.slot_after(unpack_delay(packed)), receptor, target);
      const int32_t amount = to_fixed(w < 0.0f ? -w : w, ring.scale);
      if (kAtomic)
        atomic_fetch_add(&ring.input[at], amount);
      else
        ring.input[at] += amount;
    }
  }
};

// The GPU's delivery with dynamic synapses (renewing, Tsodyks-Markram, stochastic), `lanes`
// items per spike as in SpikeDelivery: AdvancePresynaptic has run first and left each spike's
// effect, so the lanes that share a row only read it.
template <class Weights>
struct SharedRowDelivery {
  SpikeDelivery<true, true, Weights> spikes;  // its lanes: items per spike
  DeviceSpan<SpikeEffect> effects;            // per spike

  SW_HOST_DEVICE void operator()(uint64_t item) const {
    const uint32_t lanes = spikes.lanes;
    const uint64_t s = item / lanes;
    const uint32_t lane = static_cast<uint32_t>(item - s * lanes);
    const uint32_t state = spikes.step_spikes[s];
    const uint32_t r = state / spikes.ring.neurons;
    const uint32_t source = state - r * spikes.ring.neurons;
    spikes.add(r, effects[s], spikes.row_ptr[source] + lane, spikes.row_ptr[source + 1], lanes);
  }
};

// The CPU's parallel delivery, without atomics: the target neurons are split into `parts` equal
// ranges, and part p walks every spike's row but adds only its synapses onto range p, found by
// binary search (a row is sorted by target). Every ring entry is then written by one thread, so
// plain adds do, and a row's loads are not held up behind atomic adds (a locked add orders the
// loads after it). With kDynamic, AdvancePresynaptic has run first and left `effects`.
template <class Weights, bool kDynamic>
struct PartitionedDelivery {
  SpikeDelivery<false, kDynamic, Weights> spikes;
  DeviceSpan<SpikeEffect> effects;  // per spike, kDynamic only
  uint32_t count = 0;               // spikes in spikes.step_spikes
  uint32_t parts = 1;

  SW_HOST_DEVICE void operator()(uint64_t p) const {
    const uint64_t neurons = spikes.ring.neurons;
    const auto lo = static_cast<uint32_t>(neurons * p / parts);
    const auto hi = static_cast<uint32_t>(neurons * (p + 1) / parts);
    for (uint32_t s = 0; s < count; ++s) {
      const uint32_t state = spikes.step_spikes[s];
      const uint32_t r = state / spikes.ring.neurons;
      const uint32_t source = state - r * spikes.ring.neurons;
      const uint64_t first = first_onto(spikes.row_ptr[source], spikes.row_ptr[source + 1], lo);
      const uint64_t end = first_onto(first, spikes.row_ptr[source + 1], hi);
      spikes.add(r, kDynamic ? effects[s] : SpikeEffect{}, first, end, 1);
    }
  }

  // The first synapse in [begin, end) whose target is at least `target`.
  SW_HOST_DEVICE uint64_t first_onto(uint64_t begin, uint64_t end, uint32_t target) const {
    while (begin < end) {
      const uint64_t middle = begin + (end - begin) / 2;
      if (unpack_target(spikes.target_delay[middle]) < target)
        begin = middle + 1;
      else
        end = middle;
    }
    return begin;
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
