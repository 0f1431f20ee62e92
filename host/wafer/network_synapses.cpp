#include "wafer/network_synapses.hpp"

#include <algorithm>
#include <cmath>

#include "network/connectors.hpp"
#include "network/layout.hpp"
#include "network/validate.hpp"

namespace spikewafer::wafer {

DrawnNetwork draw_synapses(const Network& network) {
  validate(network);
  DrawnNetwork drawn;
  drawn.population_offsets = population_offsets(network);
  const auto plans = connectors::plan_projections(network);
  drawn.synapses_per_projection.assign(network.projections.size(), 0);
  std::vector<uint32_t> in_degree(drawn.neurons(), 0);
  connectors::UnitSynapses unit;
  // Serial: the mapping handles networks up to a few 10^7 synapses, which draw in seconds;
  // units are independent, so the order does not change what is drawn.
  for (const auto& plan : plans) {
    for (uint64_t u = 0; u < plan.units; ++u) {
      connectors::draw_unit(plan, u, true, unit);
      for (size_t i = 0; i < unit.pre.size(); ++i) {
        drawn.synapses.push_back(
            {unit.pre[i], unit.post[i], std::fabs(unit.weight[i]), plan.index});
        ++in_degree[unit.post[i]];
      }
      drawn.synapses_per_projection[plan.index] += unit.pre.size();
    }
  }
  if (!in_degree.empty()) drawn.max_in_degree = *std::max_element(in_degree.begin(), in_degree.end());
  return drawn;
}

uint32_t population_of(const DrawnNetwork& drawn, uint32_t neuron) {
  const auto& o = drawn.population_offsets;
  return static_cast<uint32_t>(std::upper_bound(o.begin(), o.end(), neuron) - o.begin()) - 1;
}

}  // namespace spikewafer::wafer
