// The neuron and source parameters by name, with their per-neuron lists: one table for the
// config reader, validation, the engine and the Python bindings, so that a parameter is added
// in one place.
#pragma once

#include <vector>

#include "spikewafer/network.hpp"

namespace spikewafer {

// Which models have a parameter: all neuron models, the conductance-based ones (reversal
// potentials) or the AdEx ones (adaptation, exponential term).
enum class ParamScope { kAll, kConductance, kAdaptiveExponential };

struct NeuronParamField {
  const char* name;
  double NeuronParams::*param;
  std::vector<double> PerNeuronParams::*per_neuron;  // i_offset: Population::i_offset_per_neuron
  ParamScope scope;
};

inline bool has_param(Model model, const NeuronParamField& field) {
  switch (field.scope) {
    case ParamScope::kAll: return true;
    case ParamScope::kConductance: return is_conductance_based(model);
    case ParamScope::kAdaptiveExponential: return is_adaptive_exponential(model);
  }
  return false;
}

inline constexpr NeuronParamField kNeuronParamFields[] = {
    {"tau_m", &NeuronParams::tau_m, &PerNeuronParams::tau_m, ParamScope::kAll},
    {"cm", &NeuronParams::cm, &PerNeuronParams::cm, ParamScope::kAll},
    {"v_rest", &NeuronParams::v_rest, &PerNeuronParams::v_rest, ParamScope::kAll},
    {"v_thresh", &NeuronParams::v_thresh, &PerNeuronParams::v_thresh, ParamScope::kAll},
    {"v_reset", &NeuronParams::v_reset, &PerNeuronParams::v_reset, ParamScope::kAll},
    {"tau_refrac", &NeuronParams::tau_refrac, &PerNeuronParams::tau_refrac, ParamScope::kAll},
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
