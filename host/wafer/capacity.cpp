#include "wafer/capacity.hpp"

namespace spikewafer::wafer {

Capacity capacity(int64_t circuits_per_neuron, const System& system, SizeRule rule) {
  const NeuronSizeFigures f = neuron_size_figures(circuits_per_neuron, rule);
  Capacity c;
  c.wafers = system.wafers();
  c.hicanns = system.hicanns();
  c.circuits_per_neuron = f.circuits_per_neuron;
  c.neurons = uint64_t{c.hicanns} * f.neurons_per_chip;
  c.synapses_per_neuron = f.synapses_per_neuron;
  c.synapses_of_neurons = c.neurons * c.synapses_per_neuron;
  c.circuits = uint64_t{c.hicanns} * kDenmemsPerHicann;
  c.synapses = uint64_t{c.hicanns} * kSynapsesPerHicann;
  return c;
}

}  // namespace spikewafer::wafer
