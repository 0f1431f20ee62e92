#include "wafer/mapped_network.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "network/connectors.hpp"
#include "network/random_stream.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::wafer {
namespace {

// Keys the variation's random stream apart from every projection's.
constexpr uint32_t kVariationStream = 0xFFFFFFFFu;

// Each projection keeps its connector and gets the mapping's realised synapses: the engine draws
// the same synapses, with their delays, and keeps those realised with their quantized weights.
void keep_realised(Network& mapped, const Network& network, const MappingResult& mapping) {
  const auto plans = connectors::plan_projections(network);
  bool same = mapping.mapped.size() == plans.size();
  for (size_t p = 0; same && p < plans.size(); ++p)
    same = mapping.mapped[p]->unit_offsets.size() == plans[p].units + 1 &&
           mapping.mapped[p]->weight.size() == mapping.drawn.synapses_per_projection[p];
  if (!same)
    throw input_error(network.source +
                      ": the mapping does not belong to this network (its synapses differ); "
                      "map the network again before building its mapped network");
  for (size_t p = 0; p < plans.size(); ++p) mapped.projections[p].mapped = mapping.mapped[p];
}

// Each neuron's threshold distance, membrane, synaptic and refractory time constants get a
// factor 1 + variation z (z standard normal, one per neuron and parameter), at least 0.2 so
// that no neuron loses its threshold or a time constant; an AdEx neuron's a, b, delta_T, tau_w
// and spike detection distance (v_spike - v_thresh) too, as they come from analog circuits as
// well. (An AdEx neuron's v_thresh is its V_T.)
template <class Factor>
void add_adaptation_variation(Population& pop, const Population& ideal, RandomStream& rng,
                              const Factor& factor) {
  PerNeuronParams& per = pop.per_neuron;
  for (auto list : {&PerNeuronParams::a, &PerNeuronParams::b, &PerNeuronParams::delta_T,
                    &PerNeuronParams::tau_w, &PerNeuronParams::v_spike})
    (per.*list).resize(pop.size);
  for (uint32_t n = 0; n < pop.size; ++n) {
    const NeuronParams q = neuron_params(ideal, n);
    per.a[n] = q.a * factor(rng);
    per.b[n] = q.b * factor(rng);
    per.delta_T[n] = q.delta_T * factor(rng);
    per.tau_w[n] = q.tau_w * factor(rng);
    // v_spike keeps a (varied) distance above the varied V_T, and stays above the reset (which
    // a bursting neuron has above V_T) by at least a fifth of its distance
    per.v_spike[n] = std::max(per.v_thresh[n] + (q.v_spike - q.v_thresh) * factor(rng),
                              q.v_reset + 0.2 * (q.v_spike - q.v_reset));
  }
}

void add_variation(Network& mapped, const MappedNetworkOptions& options) {
  const auto factor = [&](RandomStream& rng) {
    return std::max(0.2, 1.0 + options.variation * rng.normal());
  };
  for (uint32_t p = 0; p < mapped.populations.size(); ++p) {
    Population& pop = mapped.populations[p];
    if (is_spike_source(pop.model)) continue;
    RandomStream rng(options.seed, kVariationStream, StreamPurpose::kConnect, p);
    const Population ideal = pop;  // the values before variation (may be per neuron already)
    PerNeuronParams& per = pop.per_neuron;
    per.v_thresh.resize(pop.size);
    per.tau_m.resize(pop.size);
    per.tau_syn_E.resize(pop.size);
    per.tau_syn_I.resize(pop.size);
    per.tau_refrac.resize(pop.size);
    for (uint32_t n = 0; n < pop.size; ++n) {
      const NeuronParams q = neuron_params(ideal, n);
      per.v_thresh[n] = q.v_rest + (q.v_thresh - q.v_rest) * factor(rng);
      per.tau_m[n] = q.tau_m * factor(rng);
      per.tau_syn_E[n] = q.tau_syn_E * factor(rng);
      per.tau_syn_I[n] = q.tau_syn_I * factor(rng);
      per.tau_refrac[n] = q.tau_refrac * factor(rng);
    }
    if (is_adaptive_exponential(pop.model)) add_adaptation_variation(pop, ideal, rng, factor);
  }
}

}  // namespace

Network mapped_network(const Network& network, const MappingResult& mapping,
                       const MappedNetworkOptions& options) {
  if (!(options.variation >= 0.0 && options.variation <= kMaxVariation))
    throw input_error("mapped network: variation " + std::to_string(options.variation) +
                      " is outside 0 to 0.5; give a relative standard deviation in that range "
                      "(e.g. 0.05 for 5 %)");
  Network mapped = network;
  keep_realised(mapped, network, mapping);
  if (options.variation > 0.0) add_variation(mapped, options);
  return mapped;
}

}  // namespace spikewafer::wafer
