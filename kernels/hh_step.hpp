// One time step of one Hodgkin-Huxley neuron (PyNN's HH_cond_exp: Traub & Miles' hippocampal
// neuron, NEST's hh_cond_exp_traub) in one replica:
//   cm dv/dt = g_L (E_L - v) + gNa m^3 h (E_Na - v) + gK n^4 (E_K - v) + I_syn + I
//   dx/dt = alpha_x(u) (1 - x) - beta_x(u) x  for the gates x = m, h, n, u = v - v_offset,
// with Traub and Miles' rates (hh_rates below) and exponential conductances.
// The scheme: the step is cut into kHhSubsteps equal substeps (the spike's upswing lasts a few
// tenths of a millisecond, which one 0.1 ms step cannot follow). In each substep the gates
// relax exactly towards their steady state at the substep's starting v (Rush and Larsen's
// exponential Euler), then v relaxes exactly towards the balance of all conductances, the
// channels' with the new gates, and the synapses' averaged exactly over the substep. Both
// relaxations stay bounded however stiff the channels get (gates in [0, 1], v between the
// reversal potentials). The error against a fine-step reference is pinned by
// tests/hh_dynamics_test.cpp and tabled in docs/models.md.
// The spike, as in NEST's hh_cond_exp_traub: at the end of the first step in which v falls while
// above v_offset + 30 mV (the action potential's peak); none for the next 2 ms (NEST's t_ref).
// There is no reset: the channels repolarise the membrane. The synapses' decay and input are the
// integrate-and-fire models' (neuron_step_parts.hpp).
#pragma once

#include <cstdint>

#include "neuron_step_parts.hpp"

namespace spikewafer::kernels {

// Substeps per step: a number fixed at compile time, so that the loop unrolls and the loop over
// a population's neurons around it vectorises. At dt = 0.1 ms a substep is 0.01 ms.
inline constexpr int32_t kHhSubsteps = 10;
// The longest step, ms: ten substeps of at most 0.01 ms, the range of docs/models.md's error table
// (validation refuses a longer dt for HH populations).
inline constexpr double kHhLongestStep = 0.1;
// Where the spike is detected, above v_offset (NEST's V_T + 30 mV), and how long no other may
// follow, ms (NEST's t_ref).
inline constexpr double kHhSpikeAboveOffset = 30.0;
inline constexpr double kHhDeadTime = 2.0;

// x / (exp(x / k) - 1), whose limit at x = 0 is k: the rate functions' removable singularities.
// Near 0 a series (to x^2: its next term is below float precision there), else the quotient.
SW_HOST_DEVICE SW_FORCE_INLINE float hh_ratio(float x, float k) {
  const float y = x / k;
  const float series = k * (1.0f - 0.5f * y + y * y * (1.0f / 12.0f));
  const float denominator = exp_portable(y) - 1.0f;
  const bool near_zero = y > -1e-2f && y < 1e-2f;
  return near_zero ? series : x / (near_zero ? 1.0f : denominator);
}

// Traub and Miles' opening (alpha) and closing (beta) rates of the gates, 1/ms, at u = v -
// v_offset in mV.
struct HhRates {
  float alpha_m, beta_m, alpha_h, beta_h, alpha_n, beta_n;
};

SW_HOST_DEVICE SW_FORCE_INLINE HhRates hh_rates(float u) {
  HhRates r;
  r.alpha_m = 0.32f * hh_ratio(13.0f - u, 4.0f);
  r.beta_m = 0.28f * hh_ratio(u - 40.0f, 5.0f);
  r.alpha_h = 0.128f * exp_portable((17.0f - u) * (1.0f / 18.0f));
  r.beta_h = 4.0f / (1.0f + exp_portable((40.0f - u) * 0.2f));
  r.alpha_n = 0.032f * hh_ratio(15.0f - u, 5.0f);
  r.beta_n = 0.5f * exp_portable((10.0f - u) * (1.0f / 40.0f));
  return r;
}

// A gate's steady state at fixed rates.
SW_HOST_DEVICE SW_FORCE_INLINE float steady_gate(float alpha, float beta) {
  return alpha / (alpha + beta);
}

// A gate after time h at fixed rates: exact relaxation towards its steady state.
SW_HOST_DEVICE SW_FORCE_INLINE float relax_gate(float x, float alpha, float beta, float h) {
  const float x_inf = steady_gate(alpha, beta);
  return x_inf + (x - x_inf) * exp_portable(-(alpha + beta) * h);
}

template <KernelModel kModel, Background kNoise, bool kPerNeuron = false>
struct HhStep : NeuronLaunch {
  static_assert(kModel == KernelModel::kHhCondExp);

  // Neuron k of this population in replica r.
  SW_HOST_DEVICE SW_FORCE_INLINE void operator()(uint32_t r, uint32_t k) const {
    const PopulationConstants& c = kPerNeuron ? per_neuron[k] : constants;
    const uint64_t n = uint64_t{constants.first} + k;
    const uint64_t i = uint64_t{r} * ring.neurons + n;
    const ReplicaInputs& in = inputs[r];
    const float v0 = s.v[i];
    const SynapticState q = read_synapses<kModel>(s, i);
    const int32_t ref = s.refractory[i];
    const float current = current_into(r, n);

    float v = v0, m = s.m[i], h = s.h[i], gate_n = s.n[i];
    // The synapses' mean over the first substep; each later one's is p_sub times the last.
    float ge = q.ge * c.hh_avg_e, gi = q.gi * c.hh_avg_i;
    SW_UNROLL for (int32_t j = 0; j < kHhSubsteps; ++j) {
      const HhRates a = hh_rates(v - c.v_t);
      m = relax_gate(m, a.alpha_m, a.beta_m, c.hh_h);
      h = relax_gate(h, a.alpha_h, a.beta_h, c.hh_h);
      gate_n = relax_gate(gate_n, a.alpha_n, a.beta_n, c.hh_h);
      const float n2 = gate_n * gate_n;
      const float g_na = c.gbar_na * m * m * m * h;
      const float g_k = c.gbar_k * n2 * n2;
      const float g_total = c.g_leak + ge + gi + g_na + g_k;
      const float balance = c.g_leak * c.v_rest + ge * c.e_rev_e + gi * c.e_rev_i +
                            g_na * c.e_rev_na + g_k * c.e_rev_k + current;
      const float v_inf = balance / g_total;
      v = v_inf + (v - v_inf) * exp_portable(-g_total * c.hh_h_over_cm);
      ge *= c.hh_p_e;
      gi *= c.hh_p_i;
    }
    // The peak: falling while above the detection potential, outside the dead time.
    const int32_t free = ref == 0;
    const int32_t spike = free & (v < v0) & (v > c.v_thresh);
    s.v[i] = v;
    s.m[i] = m;
    s.h[i] = h;
    s.n[i] = gate_n;
    s.refractory[i] = spike * c.ref_steps + (1 - spike) * (ref - (ref > 0));
    s.spiked[i] = static_cast<uint8_t>(spike);
    s.spike_count[i] += static_cast<uint32_t>(spike);
    receive_input<kModel, kNoise>(c, in, s, ring, seeds[r], r, n, i, step, q);
  }
};

}  // namespace spikewafer::kernels
