// L1 routing: every hop of every route is a line continuation or a crossbar switch that the
// topology functions confirm, no line carries two buses, each entry is a vertical line of its
// target chip, and both routers reach the targets of a small network.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "wafer/crossbar.hpp"
#include "wafer/mapping.hpp"
#include "wafer_mapping_support.hpp"

namespace spikewafer::wafer {
namespace {

// Whether `to` follows `from` on the wafer: checked with the topology module's own functions.
bool hop_exists(L1Node from, L1Node to) {
  if (node_is_vertical(from) != node_is_vertical(to)) {
    if (node_hicann(from) != node_hicann(to)) return false;
    const HLineOnWafer h = node_is_vertical(from) ? node_hline(to) : node_hline(from);
    const VLineOnWafer v = node_is_vertical(from) ? node_vline(from) : node_vline(to);
    return crossbar_switch_exists(h.line, v.line);
  }
  if (node_is_vertical(from)) {
    for (Direction d : {Direction::kNorth, Direction::kSouth}) {
      const auto next = continuation(node_vline(from), d);
      if (next && l1_node(*next) == to) return true;
    }
    return false;
  }
  for (Direction d : {Direction::kEast, Direction::kWest}) {
    const auto next = continuation(node_hline(from), d);
    if (next && l1_node(*next) == to) return true;
  }
  return false;
}

void check_routes(const MappingResult& r) {
  std::map<std::pair<uint32_t, L1Node>, uint32_t> holder;  // (wafer, line) -> bus
  for (const BusRoute& route : r.routes) {
    std::set<L1Node> held(route.lines.begin(), route.lines.end());
    for (L1Node line : route.lines) {
      const auto [it, fresh] = holder.emplace(std::make_pair(route.wafer, line), route.bus);
      EXPECT_TRUE(fresh || it->second == route.bus) << "line " << line << " carries two buses";
    }
    for (const auto& [from, to] : route.hops) {
      EXPECT_TRUE(hop_exists(from, to)) << "bus " << route.bus << ": no switch or continuation "
                                        << from << " -> " << to;
      EXPECT_TRUE(held.count(from) && held.count(to)) << "hop over a line the bus does not hold";
    }
    // The route starts on the bus's sending line.
    EXPECT_TRUE(sending_merger(node_hline(route.lines.front()).line).has_value());
    for (const RouteEntry& e : route.entries)
      EXPECT_TRUE(held.count(l1_node(VLineOnWafer{e.target, e.line}))) << "entry not on route";
  }
}

TEST(WaferRoutingTest, ShortestPathHopsExistAndLinesAreExclusive) {
  MappingOptions options;
  options.wafers = 1;
  const MappingResult r = map_network(test::spread_network(), options);
  ASSERT_GT(r.routes.size(), 10u);
  check_routes(r);
  for (const BusRoute& route : r.routes) EXPECT_TRUE(route.unreached.empty());
  EXPECT_EQ(r.total.no_route, 0u);
}

TEST(WaferRoutingTest, BackboneHopsExistAndLinesAreExclusive) {
  MappingOptions options;
  options.wafers = 1;
  options.router = RouterKind::kBackbone;
  const MappingResult r = map_network(test::spread_network(), options);
  check_routes(r);
  uint64_t reached = 0;
  for (const BusRoute& route : r.routes) reached += route.entries.size();
  EXPECT_GT(reached, 0u);
  // Everything the backbone does not reach is reported as no-route loss, nothing hidden.
  EXPECT_EQ(r.total.requested, r.total.realised + r.total.lost());
}

TEST(WaferRoutingTest, NeighboursAgreeWithTopology) {
  std::vector<L1Node> out;
  for (L1Node n : {L1Node{0}, L1Node{150 * kL1NodesPerHicann + 6},
                   L1Node{200 * kL1NodesPerHicann + 64 + 131}}) {
    out.clear();
    l1_neighbours(n, out);
    for (L1Node m : out) EXPECT_TRUE(hop_exists(n, m));
  }
}

TEST(WaferRoutingTest, RouterNames) {
  EXPECT_EQ(router_from_name("backbone"), RouterKind::kBackbone);
  EXPECT_EQ(router_from_name("shortest-path"), RouterKind::kShortestPath);
  EXPECT_THROW(router_from_name("astar"), Error);
}

TEST(WaferRoutingTest, OtherWafersGoOverL2) {
  const Network net = test::split_over_two_wafers();
  MappingOptions options;
  options.wafers = 2;
  options.neuron_size = 2;
  options.keep_places = true;
  const MappingResult r = map_network(net, options);
  EXPECT_EQ(r.placement.wafers_used, 2u);
  EXPECT_GT(r.l2_links, 0u);
  EXPECT_TRUE(r.routes.empty());  // no L1 across wafers
  ASSERT_EQ(r.places.size(), r.total.requested);
  for (const PlacedSynapse& s : r.places) EXPECT_TRUE(s.place.over_l2);
  EXPECT_EQ(r.total.lost(), 0u);
}

}  // namespace
}  // namespace spikewafer::wafer
