#include "wafer/routing.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <exception>
#include <queue>
#include <stdexcept>

#include "spikewafer/error.hpp"

namespace spikewafer::wafer {
namespace {

// Drivers of a chip that one switch group reaches (synapse_switches.hpp: 14 per vertical line).
constexpr uint32_t kDriversPerSwitchGroup = kSynapseSwitchesPerVLine / 2;
// Weight of congestion in the cost of entering a line (see routing.hpp).
constexpr double kCongestionWeight = 4.0;
// Cost of entering a target chip, per 14 drivers wanted beyond its switch group's 14, or beyond
// 14 ahead of the other side (at most the side's 112).
constexpr double kEntryLoadWeight = 4.0;
// Marks a queue item as an offer of its line as a target's entry (L1 nodes are below 2^31).
constexpr L1Node kEntry = L1Node{1} << 31;

// Every node's neighbours, computed once: at most 2 continuations and 8 crossbar switches.
struct Adjacency {
  static constexpr uint32_t kMax = 10;
  std::vector<std::array<L1Node, kMax>> next;
  std::vector<uint8_t> count;
};

const Adjacency& adjacency() {
  static const Adjacency a = [] {
    Adjacency adj;
    adj.next.resize(kL1NodesPerWafer);
    adj.count.resize(kL1NodesPerWafer);
    std::vector<L1Node> out;
    for (L1Node n = 0; n < kL1NodesPerWafer; ++n) {
      out.clear();
      l1_neighbours(n, out);
      adj.count[n] = static_cast<uint8_t>(out.size());
      std::copy(out.begin(), out.end(), adj.next[n].begin());
    }
    return adj;
  }();
  return a;
}

// Search state reused between buses: only the nodes touched are reset.
struct SearchState {
  std::vector<double> cost = std::vector<double>(kL1NodesPerWafer, kUnreached);
  std::vector<L1Node> previous = std::vector<L1Node>(kL1NodesPerWafer, kNone);
  std::vector<L1Node> touched;
  static constexpr double kUnreached = std::numeric_limits<double>::infinity();
  static constexpr L1Node kNone = std::numeric_limits<L1Node>::max();

