// L1 routing: each source bus (the events of one chip's output bus, placement.hpp) must reach
// every chip of its wafer that holds a target of its neurons. A route starts on the bus's sending
// horizontal line (its DNC merger's sending repeater, l1_continuation.hpp) and ends, for each
// target chip, on a vertical line of that chip, whose synapse switches then feed the drivers
// (synapse_drivers.hpp). Each L1 line carries at most one bus. Targets on other wafers are not
// routed over L1 (lines end at the wafer's edge): they travel over L2, through the FPGAs, and
// are counted as such.
//
// Two routers:
//   kShortestPath  Dijkstra over the lines of the wafer, from the sending line (and, for later
//                  targets, from the whole tree built so far: one search per bus grows a
//                  shortest-path tree until every target chip is reached). Lines held by other
//                  buses are closed; entering a line costs 1 + 4 x (share of that chip's lines
//                  already in use), so routes bend around congested chips. A vertical line is
//                  accepted as a chip's entry only while fewer than 14 entries share its group of
//                  synapse switches (the 14 drivers those switches reach on the chip). Entering
//                  costs more where the drivers the bus wants there (RouteRequest::drivers) would
//                  overfill the line's switch group (14 drivers) or put its side more than 14
//                  drivers ahead of the other (or over 112): 4 per 14 drivers over, so buses
//                  spread over the chip's groups and both sides.
//   kBackbone      the simple router: along the sending line east and west over the source's
//                  grid row, then at each target column through a crossbar switch onto a vertical
//                  line north or south (the first of the 8 crossbar lines that is free over the
//                  whole stretch). A blocked line ends the route; targets beyond it are lost.
// A target that no route reaches is "no route" loss. Buses are routed in order of their index.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "wafer/l1_graph.hpp"
#include "wafer/system.hpp"

namespace spikewafer::wafer {

enum class RouterKind { kShortestPath, kBackbone };
const char* router_name(RouterKind kind);
// "shortest-path" or "backbone"; throws input_error otherwise.
RouterKind router_from_name(const std::string& name);

struct RouteRequest {
  uint32_t bus = 0;    // the bus's id: global chip * 8 + bus on chip
  uint32_t wafer = 0;
  HicannOnWafer source{0};
  HLineOnHicann sending_line{0};
  std::vector<HicannOnWafer> targets;  // chips of the same wafer, without repeats
  std::vector<uint32_t> drivers;       // per target: the drivers the bus wants there (or empty)
};

struct RouteEntry {
  HicannOnWafer target{0};
  VLineOnHicann line{0};  // the vertical line of the target chip the bus arrives on
};

struct BusRoute {
  uint32_t bus = 0;
  uint32_t wafer = 0;
  std::vector<L1Node> lines;                        // every line the route holds (sending first)
  std::vector<std::pair<L1Node, L1Node>> hops;      // (from, to): continuations and switches
  std::vector<RouteEntry> entries;                  // one per reached target
  std::vector<HicannOnWafer> unreached;
};

// Which bus holds each line of each wafer (-1: free). Wafers are independent (L1 lines end at a
// wafer's edge), and so are chips for the entries: one thread per wafer, or per chip, may write.
class L1Occupancy {
 public:
  explicit L1Occupancy(uint32_t wafers);
  int64_t owner(uint32_t wafer, L1Node node) const { return owner_[wafer][node]; }
  void take(uint32_t wafer, L1Node node, uint32_t bus);
  uint32_t used_on_chip(uint32_t wafer, uint32_t hicann) const { return used_[wafer][hicann]; }
  uint64_t lines_used() const;
  // Entries (routes ending on a chip) per switch group of a chip.
  uint32_t entries_in_group(uint32_t wafer, uint32_t hicann, uint32_t group) const {
    return entries_[wafer][hicann * kSwitchGroups + group];
  }
  void add_entry(uint32_t wafer, uint32_t hicann, uint32_t group) {
    ++entries_[wafer][hicann * kSwitchGroups + group];
  }
  // Drivers wanted by the buses that enter a chip in each switch group: a group's lines reach
  // 14 drivers of the chip directly (and their chains, on the lines' side of the chip).
  uint32_t drivers_promised(uint32_t wafer, uint32_t hicann, uint32_t group) const {
    return promised_[wafer][hicann * kSwitchGroups + group];
  }
  uint32_t drivers_promised_on_side(uint32_t wafer, uint32_t hicann, uint32_t side) const;
  void promise(uint32_t wafer, uint32_t hicann, uint32_t group, uint32_t drivers) {
    promised_[wafer][hicann * kSwitchGroups + group] += drivers;
  }
  static constexpr uint32_t kSwitchGroups = 16;

 private:
  std::vector<std::vector<int64_t>> owner_;
  std::vector<std::vector<uint32_t>> used_;
  std::vector<std::vector<uint32_t>> entries_;
  std::vector<std::vector<uint32_t>> promised_;
};

// Routes every request in order. The sending lines of all requests are reserved first, so no bus
// runs over another chip's sending line. Requests must be ordered by wafer; the wafers are routed
// in parallel (each in order of its requests), so the routes are the same for any thread count.
std::vector<BusRoute> route_buses(const std::vector<RouteRequest>& requests, RouterKind kind,
                                  L1Occupancy& occupancy);

// One bus, used by route_buses (exposed for tests).
BusRoute route_shortest_path(const RouteRequest& request, L1Occupancy& occupancy);
BusRoute route_backbone(const RouteRequest& request, L1Occupancy& occupancy);

// The group of synapse switches a vertical line uses: lines of one side whose (v mod 32) / 4 is
// equal reach the same switch rows and so compete for the same 14 drivers of a chip. 0..15.
uint32_t switch_group(VLineOnHicann line);
// The side of the chip a switch group's lines are on (0 left, 1 right), as switch_group numbers it.
inline uint32_t switch_group_side(uint32_t group) {
  return group / (L1Occupancy::kSwitchGroups / 2);
}

}  // namespace spikewafer::wafer
