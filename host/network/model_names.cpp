// PyNN's names of the neuron models, used by the config parser, messages and outputs.
#include "spikewafer/network.hpp"

namespace spikewafer {

namespace {

constexpr Model kAllModels[] = {Model::kIfCurrExp,           Model::kIfCondExp,
                                Model::kIfCurrAlpha,         Model::kIfCondAlpha,
                                Model::kSpikeSourceArray,    Model::kSpikeSourcePoisson,
                                Model::kEifCondExpIsfaIsta,  Model::kEifCondAlphaIsfaIsta,
                                Model::kHhCondExp};

}  // namespace

const char* model_name(Model model) {
  switch (model) {
    case Model::kIfCurrExp:
      return "IF_curr_exp";
    case Model::kIfCondExp:
      return "IF_cond_exp";
    case Model::kIfCurrAlpha:
      return "IF_curr_alpha";
    case Model::kIfCondAlpha:
      return "IF_cond_alpha";
    case Model::kSpikeSourceArray:
      return "SpikeSourceArray";
    case Model::kSpikeSourcePoisson:
      return "SpikeSourcePoisson";
    case Model::kEifCondExpIsfaIsta:
      return "EIF_cond_exp_isfa_ista";
    case Model::kEifCondAlphaIsfaIsta:
      return "EIF_cond_alpha_isfa_ista";
    case Model::kHhCondExp:
      return "HH_cond_exp";
  }
  return "unknown";  // unreachable for valid enum values; keeps -Wreturn-type quiet
}

std::optional<Model> model_from_name(const std::string& name) {
  // Exact, case-sensitive match: the names are PyNN's, and PyNN scripts spell them this way.
  for (Model m : kAllModels)
    if (name == model_name(m)) return m;
  return std::nullopt;
}

const char* trace_name(size_t code, Model model) {
  const bool conductance = is_conductance_based(model);
  switch (code) {
    case 0: return "v";
    case 1: return conductance ? "gsyn_exc" : "isyn_exc";
    case 2: return conductance ? "gsyn_inh" : "isyn_inh";
    default: return "w";
  }
}

bool has_trace(Model model, size_t code) {
  if (is_spike_source(model)) return false;
  return code < 3 || is_adaptive_exponential(model);
}

NeuronParams default_params(Model model) {
  NeuronParams p;
  if (is_hodgkin_huxley(model)) {  // PyNN's HH_cond_exp; the HH fields hold their defaults
    p.cm = 0.2;
    p.tau_syn_E = 0.2;
    p.tau_syn_I = 2.0;
    p.e_rev_I = -80.0;
    return p;
  }
  if (!is_adaptive_exponential(model)) return p;
  // PyNN's EIF_cond_exp_isfa_ista (Brette & Gerstner 2005's cortical neuron); the AdEx fields
  // already hold their defaults.
  p.cm = 0.281;
  p.tau_m = 9.3667;
  p.v_rest = -70.6;
  p.v_reset = -70.6;
  p.v_thresh = -50.4;
  p.e_rev_I = -80.0;
  return p;
}

}  // namespace spikewafer