  void reset() {
    for (L1Node n : touched) {
      cost[n] = kUnreached;
      previous[n] = kNone;
    }
    touched.clear();
  }
};

bool usable(const L1Occupancy& occ, uint32_t wafer, L1Node node, uint32_t bus) {
  const int64_t owner = occ.owner(wafer, node);
  return owner < 0 || owner == bus;
}

// Adds the path to `end` (through `previous`, back to the first line the bus already holds) to
// the route, holds its lines, and returns the lines that were added.
std::vector<L1Node> claim_path(const SearchState& s, L1Node end, BusRoute& route,
                               L1Occupancy& occ) {
  std::vector<L1Node> path;
  for (L1Node n = end; n != SearchState::kNone; n = s.previous[n]) {
    path.push_back(n);
    if (occ.owner(route.wafer, n) == route.bus) break;  // joined the tree built so far
  }
  std::reverse(path.begin(), path.end());
  std::vector<L1Node> added;
  for (size_t i = 0; i < path.size(); ++i) {
    if (occ.owner(route.wafer, path[i]) != route.bus) {
      route.lines.push_back(path[i]);
      added.push_back(path[i]);
      occ.take(route.wafer, path[i], route.bus);
    }
    if (i > 0) route.hops.emplace_back(path[i - 1], path[i]);
  }
  return added;
}

}  // namespace

const char* router_name(RouterKind kind) {
  return kind == RouterKind::kBackbone ? "backbone" : "shortest-path";
}

RouterKind router_from_name(const std::string& name) {
  if (name == "shortest-path") return RouterKind::kShortestPath;
  if (name == "backbone") return RouterKind::kBackbone;
  throw input_error("unknown router '" + name + "': use shortest-path or backbone");
}

uint32_t switch_group(VLineOnHicann line) {
  const uint32_t side = side_of(line) == Side::kLeft ? 0 : 1;
  return side * 8 + (line.value() % 32) / 4;
}

L1Occupancy::L1Occupancy(uint32_t wafers)
    : owner_(wafers, std::vector<int64_t>(kL1NodesPerWafer, -1)),
      used_(wafers, std::vector<uint32_t>(kHicannsPerWafer, 0)),
      entries_(wafers, std::vector<uint32_t>(kHicannsPerWafer * kSwitchGroups, 0)),
      promised_(wafers, std::vector<uint32_t>(kHicannsPerWafer * kSwitchGroups, 0)) {}

uint32_t L1Occupancy::drivers_promised_on_side(uint32_t wafer, uint32_t hicann,
                                               uint32_t side) const {
  uint32_t total = 0;
  for (uint32_t g = side * kSwitchGroups / 2; g < (side + 1) * kSwitchGroups / 2; ++g)
    total += drivers_promised(wafer, hicann, g);
  return total;
}

void L1Occupancy::take(uint32_t wafer, L1Node node, uint32_t bus) {
  int64_t& owner = owner_[wafer][node];
  if (owner == bus) return;
  if (owner >= 0) {
    throw Error(ErrorKind::kInput, "internal: L1 line " + std::to_string(node) +
                                       " given to two buses");
  }
  owner = bus;
  ++used_[wafer][node / kL1NodesPerHicann];
}

uint64_t L1Occupancy::lines_used() const {
  uint64_t total = 0;
  for (const auto& wafer : used_)
    for (uint32_t lines : wafer) total += lines;
  return total;
}

BusRoute route_shortest_path(const RouteRequest& request, L1Occupancy& occ) {
  thread_local SearchState s;  // one search at a time per thread (route_buses: one per wafer)
  const Adjacency& adj = adjacency();
  BusRoute route;
  route.bus = request.bus;
  route.wafer = request.wafer;
  const L1Node start = l1_node(HLineOnWafer{request.source, request.sending_line});
  if (!usable(occ, request.wafer, start, request.bus)) {
    route.unreached = request.targets;
    return route;
  }
  std::vector<int> target_index(kHicannsPerWafer, -1);
  for (size_t i = 0; i < request.targets.size(); ++i)
    target_index[request.targets[i].index()] = static_cast<int>(i);
  std::vector<bool> reached(request.targets.size(), false);
  size_t left = request.targets.size();
  route.lines.push_back(start);
  occ.take(request.wafer, start, request.bus);

  // What entering a target chip on a line of `group` adds to the route's cost (routing.hpp).
  const auto entry_penalty = [&](uint32_t hicann, uint32_t group, size_t target) {
    if (request.drivers.empty()) return 0.0;
    const uint32_t want = request.drivers[target];
    const uint32_t side = switch_group_side(group);
    const auto over = [](uint32_t wanted, uint32_t capacity) {
      return wanted > capacity ? static_cast<double>(wanted - capacity) : 0.0;
    };
    return kEntryLoadWeight / kDriversPerSwitchGroup *
           (over(occ.drivers_promised(request.wafer, hicann, group) + want, kDriversPerSwitchGroup) +
            over(occ.drivers_promised_on_side(request.wafer, hicann, side) + want,
                 std::min(kSynapseDriversPerSide,
                          occ.drivers_promised_on_side(request.wafer, hicann, 1 - side) +
                              kDriversPerSwitchGroup)));
  };
  s.reset();
  // Items are lines, or (with kEntry) a line offered as a target chip's entry at its cost plus
  // the entry's penalty: the target takes the cheapest offer.
  using Item = std::pair<double, L1Node>;
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> queue;
  s.cost[start] = 0.0;
  s.touched.push_back(start);
  queue.push({0.0, start});
  while (!queue.empty() && left > 0) {
    const auto [cost, item] = queue.top();
    queue.pop();
    const L1Node node = item & ~kEntry;
    const uint32_t hicann = node / kL1NodesPerHicann;
    // A vertical line of a target chip not yet reached, whose switch group takes another entry.
    const bool target_open =
        node_is_vertical(node) && target_index[hicann] >= 0 && !reached[target_index[hicann]];
    const VLineOnHicann line = target_open ? node_vline(node).line : VLineOnHicann(0);
    const uint32_t group = switch_group(line);
    const bool group_open = target_open && occ.entries_in_group(request.wafer, hicann, group) <
                                               kDriversPerSwitchGroup;
    if (item & kEntry) {
      if (!group_open) continue;
      const auto target = static_cast<size_t>(target_index[hicann]);
      reached[target] = true;
      --left;
      occ.add_entry(request.wafer, hicann, group);
      if (!request.drivers.empty())
        occ.promise(request.wafer, hicann, group, request.drivers[target]);
      route.entries.push_back({HicannOnWafer(hicann), line});
      // The tree grows: its new lines become sources (cost 0) for the remaining targets.
      for (L1Node n : claim_path(s, node, route, occ)) {
        if (s.cost[n] > 0.0) {
          s.cost[n] = 0.0;
          queue.push({0.0, n});
        }
      }
      continue;
    }
    if (cost > s.cost[node]) continue;
    if (group_open)
      queue.push({cost + entry_penalty(hicann, group, static_cast<size_t>(target_index[hicann])),
                  node | kEntry});
    for (uint32_t k = 0; k < adj.count[node]; ++k) {
      const L1Node next = adj.next[node][k];
      if (!usable(occ, request.wafer, next, request.bus)) continue;
      const uint32_t chip = next / kL1NodesPerHicann;
      const double step =
          occ.owner(request.wafer, next) == request.bus
              ? 0.0  // already part of this bus's tree
              : 1.0 + kCongestionWeight * occ.used_on_chip(request.wafer, chip) /
                          static_cast<double>(kL1NodesPerHicann);
      if (cost + step < s.cost[next]) {
        if (s.cost[next] == SearchState::kUnreached) s.touched.push_back(next);
        s.cost[next] = cost + step;
        s.previous[next] = node;
        queue.push({cost + step, next});
      }
    }
  }
  for (size_t i = 0; i < request.targets.size(); ++i)
    if (!reached[i]) route.unreached.push_back(request.targets[i]);
  return route;
}

std::vector<BusRoute> route_buses(const std::vector<RouteRequest>& requests, RouterKind kind,
                                  L1Occupancy& occ) {
  for (const RouteRequest& r : requests)
    occ.take(r.wafer, l1_node(HLineOnWafer{r.source, r.sending_line}), r.bus);
  // Each wafer's run of requests, routed on its own: [first[i], first[i + 1]).
  std::vector<size_t> first;
  for (size_t i = 0; i < requests.size(); ++i) {
    if (i > 0 && requests[i].wafer < requests[i - 1].wafer)
      throw std::logic_error("route_buses: requests not ordered by wafer");
    if (i == 0 || requests[i].wafer != requests[i - 1].wafer) first.push_back(i);
  }
  first.push_back(requests.size());
  std::vector<BusRoute> routes(requests.size());
  const auto runs = static_cast<int64_t>(first.size() - 1);
  std::vector<std::exception_ptr> failures(static_cast<size_t>(runs));  // the first is thrown
#pragma omp parallel for schedule(dynamic, 1)
  for (int64_t w = 0; w < runs; ++w) {
    try {
      for (size_t i = first[w]; i < first[w + 1]; ++i)
        routes[i] = kind == RouterKind::kBackbone ? route_backbone(requests[i], occ)
                                                  : route_shortest_path(requests[i], occ);
    } catch (...) {
      failures[w] = std::current_exception();
    }
  }
  for (const std::exception_ptr& failure : failures)
    if (failure) std::rethrow_exception(failure);
  return routes;
}

}  // namespace spikewafer::wafer
