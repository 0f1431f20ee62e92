// The neuron and source parameters by name, with their per-neuron lists: one table for the
// config reader, validation, the engine and the Python bindings, so that a parameter is added
// in one place.
#pragma once

#include <vector>

#include "spikewafer/network.hpp"

namespace spikewafer {

// Which models have a parameter: all neuron models, the integrate-and-fire ones (threshold,
// reset, refractory clamp, the leak as tau_m and v_rest), the conductance-based ones (reversal
// potentials), the AdEx ones (adaptation, exponential term) or HH_cond_exp (its channels).
enum class ParamScope { kAll, kIntegrateAndFire, kConductance, kAdaptiveExponential, kHodgkinHuxley };

struct NeuronParamField {
  const char* name;
  double NeuronParams::*param;
  std::vector<double> PerNeuronParams::*per_neuron;  // i_offset: Population::i_offset_per_neuron
  ParamScope scope;
};

inline bool has_param(Model model, const NeuronParamField& field) {
  switch (field.scope) {
    case ParamScope::kAll: return true;
    case ParamScope::kIntegrateAndFire: return is_integrate_and_fire(model);
    case ParamScope::kConductance: return is_conductance_based(model);
    case ParamScope::kAdaptiveExponential: return is_adaptive_exponential(model);
    case ParamScope::kHodgkinHuxley: return is_hodgkin_huxley(model);
  }
  return false;
}

inline constexpr NeuronParamField kNeuronParamFields[] = {
    {"tau_m", &NeuronParams::tau_m, &PerNeuronParams::tau_m, ParamScope::kIntegrateAndFire},
    {"cm", &NeuronParams::cm, &PerNeuronParams::cm, ParamScope::kAll},
    {"v_rest", &NeuronParams::v_rest, &PerNeuronParams::v_rest, ParamScope::kIntegrateAndFire},
    {"v_thresh", &NeuronParams::v_thresh, &PerNeuronParams::v_thresh, ParamScope::kIntegrateAndFire},
    {"v_reset", &NeuronParams::v_reset, &PerNeuronParams::v_reset, ParamScope::kIntegrateAndFire},
    {"tau_refrac", &NeuronParams::tau_refrac, &PerNeuronParams::tau_refrac, ParamScope::kIntegrateAndFire},
    {"tau_syn_E", &NeuronParams::tau_syn_E, &PerNeuronParams::tau_syn_E, ParamScope::kAll},
    {"tau_syn_I", &NeuronParams::tau_syn_I, &PerNeuronParams::tau_syn_I, ParamScope::kAll},
    {"e_rev_E", &NeuronParams::e_rev_E, &PerNeuronParams::e_rev_E, ParamScope::kConductance},
    {"e_rev_I", &NeuronParams::e_rev_I, &PerNeuronParams::e_rev_I, ParamScope::kConductance},
    {"i_offset", &NeuronParams::i_offset, nullptr, ParamScope::kAll},
    {"a", &NeuronParams::a, &PerNeuronParams::a, ParamScope::kAdaptiveExponential},
    {"b", &NeuronParams::b, &PerNeuronParams::b, ParamScope::kAdaptiveExponential},
    {"delta_T", &NeuronParams::delta_T, &PerNeuronParams::delta_T, ParamScope::kAdaptiveExponential},
    {"tau_w", &NeuronParams::tau_w, &PerNeuronParams::tau_w, ParamScope::kAdaptiveExponential},
    {"v_spike", &NeuronParams::v_spike, &PerNeuronParams::v_spike, ParamScope::kAdaptiveExponential},
    {"gbar_Na", &NeuronParams::gbar_Na, &PerNeuronParams::gbar_Na, ParamScope::kHodgkinHuxley},
    {"gbar_K", &NeuronParams::gbar_K, &PerNeuronParams::gbar_K, ParamScope::kHodgkinHuxley},
    {"g_leak", &NeuronParams::g_leak, &PerNeuronParams::g_leak, ParamScope::kHodgkinHuxley},
    {"v_offset", &NeuronParams::v_offset, &PerNeuronParams::v_offset, ParamScope::kHodgkinHuxley},
    {"e_rev_Na", &NeuronParams::e_rev_Na, &PerNeuronParams::e_rev_Na, ParamScope::kHodgkinHuxley},
    {"e_rev_K", &NeuronParams::e_rev_K, &PerNeuronParams::e_rev_K, ParamScope::kHodgkinHuxley},
    {"e_rev_leak", &NeuronParams::e_rev_leak, &PerNeuronParams::e_rev_leak, ParamScope::kHodgkinHuxley},
};

// SpikeSourcePoisson's parameters and their per-neuron lists.
struct SourceParamField {
  const char* name;
  double Population::*value;
  std::vector<double> PerNeuronParams::*per_neuron;
};
inline constexpr SourceParamField kPoissonSourceFields[] = {
    {"rate", &Population::rate, &PerNeuronParams::rate},
    {"start", &Population::start, &PerNeuronParams::start},
    {"stop", &Population::stop, &PerNeuronParams::stop},
    {"dead_time", &Population::dead_time, &PerNeuronParams::dead_time},
    {"shape", &Population::shape, &PerNeuronParams::shape},
};

// The value of a parameter for neuron k: its per-neuron entry where the list is given.
inline double value_for(const std::vector<double>& per_neuron, double value, uint32_t k) {
  return per_neuron.empty() ? value : per_neuron[k];
}

}  // namespace spikewafer
