#include "wafer/mapped_network.hpp"

#include <cmath>
#include <string>

#include "network/connectors.hpp"
#include "network/random_stream.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::wafer {
namespace {

// Keys the variation's random stream apart from every projection's.
constexpr uint32_t kVariationStream = 0xFFFFFFFFu;

// Each projection as the list of its realised synapses. The projections are redrawn exactly as
// draw_synapses draws them (same plans, units in order), so synapse k here is mapping.synapses[k],
// and the delays come with them.
void replace_projections(Network& mapped, const Network& network, const MappingResult& mapping) {
  const auto plans = connectors::plan_projections(network);
  connectors::UnitSynapses unit;
  size_t k = 0;
  const auto mismatch = [&] {
    return input_error(network.source +
                       ": the mapping does not belong to this network (its synapses differ); "
                       "map the network again before building its mapped network");
  };
  for (const auto& plan : plans) {
    Projection& proj = mapped.projections[plan.index];
    proj.connector = Connector{};
    proj.connector.kind = Connector::Kind::kFromList;
    for (uint64_t u = 0; u < plan.units; ++u) {
      connectors::draw_unit(plan, u, true, unit);
      for (size_t i = 0; i < unit.pre.size(); ++i, ++k) {
        if (k >= mapping.synapses.size() || mapping.drawn.synapses[k].pre != unit.pre[i] ||
            mapping.drawn.synapses[k].post != unit.post[i])
          throw mismatch();
        const SynapsePlace& place = mapping.synapses[k];
        if (place.loss != LossCause::kNone) continue;
        proj.connector.list.push_back({unit.pre[i] - plan.source_offset,
                                       unit.post[i] - plan.target_offset,
                                       static_cast<double>(place.realised),
                                       unit.delay_steps[i] * plan.dt});
      }
    }
  }
  if (k != mapping.synapses.size()) throw mismatch();
}

void add_variation(Network& mapped, const MappedNetworkOptions& options) {
  for (uint32_t p = 0; p < mapped.populations.size(); ++p) {
    Population& pop = mapped.populations[p];
    if (is_spike_source(pop.model)) continue;
    RandomStream rng(options.seed, kVariationStream, StreamPurpose::kConnect, p);
    const NeuronParams& q = pop.params;
    const double distance = q.v_thresh - q.v_rest;
    const double leak = q.cm / q.tau_m;  // uS: nF / ms
    if (pop.i_offset_per_neuron.empty()) pop.i_offset_per_neuron.assign(pop.size, 0.0);
    for (uint32_t n = 0; n < pop.size; ++n) {
      // Threshold distance d (1 + variation z): the leak potential moves by -variation z d.
      const double shift = -options.variation * rng.normal() * distance;
      pop.i_offset_per_neuron[n] += leak * shift;
    }
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
  replace_projections(mapped, network, mapping);
  if (options.variation > 0.0) add_variation(mapped, options);
  return mapped;
}

}  // namespace spikewafer::wafer
