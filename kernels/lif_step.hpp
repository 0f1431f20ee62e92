// One time step of one LIF neuron in one replica: membrane, synapses, threshold, refractory
// clamp, Poisson background. The update math exists only here, for every backend.
//
// Within step n (from t = n dt to (n+1) dt):
//   1. the membrane advances with the synaptic state at the start of the step (or stays clamped
//      at v_reset while refractory);
//   2. synaptic variables decay and take the input that arrives at the end of the step
//      (ring-buffer slot n and Poisson background);
//   3. a neuron that was free and is at or above threshold spikes at t = (n+1) dt, is reset and
//      clamped for the next ref_steps steps, so it is refractory for exactly tau_refrac.
// The counter `refractory` runs one step longer than the clamp: ref_steps + 1 after a spike,
// clamped while above 1. Its last step is the first free one, in which a neuron under strong
// drive can at the earliest spike again, so that the sampling state z = (refractory > 0) lasts
// the shortest interval between spikes, tau_refrac + dt, and a neuron firing as fast as it can
// is in z = 1 all the time. With z = 1 for tau_refrac only, such a neuron dropped to z = 0 for
// one step in every ref_steps + 1 (p(z = 1) at most 0.990 with tau_refrac = 10 ms, dt = 0.1 ms),
// which gave a 16-unit Boltzmann machine with strongly driven units most of its DKL
// (docs/sampling.md).
// The body is branch-free (selects, not jumps) so that CPU compilers vectorise the loop over a
// population's neurons; Model, kNoise and kPerNeuron are template parameters for the same reason.
#pragma once

#include <cstdint>

#include "device_span.hpp"
#include "fast_exp.hpp"
#include "fixed_point.hpp"
#include "portability.hpp"
#include "random.hpp"
#include "ring_buffer.hpp"
#include "step_constants.hpp"

namespace spikewafer::kernels {

// Per-neuron state of all replicas, indexed by replica * neurons + neuron.
struct NeuronState {
  DeviceSpan<float> v, syn_e, syn_i;
  DeviceSpan<float> dsyn_e, dsyn_i;  // alpha synapses' second variable (empty without them)
  DeviceSpan<int32_t> refractory;    // steps of clamp left
  DeviceSpan<uint32_t> spike_count;  // spikes so far
  DeviceSpan<uint8_t> spiked;        // 1 where the neuron spiked in this step
};

// kPerNeuron: each neuron has its own constants (per_neuron[k]) instead of the population's.
template <KernelModel kModel, bool kNoise, bool kPerNeuron = false>
struct LifStep {
  PopulationConstants constants;
  DeviceSpan<PopulationConstants> per_neuron;  // this population's, one per neuron (kPerNeuron)
  DeviceSpan<ReplicaInputs> inputs;  // this population's, one per replica
  DeviceSpan<uint64_t> seeds;        // per replica
  DeviceSpan<float> i_dc;            // per global neuron (zeros without DC sources), per replica
  uint64_t dc_stride = 0;            // where replica r's currents start: r * dc_stride (or 0)
  NeuronState s;
  RingBuffer ring;
  uint64_t step = 0;

  // Neuron k of this population in replica r.
  SW_HOST_DEVICE SW_FORCE_INLINE void operator()(uint32_t r, uint32_t k) const {
    const PopulationConstants& c = kPerNeuron ? per_neuron[k] : constants;
    // 64-bit index arithmetic throughout, so that addresses are affine in k (vectorisable).
    // The launch's first neuron (a launch may cover part of a population).
    const uint64_t n = uint64_t{constants.first} + k;
    const uint64_t i = uint64_t{r} * ring.neurons + n;
    const ReplicaInputs& in = inputs[r];
    const float v0 = s.v[i];
    constexpr bool kAlpha = is_alpha(kModel);
    const float ge = s.syn_e[i];
    const float gi = s.syn_i[i];
    float de = 0.0f, di = 0.0f;
    if constexpr (kAlpha) {
      de = s.dsyn_e[i];
      di = s.dsyn_i[i];
    }
    const int32_t ref = s.refractory[i];
    const float current = in.i_offset + in.dc_scale * i_dc[uint64_t{r} * dc_stride + n];

    float v_free;
    if constexpr (is_current_based(kModel)) {
      v_free = v0 + c.em1_m * (v0 - c.v_rest - c.r_m * current) + c.p21_e * ge + c.p21_i * gi;
      if constexpr (kAlpha) v_free += c.p31_e * de + c.p31_i * di;
    } else {
      float ge_mean = ge * c.avg_e;
      float gi_mean = gi * c.avg_i;
      if constexpr (kAlpha) {
        ge_mean += de * c.avg2_e;
        gi_mean += di * c.avg2_i;
      }
      const float g_total = c.g_leak + ge_mean + gi_mean;
      const float v_inf =
          (c.g_leak * c.v_rest + ge_mean * c.e_rev_e + gi_mean * c.e_rev_i + current) / g_total;
      v_free = v_inf + (v0 - v_inf) * exp_portable(-g_total * c.dt_over_cm);
    }
    const int32_t clamped = ref > 1;
    const int32_t spike = (1 - clamped) & (v_free >= c.v_thresh);
    s.v[i] = (clamped | spike) ? c.v_reset : v_free;
    s.refractory[i] = spike * (c.ref_steps + 1) + (1 - spike) * (ref - (ref > 0));
    s.spiked[i] = static_cast<uint8_t>(spike);
    s.spike_count[i] += static_cast<uint32_t>(spike);

    // Input arriving at the end of this step: delayed spikes and Poisson background.
    const uint64_t at_e = ring.index(r, ring.read_slot, 0, n);
    const uint64_t at_i = at_e + ring.neurons;
    float in_e = from_fixed(ring.input[at_e], ring.inverse_scale);
    float in_i = from_fixed(ring.input[at_i], ring.inverse_scale);
    ring.input[at_e] = 0;
    ring.input[at_i] = 0;
    if (kNoise) {
      const Uniform4 u =
          philox_uniform4(seeds[r], static_cast<uint32_t>(n), step, Stream::kDynamics);
      in_e += in.weight_e * static_cast<float>(poisson_from_table(u.u[0], in.noise_e));
      in_i += in.weight_i * static_cast<float>(poisson_from_table(u.u[1], in.noise_i));
    }
    // Current-based inhibition is a negative current; conductances are positive.
    constexpr float kSignI = is_current_based(kModel) ? -1.0f : 1.0f;
    if constexpr (kAlpha) {
      s.syn_e[i] = ge * c.p_e + c.h_e * de;
      s.syn_i[i] = gi * c.p_i + c.h_i * di;
      s.dsyn_e[i] = de * c.p_e + c.alpha_norm_e * in_e;
      s.dsyn_i[i] = di * c.p_i + kSignI * c.alpha_norm_i * in_i;
    } else {
      s.syn_e[i] = ge * c.p_e + in_e;
      s.syn_i[i] = gi * c.p_i + kSignI * in_i;
    }
  }
};

}  // namespace spikewafer::kernels
