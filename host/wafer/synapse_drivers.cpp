#include "wafer/synapse_drivers.hpp"

#include <algorithm>
#include <deque>

#include "wafer/synapse_switches.hpp"

namespace spikewafer::wafer {

uint32_t DriverPool::used() const {
  return static_cast<uint32_t>(
      std::count_if(owner_.begin(), owner_.end(), [](int64_t o) { return o >= 0; }));
}

std::vector<SynapseDriverOnHicann> chain_neighbours(SynapseDriverOnHicann driver) {
  std::vector<SynapseDriverOnHicann> out;
  const int64_t y = driver.value();
  for (int64_t next : {y - 2, y + 2}) {
    if (next < 0 || next >= static_cast<int64_t>(kSynapseDriversPerHicann)) continue;
    const SynapseDriverOnHicann d(next);
    // y +- 2 keeps the side within a half; crossing into the other half changes the quadrant.
    if (driver_half(d) == driver_half(driver) && driver_side(d) == driver_side(driver))
      out.push_back(d);
  }
  return out;
}

std::vector<SynapseDriverOnHicann> DriverPool::allocate(uint32_t bus, VLineOnHicann line,
                                                        uint32_t wanted) {
  std::vector<SynapseDriverOnHicann> taken;
  for (const DriverOnChip& primary : reachable_drivers(line)) {
    if (taken.size() >= wanted) break;
    if (primary.chip != ChipOffset::kSame || !is_free(primary.driver)) continue;
    // Grow a chain from the primary driver, nearest free neighbours first.
    std::deque<SynapseDriverOnHicann> frontier{primary.driver};
    owner_[primary.driver.value()] = bus;
    taken.push_back(primary.driver);
    uint32_t chain = 1;
    while (!frontier.empty() && taken.size() < wanted && chain < kMaxDriverChainLength) {
      const SynapseDriverOnHicann d = frontier.front();
      frontier.pop_front();
      for (SynapseDriverOnHicann n : chain_neighbours(d)) {
        if (taken.size() >= wanted || chain >= kMaxDriverChainLength || !is_free(n)) continue;
        owner_[n.value()] = bus;
        taken.push_back(n);
        frontier.push_back(n);
        ++chain;
      }
    }
  }
  return taken;
}

}  // namespace spikewafer::wafer
