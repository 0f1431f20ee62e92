#include "spikewafer/parameter_fields.hpp"

namespace spikewafer {

bool PerNeuronParams::empty() const {
  for (const NeuronParamField& f : kNeuronParamFields)
    if (f.per_neuron && !(this->*f.per_neuron).empty()) return false;
  for (const SourceParamField& f : kPoissonSourceFields)
    if (!(this->*f.per_neuron).empty()) return false;
  return true;
}

NeuronParams neuron_params(const Population& population, uint32_t k) {
  NeuronParams q = population.params;
  for (const NeuronParamField& f : kNeuronParamFields)
    if (f.per_neuron) q.*f.param = value_for(population.per_neuron.*f.per_neuron, q.*f.param, k);
  return q;
}

}  // namespace spikewafer
