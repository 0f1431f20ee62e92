#include "sampling/sampling_neuron.hpp"

#include <cmath>

#include "network/validate.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::sampling {

SamplingNeuron default_sampling_neuron(Model model) {
  SamplingNeuron n;
  n.model = model;
  NeuronParams& p = n.params;
  p.cm = 0.2;
  p.tau_m = 0.1;
  p.v_rest = -65.0;
  p.v_thresh = -52.0;
  p.v_reset = -53.0;
  p.tau_refrac = 10.0;
  p.tau_syn_E = p.tau_syn_I = 10.0;
  p.e_rev_E = 0.0;
  p.e_rev_I = -90.0;
  // AdEx (the wafer's own neuron): no adaptation by default (a = b = 0, so that it samples like
  // IF_cond_exp with a soft exponential onset), the spike at V_T + 5 delta_T.
  p.a = 0.0;
  p.b = 0.0;
  p.v_spike = p.v_thresh + 5.0 * p.delta_T;
  if (is_conductance_based(model)) {
    n.noise = {5000.0, 0.002, 5000.0, 0.002};  // Hz, uS
  } else {
    // Same event rates; current weights give a free-membrane width comparable to the above.
    n.noise = {5000.0, 0.06, 5000.0, 0.06};  // Hz, nA
  }
  return n;
}

FreeMembrane free_membrane(const SamplingNeuron& neuron) {
  const NeuronParams& p = neuron.params;
  const PoissonNoise& q = neuron.noise;
  // Mean synaptic variable of a receptor: rate (1/ms) x weight x tau_syn.
  const double mean_e = q.rate_E * 1e-3 * q.weight_E * p.tau_syn_E;
  const double mean_i = q.rate_I * 1e-3 * q.weight_I * p.tau_syn_I;
  FreeMembrane m;
  if (is_conductance_based(neuron.model)) {
    const double g_leak = p.cm / p.tau_m;
    const double g_total = g_leak + mean_e + mean_i;
    // AdEx: w settles at a (u - v_rest), a conductance a to v_rest for the mean membrane (slow:
    // tau_w, so not for tau_eff). Its spike-triggered part b (mean b x rate x tau_w) depends on
    // the rate, which the calibration measures; the exponential term is left out below V_T.
    const double a = is_adaptive_exponential(neuron.model) ? p.a * 1e-3 : 0.0;
    m.u_rest = ((g_leak + a) * p.v_rest + mean_e * p.e_rev_E + mean_i * p.e_rev_I) / (g_total + a);
    m.slope = 1.0 / (g_total + a);
    m.tau_eff = p.cm / g_total;
  } else {
    const double r = p.tau_m / p.cm;
    m.u_rest = p.v_rest + r * (mean_e - mean_i);
    m.slope = r;
    m.tau_eff = p.tau_m;
  }
  return m;
}

void check_sampling_neuron(const SamplingNeuron& neuron, const std::string& source,
                           const std::string& path) {
  const std::string where = source + ": " + path;
  if (neuron.model != Model::kIfCondExp && neuron.model != Model::kIfCurrExp &&
      neuron.model != Model::kEifCondExpIsfaIsta)
    throw input_error(where + ".model: a sampler needs IF_cond_exp, IF_curr_exp or "
                      "EIF_cond_exp_isfa_ista neurons (got " + model_name(neuron.model) + ")");
  if (!(neuron.dt > 0))
    throw input_error(where + ".dt: must be > 0 ms (got " + std::to_string(neuron.dt) + ")");
  // The network validator knows every parameter's range; its paths are rewritten to ours.
  Network net;
  net.source = source;
  Population pop;
  pop.name = "neuron";
  pop.model = neuron.model;
  pop.size = 1;
  pop.params = neuron.params;
  pop.noise = neuron.noise;
  net.populations = {pop};
  net.simulation.dt = neuron.dt;
  try {
    validate(net);
  } catch (const Error& e) {
    std::string message = e.what();
    const std::string theirs = "populations.neuron.";
    const size_t at = message.find(theirs);
    if (at != std::string::npos) message.replace(at, theirs.size(), path + ".");
    throw input_error(message);
  }
  const double steps = neuron.params.tau_refrac / neuron.dt;
  if (!(steps >= 1.0) || std::fabs(steps - std::round(steps)) > 1e-6)
    throw input_error(where + ".params.tau_refrac: the refractory clamp lasts tau_refrac, which "
                      "must be a positive whole number of steps dt (got tau_refrac " +
                      std::to_string(neuron.params.tau_refrac) + " ms, dt " +
                      std::to_string(neuron.dt) + " ms)");
}

double state_window_ms(const SamplingNeuron& neuron) {
  return neuron.params.tau_refrac + neuron.dt;
}

}  // namespace spikewafer::sampling
