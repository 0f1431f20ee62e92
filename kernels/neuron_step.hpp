// One time step of one neuron in one replica: membrane, synapses, threshold, refractory clamp,
// Poisson background, spike sources. The update math exists only here, for every backend.
//
// Within step n (from t = n dt to (n+1) dt):
//   1. the membrane advances with the synaptic state at the start of the step (or stays clamped
//      at v_reset while refractory);
//   2. synaptic variables decay and take the input that arrives at the end of the step
//      (ring-buffer slot n and Poisson background);
//   3. a neuron that was free and is at or above threshold spikes at t = (n+1) dt, is reset and
//      clamped for the next ref_steps steps, so it is refractory for exactly tau_refrac.
#pragma once

#include <cmath>
#include <cstdint>

#include "atomics.hpp"
#include "device_span.hpp"
#include "fixed_point.hpp"
#include "portability.hpp"
#include "random.hpp"
#include "step_constants.hpp"

namespace spikewafer::kernels {

// Ring buffer of synaptic input per (replica, delay slot, receptor, neuron), in fixed point.
SW_HOST_DEVICE inline uint64_t ring_index(uint32_t replica, uint32_t slot, uint32_t receptor,
                                          uint32_t neuron, uint32_t slots, uint32_t neurons) {
  return ((static_cast<uint64_t>(replica) * slots + slot) * 2 + receptor) * neurons + neuron;
}

// Spike outputs of a step: the list that is delivered, and the list that is recorded.
struct SpikeOutputs {
  DeviceSpan<uint32_t> step_spikes;    // state indices r * N + n of this step's spikes
  DeviceSpan<uint32_t> record_index;   // state indices of recorded spikes, all steps since flush
  DeviceSpan<uint32_t> record_step;
  DeviceSpan<uint32_t> counters;       // [0]: step spikes, [1]: recorded spikes

  SW_HOST_DEVICE void emit(uint64_t state_index, uint64_t step, bool record) const {
    const uint32_t slot = atomic_fetch_add(&counters[0], 1u);
    step_spikes[slot] = static_cast<uint32_t>(state_index);
    if (record) {
      const uint32_t r = atomic_fetch_add(&counters[1], 1u);
      if (r < record_index.size()) {  // the host flushes early enough; never drop silently
        record_index[r] = static_cast<uint32_t>(state_index);
        record_step[r] = static_cast<uint32_t>(step);
      }
    }
  }
};

struct NeuronStep {
  DeviceSpan<PopulationConstants> populations;
  DeviceSpan<ReplicaInputs> replica_inputs;  // [population * replicas + replica]
  DeviceSpan<uint8_t> population_of;         // per global neuron
  DeviceSpan<uint64_t> seeds;                // per replica
  DeviceSpan<float> i_dc;                    // per global neuron; empty without DC sources
  DeviceSpan<float> v, syn_e, syn_i;         // per state index r * N + n
  DeviceSpan<int32_t> refractory;            // steps of clamp left
  DeviceSpan<uint32_t> spike_count;          // spikes so far, per state index
  DeviceSpan<int64_t> ring;
  DeviceSpan<uint32_t> source_offsets;       // SpikeSourceArray lists (concatenated)
  DeviceSpan<uint32_t> source_steps;         // emission step of each listed spike, sorted
  DeviceSpan<uint32_t> source_cursor;        // per (replica, list): next entry to read
  SpikeOutputs out;
  uint32_t neurons = 0, replicas = 0, slots = 1, source_lists = 0;
  uint64_t step = 0;
  uint32_t read_slot = 0;  // step % slots, computed once on the host

  SW_HOST_DEVICE void operator()(uint64_t i) const {
    // A 64-bit division costs as much as the rest of the update; skip it for one replica.
    const uint32_t r = replicas == 1 ? 0u : static_cast<uint32_t>(i) / neurons;
    const uint32_t n = replicas == 1 ? static_cast<uint32_t>(i) : static_cast<uint32_t>(i) - r * neurons;
    const uint32_t p = population_of[n];
    const PopulationConstants& c = populations[p];
    bool spiked = false;
    switch (c.model) {
      case KernelModel::kSourceArray: spiked = array_source(c, r, n); break;
      case KernelModel::kSourcePoisson:
        spiked = philox_uniform4(seeds[r], n, step, Stream::kDynamics).u[2] < c.spike_prob;
        break;
      default: spiked = lif(c, replica_inputs[p * replicas + r], i, r, n); break;
    }
    if (spiked) {
      spike_count[i] += 1;
      out.emit(i, step, c.record_spikes != 0);
    }
  }

 private:
  SW_HOST_DEVICE bool lif(const PopulationConstants& c, const ReplicaInputs& in, uint64_t i,
                          uint32_t r, uint32_t n) const {
    float vm = v[i];
    float ge = syn_e[i];
    float gi = syn_i[i];
    const float current = in.i_offset + (i_dc.empty() ? 0.0f : i_dc[n]);
    const bool clamped = refractory[i] > 0;
    if (clamped) {
      refractory[i] -= 1;
      vm = c.v_reset;
    } else if (c.model == KernelModel::kCurrExp) {
      vm += c.em1_m * (vm - c.v_rest - c.r_m * current) + c.p21_e * ge + c.p21_i * gi;
    } else {
      const float ge_mean = ge * c.avg_e;
      const float gi_mean = gi * c.avg_i;
      const float g_total = c.g_leak + ge_mean + gi_mean;
      const float v_inf =
          (c.g_leak * c.v_rest + ge_mean * c.e_rev_e + gi_mean * c.e_rev_i + current) / g_total;
      vm = v_inf + (vm - v_inf) * expf(-g_total * c.dt_over_cm);
    }

    // Input arriving at the end of this step: delayed spikes and Poisson background.
    const uint64_t ie = ring_index(r, read_slot, 0, n, slots, neurons);
    const uint64_t ii = ie + neurons;
    float in_e = from_fixed(ring[ie]);
    float in_i = from_fixed(ring[ii]);
    ring[ie] = 0;
    ring[ii] = 0;
    if (in.lambda_e > 0.0f || in.lambda_i > 0.0f) {
      const Uniform4 u = philox_uniform4(seeds[r], n, step, Stream::kDynamics);
      in_e += in.weight_e * static_cast<float>(poisson_from_uniform(u.u[0], in.lambda_e, in.p0_e));
      in_i += in.weight_i * static_cast<float>(poisson_from_uniform(u.u[1], in.lambda_i, in.p0_i));
    }
    // Current-based inhibition is a negative current; conductances are positive.
    const float sign_i = c.model == KernelModel::kCurrExp ? -1.0f : 1.0f;
    syn_e[i] = ge * c.p_e + in_e;
    syn_i[i] = gi * c.p_i + sign_i * in_i;

    const bool spike = !clamped && vm >= c.v_thresh;
    if (spike) {
      vm = c.v_reset;
      refractory[i] = c.ref_steps;
    }
    v[i] = vm;
    return spike;
  }

  SW_HOST_DEVICE bool array_source(const PopulationConstants& c, uint32_t r, uint32_t n) const {
    const uint32_t list = c.source_base + (n - c.first);
    const uint32_t end = source_offsets[list + 1];
    uint32_t& cursor = source_cursor[static_cast<uint64_t>(r) * source_lists + list];
    bool spike = false;
    // Spikes listed for the same step collapse into one: a neuron emits at most one per step.
    while (cursor < end && source_steps[cursor] <= step) {
      spike = spike || source_steps[cursor] == step;
      ++cursor;
    }
    return spike;
  }
};

}  // namespace spikewafer::kernels
