// The neuron a spiking sampler is built from: a LIF model or AdEx (EIF_cond_exp_isfa_ista, the
// wafer's own neuron), its parameters and its Poisson
// background, plus what follows from them analytically (the free membrane potential and how it
// moves with a bias current). Its activation function is measured by calibration.hpp.
#pragma once

#include <optional>
#include <string>

#include "sampling/background_network.hpp"
#include "sampling/ensemble_noise.hpp"
#include "spikewafer/network.hpp"

namespace spikewafer::sampling {

struct SamplingNeuron {
  Model model = Model::kIfCondExp;
  NeuronParams params;
  PoissonNoise noise;
  double dt = 0.1;  // ms
  // Set: the background comes from a spiking background network instead of Poisson sources
  // (deterministic sampling). `noise` is then zero as configured; a calibration replaces it by
  // the Poisson equivalent of the measured background (for the free membrane potential).
  std::optional<BackgroundNetworkSettings> background;
  // Set: each replica holds `networks` copies of the sampling network, each the others' noise
  // (ensemble_noise.hpp); `noise` is then the Poisson equivalent the activation is calibrated
  // under, and no Poisson source runs while sampling.
  std::optional<EnsembleSettings> ensemble;
};

// Defaults for sampling in the high-conductance state (after Petrovici et al., PRE 94, 042312,
// 2016): tau_refrac = tau_syn = 10 ms, strong balanced Poisson background. For IF_curr_exp the
// same time constants with a current-based background of similar width; for AdEx IF_cond_exp's,
// with a = b = 0 and v_spike = v_thresh + 5 delta_T.
SamplingNeuron default_sampling_neuron(Model model);

// The free membrane potential (no threshold) under the mean background: u(I) = u_rest + slope I
// for a bias current I (nA); for IF_cond_exp the background conductances also shorten the
// effective membrane time constant to tau_eff = cm / g_total.
struct FreeMembrane {
  double u_rest = 0.0;   // mV at I = 0
  double slope = 0.0;    // mV per nA (1 / g_total for conductances, tau_m / cm for currents)
  double tau_eff = 0.0;  // ms
};
FreeMembrane free_membrane(const SamplingNeuron& neuron);

// How long a spike keeps the state z = 1 (ms): tau_refrac and the first free step after it, the
// shortest interval between two spikes (kernels/lif_step.hpp). p(z = 1) is the rate times it.
double state_window_ms(const SamplingNeuron& neuron);

// Throws input_error "source: path.key: problem" when the neuron cannot sample: not
// IF_cond_exp, IF_curr_exp or EIF_cond_exp_isfa_ista,
// a parameter out of range, no refractory period (the state z is "refractory"), or dt not
// dividing tau_refrac. `path` is where the neuron was given ("sampler", "neuron").
void check_sampling_neuron(const SamplingNeuron& neuron, const std::string& source,
                           const std::string& path);

}  // namespace spikewafer::sampling
