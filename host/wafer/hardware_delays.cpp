#include "wafer/hardware_delays.hpp"

#include <stdexcept>
#include <unordered_map>

#include "io/number_text.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::wafer {

void check_speedup(double speedup, const std::string& option) {
  if (speedup >= kMinSpeedup && speedup <= kMaxSpeedup) return;
  throw input_error(option + " " + number_text(speedup) +
                    ": BrainScaleS-1 runs 1e3 to 1e5 times faster than biology; give a value in "
                    "that range (default 1e4)");
}

std::vector<uint32_t> hicanns_to_entries(const BusRoute& route) {
  // The route is a tree grown from its sending line: each hop enters a line from its parent.
  std::unordered_map<L1Node, L1Node> parent;
  for (const auto& [from, to] : route.hops) parent.emplace(to, from);
  std::vector<uint32_t> chips;
  for (const RouteEntry& e : route.entries) {
    L1Node node = l1_node(VLineOnWafer{e.target, e.line});
    uint32_t count = 1;
    for (size_t steps = 0;; ++steps) {
      const auto up = parent.find(node);
      if (up == parent.end()) break;
      if (node_hicann(up->second) != node_hicann(node)) ++count;
      node = up->second;
      if (steps > route.hops.size())
        throw std::logic_error("hicanns_to_entries: the route of a bus has a cycle");
    }
    chips.push_back(count);
  }
  return chips;
}

}  // namespace spikewafer::wafer
