#include "wafer/network_synapses.hpp"

#include <algorithm>
#include <numeric>

#include "network/connectivity.hpp"
#include "network/layout.hpp"
#include "network/unit_workers.hpp"
#include "network/validate.hpp"

namespace spikewafer::wafer {

uint64_t DrawnNetwork::synapses() const {
  return std::accumulate(synapses_per_projection.begin(), synapses_per_projection.end(),
                         uint64_t{0});
}

DrawnNetwork draw_synapses(const Network& network) {
  validate(network);
  DrawnNetwork drawn;
  drawn.population_offsets = population_offsets(network);
  const auto plans = connectors::plan_projections(network);
  const int workers = connectors::drawing_workers(drawn.neurons(), expected_synapses(network));
  drawn.unit_offsets.resize(plans.size());
  for (size_t p = 0; p < plans.size(); ++p) drawn.unit_offsets[p].assign(plans[p].units + 1, 0);
  // Each worker counts in-degrees in its own array; unit sizes go to distinct entries.
  std::vector<std::vector<uint32_t>> in_degree(workers);
  connectors::for_each_share(
      plans, connectors::all_units(plans), workers, true,
      [&](int w, size_t p, uint64_t u, const connectors::UnitSynapses& s) {
        if (in_degree[w].empty()) in_degree[w].assign(drawn.neurons(), 0);
        for (uint32_t post : s.post) ++in_degree[w][post];
        drawn.unit_offsets[p][u + 1] = s.pre.size();
      },
      [](int) {});
  drawn.synapses_per_projection.assign(plans.size(), 0);
  for (size_t p = 0; p < plans.size(); ++p) {
    auto& offsets = drawn.unit_offsets[p];
    std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
    drawn.synapses_per_projection[p] = offsets.back();
  }
  drawn.in_degree.assign(drawn.neurons(), 0);
  for (const auto& counts : in_degree)
    for (size_t n = 0; n < counts.size(); ++n) drawn.in_degree[n] += counts[n];
  if (!drawn.in_degree.empty())
    drawn.max_in_degree = *std::max_element(drawn.in_degree.begin(), drawn.in_degree.end());
  return drawn;
}

}  // namespace spikewafer::wafer
