#include "wafer/neuron_sizes.hpp"

#include <algorithm>
#include <string>

#include "spikewafer/error.hpp"
#include "wafer/constants.hpp"

namespace spikewafer::wafer {

void check_neuron_size(int64_t s, SizeRule rule) {
  const bool in_range = s >= 1 && s <= static_cast<int64_t>(kMaxDenmemsPerNeuron);
  const bool even = s % 2 == 0;
  if (in_range && even) return;
  if (s == 1 && rule == SizeRule::kPublished) return;
  std::string message =
      "neuron size " + std::to_string(s) + " (circuits per neuron) is not " + "allowed: ";
  if (!in_range) {
    message += "a neuron joins 1 to 64 circuits of one neuron block";
  } else if (s == 1) {
    message +=
        "the BrainScaleS toolchain (marocco) joins circuits in upper/lower pairs and needs "
        "an even size 2 to 64; single-circuit neurons appear only in the published table "
        "(SizeRule::kPublished)";
  } else {
    message +=
        "the BrainScaleS toolchain (marocco) joins circuits in upper/lower pairs and needs "
        "an even size 2 to 64";
  }
  throw input_error(message);
}

NeuronSizeFigures neuron_size_figures(int64_t s, SizeRule rule) {
  check_neuron_size(s, rule);
  NeuronSizeFigures f;
  f.circuits_per_neuron = static_cast<uint32_t>(s);
  f.neurons_per_block = kDenmemsPerBlock / f.circuits_per_neuron;
  f.circuit_limit = kNeuronBlocksPerHicann * f.neurons_per_block;
  f.buses = (f.circuit_limit + kL1Addresses - 1) / kL1Addresses;
  f.neurons_per_chip = std::min(f.circuit_limit, kUsableL1AddressesPerBus * f.buses);
  f.synapses_per_neuron = kSynapsesPerDenmem * f.circuits_per_neuron;
  return f;
}

uint32_t neurons_per_chip(int64_t s, SizeRule rule) {
  return neuron_size_figures(s, rule).neurons_per_chip;
}

std::vector<NeuronSizeFigures> published_neuron_size_table() {
  std::vector<NeuronSizeFigures> table;
  for (uint32_t s = 1; s <= kMaxDenmemsPerNeuron; s *= 2) {
    table.push_back(neuron_size_figures(s, SizeRule::kPublished));
  }
  return table;
}

}  // namespace spikewafer::wafer
