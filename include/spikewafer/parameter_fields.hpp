// The neuron and source parameters by name, with their per-neuron lists: one table for the
// config reader, validation, the engine and the Python bindings, so that a parameter is added
// in one place.
#pragma once

#include <vector>

#include "spikewafer/network.hpp"

namespace spikewafer {

struct NeuronParamField {
  const char* name;
  double NeuronParams::*param;
  std::vector<double> PerNeuronParams::*per_neuron;  // i_offset: Population::i_offset_per_neuron
  bool conductance_only;                             // reversal potentials
};

inline constexpr NeuronParamField kNeuronParamFields[] = {
    {"tau_m", &NeuronParams::tau_m, &PerNeuronParams::tau_m, false},
    {"cm", &NeuronParams::cm, &PerNeuronParams::cm, false},
    {"v_rest", &NeuronParams::v_rest, &PerNeuronParams::v_rest, false},
    {"v_thresh", &NeuronParams::v_thresh, &PerNeuronParams::v_thresh, false},
    {"v_reset", &NeuronParams::v_reset, &PerNeuronParams::v_reset, false},
    {"tau_refrac", &NeuronParams::tau_refrac, &PerNeuronParams::tau_refrac, false},
    {"tau_syn_E", &NeuronParams::tau_syn_E, &PerNeuronParams::tau_syn_E, false},
    {"tau_syn_I", &NeuronParams::tau_syn_I, &PerNeuronParams::tau_syn_I, false},
    {"e_rev_E", &NeuronParams::e_rev_E, &PerNeuronParams::e_rev_E, true},
    {"e_rev_I", &NeuronParams::e_rev_I, &PerNeuronParams::e_rev_I, true},
    {"i_offset", &NeuronParams::i_offset, nullptr, false},
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
