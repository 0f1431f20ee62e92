// The parts of a neuron's time step that every integrate-and-fire model shares (lif_step.hpp,
// adex_step.hpp; hh_step.hpp takes the state and the synapses): the state arrays, the
// conductance-based membrane's relaxation, the threshold
// with its refractory clamp, and the synapses' decay and input. Each is inlined into the model's
// step, so that the loop over a population's neurons stays one branch-free, vectorisable body.
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
  DeviceSpan<float> w;               // AdEx's adaptation current, nA (empty without AdEx)
  DeviceSpan<float> m, h, n;         // HH_cond_exp's gates (empty without it)
};

// What a neuron update launch over one population (or part of it) reads and writes.
struct NeuronLaunch {
  PopulationConstants constants;
  DeviceSpan<PopulationConstants> per_neuron;  // this population's, one per neuron (kPerNeuron)
  DeviceSpan<ReplicaInputs> inputs;  // this population's, one per replica
  DeviceSpan<uint64_t> seeds;        // per replica
  DeviceSpan<float> i_dc;            // per global neuron (zeros without DC sources), per replica
  uint64_t dc_stride = 0;            // where replica r's currents start: r * dc_stride (or 0)
  NeuronState s;
  RingBuffer ring;
  uint64_t step = 0;

  // The bias and source current into global neuron n of replica r, nA.
  SW_HOST_DEVICE SW_FORCE_INLINE float current_into(uint32_t r, uint64_t n) const {
    const ReplicaInputs& in = inputs[r];
    return in.i_offset + in.dc_scale * i_dc[uint64_t{r} * dc_stride + n];
  }
};

// The synaptic variables of one neuron at the start of a step.
struct SynapticState {
  float ge = 0, gi = 0;  // synaptic variables
  float de = 0, di = 0;  // alpha synapses' second variables (0 without them)
};

template <KernelModel kModel>
SW_HOST_DEVICE SW_FORCE_INLINE SynapticState read_synapses(const NeuronState& s, uint64_t i) {
  SynapticState q;
  q.ge = s.syn_e[i];
  q.gi = s.syn_i[i];
  if constexpr (is_alpha(kModel)) {
    q.de = s.dsyn_e[i];
    q.di = s.dsyn_i[i];
  }
  return q;
}

// A conductance-based membrane over one step: the conductances averaged exactly over the step,
// v relaxes exponentially towards the balance of leak, synapses and an injected current.
struct ConductanceRelaxation {
  float balance;  // g_L v_rest + ge e_rev_E + gi e_rev_I, nA
  float g_total;  // g_L + ge + gi, uS
  float decay;    // exp(-g_total dt / cm)

  // v after the step from v0 with `current` (nA) held over it.
  SW_HOST_DEVICE SW_FORCE_INLINE float after(float v0, float current) const {
    const float v_inf = (balance + current) / g_total;
    return v_inf + (v0 - v_inf) * decay;
  }
};

template <KernelModel kModel>
SW_HOST_DEVICE SW_FORCE_INLINE ConductanceRelaxation
conductance_relaxation(const PopulationConstants& c, const SynapticState& q) {
  float ge_mean = q.ge * c.avg_e;
  float gi_mean = q.gi * c.avg_i;
  if constexpr (is_alpha(kModel)) {
    ge_mean += q.de * c.avg2_e;
    gi_mean += q.di * c.avg2_i;
  }
  const float g_total = c.g_leak + ge_mean + gi_mean;
  return {c.g_leak * c.v_rest + ge_mean * c.e_rev_e + gi_mean * c.e_rev_i, g_total,
          exp_portable(-g_total * c.dt_over_cm)};
}

// Threshold and refractory clamp (lif_step.hpp says why the counter runs one step longer than the
// clamp): writes v (v_reset while clamped, `after_spike` at a spike), the counter, the spike flag
// and count; returns 1 if the neuron spiked.
SW_HOST_DEVICE SW_FORCE_INLINE int32_t fire(const PopulationConstants& c, const NeuronState& s,
                                            uint64_t i, int32_t ref, float v_free,
                                            float after_spike) {
  const int32_t clamped = ref > 1;
  const int32_t spike = (1 - clamped) & (v_free >= c.v_thresh);
  s.v[i] = spike ? after_spike : (clamped ? c.v_reset : v_free);
  s.refractory[i] = spike * (c.ref_steps + 1) + (1 - spike) * (ref - (ref > 0));
  s.spiked[i] = static_cast<uint8_t>(spike);
  s.spike_count[i] += static_cast<uint32_t>(spike);
  return spike;
}

// Which receptors of a launch's neurons draw a Poisson background. A template parameter, like
// the model, so that the vectorised loop of a population with excitatory background only (the
// cortical microcircuit's) does not draw, for every neuron and step, an inhibitory count of 0.
enum class Background : uint8_t { kNone, kExcitatory, kBoth };

// The synapses decay and take the input arriving at the end of the step: delayed spikes from
// the ring buffer (whose slot is cleared) and the Poisson background.
template <KernelModel kModel, Background kNoise>
SW_HOST_DEVICE SW_FORCE_INLINE void receive_input(const PopulationConstants& c,
                                                  const ReplicaInputs& in, const NeuronState& s,
                                                  const RingBuffer& ring, uint64_t seed,
                                                  uint32_t r, uint64_t n, uint64_t i,
                                                  uint64_t step, const SynapticState& q) {
  const uint64_t at_e = ring.index(r, ring.read_slot, 0, n);
  const uint64_t at_i = at_e + ring.neurons;
  float in_e = from_fixed(ring.input[at_e], ring.inverse_scale);
  float in_i = from_fixed(ring.input[at_i], ring.inverse_scale);
  ring.input[at_e] = 0;
  ring.input[at_i] = 0;
  if constexpr (kNoise != Background::kNone) {
    const Uniform4 u = philox_uniform4(seed, static_cast<uint32_t>(n), step, Stream::kDynamics);
    in_e += in.weight_e * static_cast<float>(poisson_from_table(u.u[0], in.noise_e));
    if constexpr (kNoise == Background::kBoth)
      in_i += in.weight_i * static_cast<float>(poisson_from_table(u.u[1], in.noise_i));
  }
  // Current-based inhibition is a negative current; conductances are positive.
  constexpr float kSignI = is_current_based(kModel) ? -1.0f : 1.0f;
  if constexpr (is_alpha(kModel)) {
    s.syn_e[i] = q.ge * c.p_e + c.h_e * q.de;
    s.syn_i[i] = q.gi * c.p_i + c.h_i * q.di;
    s.dsyn_e[i] = q.de * c.p_e + c.alpha_norm_e * in_e;
    s.dsyn_i[i] = q.di * c.p_i + kSignI * c.alpha_norm_i * in_i;
  } else {
    s.syn_e[i] = q.ge * c.p_e + in_e;
    s.syn_i[i] = q.gi * c.p_i + kSignI * in_i;
  }
}

}  // namespace spikewafer::kernels
