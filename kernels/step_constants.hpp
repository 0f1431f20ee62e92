// Per-population and per-(population, replica) constants of one time step, computed once on the
// host for the run's dt (exp(-dt/tau) and friends), so kernels only multiply and add.
#pragma once

#include <cstdint>

#include "portability.hpp"
#include "random.hpp"

namespace spikewafer::kernels {

enum class KernelModel : uint8_t {
  kCurrExp, kCondExp, kCurrAlpha, kCondAlpha, kSourceArray, kSourcePoisson,
  kSourceRenewal,  // SpikeSourcePoisson with a dead time or a gamma shape
  kAdexCondExp, kAdexCondAlpha,  // adaptive exponential integrate-and-fire (adex_step.hpp)
  kHhCondExp                     // Hodgkin-Huxley, exponential conductances (hh_step.hpp)
};
SW_HOST_DEVICE constexpr bool is_current_based(KernelModel m) {
  return m == KernelModel::kCurrExp || m == KernelModel::kCurrAlpha;
}
SW_HOST_DEVICE constexpr bool is_alpha(KernelModel m) {
  return m == KernelModel::kCurrAlpha || m == KernelModel::kCondAlpha ||
         m == KernelModel::kAdexCondAlpha;
}
SW_HOST_DEVICE constexpr bool is_adex(KernelModel m) {
  return m == KernelModel::kAdexCondExp || m == KernelModel::kAdexCondAlpha;
}

struct PopulationConstants {
  KernelModel model = KernelModel::kCondExp;
  uint8_t record_spikes = 0;
  uint32_t first = 0;        // global index of the launch's first neuron (kernels read it from
                             // the launch's constants, never from per-neuron ones)
  int32_t ref_steps = 0;     // refractory clamp, in steps (the state z lasts one more); a
                             // renewal source's dead time
  float v_rest = 0, v_thresh = 0, v_reset = 0;
  float p_e = 0, p_i = 0;    // exp(-dt / tau_syn_E), exp(-dt / tau_syn_I)
  // IF_curr_exp exact propagators, written as an increment so that the fixed point
  // v_rest + r_m I is exact in float: V += em1_m (V - v_rest - r_m I) + p21_e I_E + p21_i I_I
  float em1_m = 0;           // expm1(-dt / tau_m) = exp(-dt / tau_m) - 1
  float r_m = 0;             // tau_m / cm (membrane resistance, MOhm)
  float p21_e = 0, p21_i = 0;
  // IF_cond_exp: conductances averaged exactly over the step, membrane relaxes exponentially
  float avg_e = 0, avg_i = 0;  // tau_syn * (1 - p_syn) / dt
  float g_leak = 0;            // cm / tau_m
  float dt_over_cm = 0;
  float e_rev_e = 0, e_rev_i = 0;
  // Alpha synapses: a second variable d per receptor feeds the synaptic variable s,
  //   s' = p (s + dt d),  d' = p d + (e / tau_syn) input,
  // so that one input w makes s = w (t / tau_syn) e^{1 - t / tau_syn}.
  float alpha_norm_e = 0, alpha_norm_i = 0;  // e / tau_syn
  float h_e = 0, h_i = 0;                    // dt p_syn
  float p31_e = 0, p31_i = 0;                // IF_curr_alpha: V's response to d, exact
  float avg2_e = 0, avg2_i = 0;              // IF_cond_alpha: mean over the step of d's share of s
  // AdEx (v_thresh is the detection potential v_spike; the exponential's threshold is v_t):
  float v_t = 0, inv_delta_t = 0;  // V_T (HH_cond_exp: v_offset, which NEST calls V_T too), 1 / delta_T
  float g_leak_delta_t = 0;        // g_L delta_T (uS mV = nA)
  float exp_arg_max = 0;           // (v_spike - V_T) / delta_T, at most kLargestExpArgument
  float a_w = 0;                   // a in uS, so that a (v - v_rest) is in nA
  float b_w = 0;                   // nA, added to w at each spike
  float p_w = 1;                   // exp(-dt / tau_w)
  float upswing_at_reset = 0;      // g_L delta_T exp((v_reset - V_T) / delta_T), nA
  float reset_lead = 0;            // tau_refrac = 0: dt / (2 cm), how far v moves on after a reset
  // HH_cond_exp (v_rest is the leak's reversal e_rev_leak, v_thresh the spike's detection
  // potential, ref_steps its dead time): the channels' peak conductances (uS) and reversal
  // potentials, and the substeps: their length h (ms), h / cm, the synapses' decay over one and
  // their mean over the first as a share of the value at the step's start.
  float gbar_na = 0, gbar_k = 0, e_rev_na = 0, e_rev_k = 0;
  float hh_h = 0, hh_h_over_cm = 0;
  float hh_p_e = 0, hh_p_i = 0, hh_avg_e = 0, hh_avg_i = 0;
  uint32_t source_base = 0;    // SpikeSourceArray: first index into the concatenated lists
  float spike_prob = 0;        // SpikeSourcePoisson: rate * dt, during steps [start, stop)
  uint64_t start_step = 0, stop_step = UINT64_MAX;
  // A renewal source: Poisson stage events per step (their mean, and the chance of none), and
  // the number of them that makes an interval.
  float stage_mean = 0, stage_none = 1;
  uint32_t shape = 1;
};

SW_HOST_DEVICE constexpr bool is_source(KernelModel m) {
  return m == KernelModel::kSourceArray || m == KernelModel::kSourcePoisson ||
         m == KernelModel::kSourceRenewal;
}

// What may differ between replicas of one population: bias current and Poisson background.
struct ReplicaInputs {
  float i_offset = 0;                           // nA
  float dc_scale = 1;                           // multiplies the per-neuron current i_dc
  float lambda_e = 0, weight_e = 0;             // mean count per step, weight
  float lambda_i = 0, weight_i = 0;
  PoissonTable noise_e, noise_i;                // CDFs of the counts per step
};

}  // namespace spikewafer::kernels
