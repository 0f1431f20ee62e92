#include <algorithm>

#include "spikewafer/spike_exchange.hpp"

namespace spikewafer {

bool Partition::owns(uint32_t neuron) const {
  if (ranges.empty()) return true;
  // The last range starting at or before the neuron.
  auto it = std::upper_bound(ranges.begin(), ranges.end(), neuron,
                             [](uint32_t n, const Range& r) { return n < r.first; });
  return it != ranges.begin() && neuron < std::prev(it)->second;
}

Partition balanced_partition(std::shared_ptr<SpikeExchange> exchange, uint32_t neurons) {
  Partition p;
  const uint64_t rank = exchange ? static_cast<uint64_t>(exchange->rank()) : 0;
  const uint64_t ranks = exchange ? static_cast<uint64_t>(exchange->ranks()) : 1;
  p.ranges.emplace_back(static_cast<uint32_t>(neurons * rank / ranks),
                        static_cast<uint32_t>(neurons * (rank + 1) / ranks));
  p.exchange = std::move(exchange);
  return p;
}

Partition partition_by_owner(std::shared_ptr<SpikeExchange> exchange,
                             const std::vector<int>& owner_of_neuron) {
  Partition p;
  const int rank = exchange ? exchange->rank() : 0;
  for (uint32_t n = 0; n < owner_of_neuron.size(); ++n) {
    if (owner_of_neuron[n] != rank) continue;
    if (!p.ranges.empty() && p.ranges.back().second == n) ++p.ranges.back().second;
    else p.ranges.emplace_back(n, n + 1);
  }
  if (p.ranges.empty()) p.ranges.emplace_back(0, 0);  // owns nothing (not "everything")
  p.exchange = std::move(exchange);
  return p;
}

}  // namespace spikewafer
