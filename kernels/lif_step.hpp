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

#include "neuron_step_parts.hpp"

namespace spikewafer::kernels {

// kPerNeuron: each neuron has its own constants (per_neuron[k]) instead of the population's.
template <KernelModel kModel, Background kNoise, bool kPerNeuron = false>
struct LifStep : NeuronLaunch {
  // Neuron k of this population in replica r.
  SW_HOST_DEVICE SW_FORCE_INLINE void operator()(uint32_t r, uint32_t k) const {
    const PopulationConstants& c = kPerNeuron ? per_neuron[k] : constants;
    // 64-bit index arithmetic throughout, so that addresses are affine in k (vectorisable).
    // The global index of the launch's neuron k (a launch may cover part of a population),
    // computed here so that the compiler's vectorisation report names this file.
    const uint64_t n = uint64_t{constants.first} + k;
    const uint64_t i = uint64_t{r} * ring.neurons + n;
    const ReplicaInputs& in = inputs[r];
    const float v0 = s.v[i];
    const SynapticState q = read_synapses<kModel>(s, i);
    const int32_t ref = s.refractory[i];
    const float current = current_into(r, n);

    float v_free;
    if constexpr (is_current_based(kModel)) {
      v_free = v0 + c.em1_m * (v0 - c.v_rest - c.r_m * current) + c.p21_e * q.ge + c.p21_i * q.gi;
      if constexpr (is_alpha(kModel)) v_free += c.p31_e * q.de + c.p31_i * q.di;
    } else {
      v_free = conductance_relaxation<kModel>(c, q).after(v0, current);
    }
    fire(c, s, i, ref, v_free, c.v_reset);
    receive_input<kModel, kNoise>(c, in, s, ring, seeds[r], r, n, i, step, q);
  }
};

}  // namespace spikewafer::kernels
