#include "wafer/partition.hpp"

#include <algorithm>
#include <vector>

#include "wafer/constants.hpp"

namespace spikewafer::wafer {

Partition wafer_partition(const Placement& placement, std::shared_ptr<SpikeExchange> exchange) {
  if (!exchange || exchange->ranks() < 2) return Partition{std::move(exchange), {}};
  const uint64_t ranks = static_cast<uint64_t>(exchange->ranks());
  // The unit of the split: wafers where there are enough, else chips; numbered in order of use.
  const bool by_wafer = placement.wafers_used >= ranks;
  std::vector<uint32_t> units;
  for (const NeuronLocation& n : placement.neurons)
    units.push_back(by_wafer ? n.chip / kHicannsPerWafer : n.chip);
  std::vector<uint32_t> used = units;
  std::sort(used.begin(), used.end());
  used.erase(std::unique(used.begin(), used.end()), used.end());
  std::vector<int> owner(units.size());
  for (size_t n = 0; n < units.size(); ++n) {
    const uint64_t index = static_cast<uint64_t>(
        std::lower_bound(used.begin(), used.end(), units[n]) - used.begin());
    owner[n] = static_cast<int>(index * ranks / used.size());
  }
  return partition_by_owner(std::move(exchange), owner);
}

}  // namespace spikewafer::wafer
