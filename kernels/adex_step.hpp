// One time step of one adaptive exponential integrate-and-fire neuron (AdEx; PyNN's
// EIF_cond_exp_isfa_ista and EIF_cond_alpha_isfa_ista, BrainScaleS-1's neuron circuit) in one
// replica:
//   cm dv/dt = g_L (v_rest - v) + g_L delta_T exp((v - V_T) / delta_T) + I_syn + I - w
//   tau_w dw/dt = a (v - v_rest) - w;     at v >= v_spike: v -> v_reset, w -> w + b.
// The scheme, with a fixed step: the leak and the conductances (averaged over the step) relax v
// exactly, as IF_cond_exp's do, with the exponential term and w entering as a current held over
// the step. That current's exponential is the trapezoid average of its values at the start and
// at a predicted end (Heun's predictor-corrector; the predictor is the same relaxation with the
// term at the start): a term frozen at the start lags the upswing, which made tonic spiking
// 1.7 % slow at dt = 0.1 ms. w relaxes exactly towards a (v - v_rest) with v held at the start.
// The step stays stable however steep the exponential gets: each exponent is capped at
// (v_spike - V_T) / delta_T (v never stays above v_spike) and that at kLargestExpArgument, so
// a large term only drives v past v_spike within the step.
// delta_T = 0 switches the exponential term off (its constants are zeros) and moves the spike
// to v_thresh, as in NEST.
// The spike, as in NEST's aeif models with PyNN's v_spike as V_peak: when v reaches v_spike at
// the end of a step; v is clamped at v_reset for tau_refrac while w goes on relaxing (with
// v = v_reset), and w jumps by b at the spike. Without a clamp (tau_refrac = 0) v ends the
// spike's step half a step past the reset (reset_lead), as NEST resets inside the step. The synapses, threshold bookkeeping and input are
// the LIF models' (neuron_step_parts.hpp). The error against a fine-step reference is pinned by
// tests/adex_integration_test.cpp and tabled in docs/models.md.
#pragma once

#include <cstdint>

#include "neuron_step_parts.hpp"

namespace spikewafer::kernels {

// The cap on the exponential term's exponent: e^50 g_L delta_T stays far inside float range for
// any conductance, and already fires a neuron within one step.
inline constexpr float kLargestExpArgument = 50.0f;

// The exponential term g_L delta_T exp((v - V_T) / delta_T) at v, nA, its exponent capped.
SW_HOST_DEVICE SW_FORCE_INLINE float upswing(const PopulationConstants& c, float v) {
  const float x = (v - c.v_t) * c.inv_delta_t;
  return c.g_leak_delta_t * exp_portable(x < c.exp_arg_max ? x : c.exp_arg_max);
}

template <KernelModel kModel, Background kNoise, bool kPerNeuron = false>
struct AdexStep : NeuronLaunch {
  static_assert(is_adex(kModel));

  // Neuron k of this population in replica r.
  SW_HOST_DEVICE SW_FORCE_INLINE void operator()(uint32_t r, uint32_t k) const {
    const PopulationConstants& c = kPerNeuron ? per_neuron[k] : constants;
    // The global index of the launch's neuron k (a launch may cover part of a population),
    // computed here so that the compiler's vectorisation report names this file.
    const uint64_t n = uint64_t{constants.first} + k;
    const uint64_t i = uint64_t{r} * ring.neurons + n;
    const ReplicaInputs& in = inputs[r];
    const float v0 = s.v[i];
    const float w0 = s.w[i];
    const SynapticState q = read_synapses<kModel>(s, i);
    const int32_t ref = s.refractory[i];

    const ConductanceRelaxation membrane = conductance_relaxation<kModel>(c, q);
    const float current = current_into(r, n);
    const float drive = current - w0;
    const float upswing0 = upswing(c, v0);
    const float predicted = membrane.after(v0, drive + upswing0);
    const float v_free =
        membrane.after(v0, drive + 0.5f * (upswing0 + upswing(c, predicted)));
    const float w_inf = c.a_w * (v0 - c.v_rest);
    const float w_free = w_inf + (w0 - w_inf) * c.p_w;
    // Without a clamp (tau_refrac = 0) the reset happens at the crossing, on average half a step
    // before the step's end, and v moves on from v_reset for the rest of the step (as in NEST's
    // aeif models): v_reset + reset_lead dv/dt at v_reset, with w after its jump. With a clamp,
    // reset_lead is 0 and v waits at v_reset.
    const float slope_at_reset = membrane.balance - membrane.g_total * c.v_reset +
                                 current - (w_free + c.b_w) + c.upswing_at_reset;
    const int32_t spike = fire(c, s, i, ref, v_free, c.v_reset + c.reset_lead * slope_at_reset);
    s.w[i] = w_free + static_cast<float>(spike) * c.b_w;
    receive_input<kModel, kNoise>(c, in, s, ring, seeds[r], r, n, i, step, q);
  }
};

}  // namespace spikewafer::kernels
