// The backbone router (routing.hpp): along the source's grid row on its sending line, then
// north or south on a vertical line at each column that holds targets.
#include <algorithm>
#include <map>
#include <optional>

#include "wafer/crossbar.hpp"
#include "wafer/routing.hpp"

namespace spikewafer::wafer {
namespace {

bool free_for(const L1Occupancy& occ, uint32_t wafer, L1Node node, uint32_t bus) {
  const int64_t owner = occ.owner(wafer, node);
  return owner < 0 || owner == bus;
}

void hold(BusRoute& route, L1Occupancy& occ, L1Node from, L1Node to) {
  if (occ.owner(route.wafer, to) != route.bus) {
    route.lines.push_back(to);
    occ.take(route.wafer, to, route.bus);
  }
  route.hops.emplace_back(from, to);
}

// The horizontal lines of the backbone by grid column, grown east and west from the source as
// far as the targets' columns need and the lines are free.
std::map<uint32_t, HLineOnWafer> build_backbone(const RouteRequest& request, BusRoute& route,
                                                L1Occupancy& occ) {
  const HLineOnWafer start{request.source, request.sending_line};
  std::map<uint32_t, HLineOnWafer> row{{request.source.x().value(), start}};
  uint32_t west = request.source.x().value(), east = west;
  for (const HicannOnWafer& t : request.targets) {
    west = std::min(west, t.x().value());
    east = std::max(east, t.x().value());
  }
  for (Direction d : {Direction::kEast, Direction::kWest}) {
    HLineOnWafer line = start;
    while (d == Direction::kEast ? line.hicann.x().value() < east
                                 : line.hicann.x().value() > west) {
      const auto next = continuation(line, d);
      if (!next || !free_for(occ, route.wafer, l1_node(*next), route.bus)) break;
      hold(route, occ, l1_node(line), l1_node(*next));
      line = *next;
      row.emplace(line.hicann.x().value(), line);
    }
  }
  return row;
}

// Targets in one column on one side of the backbone, nearest first.
struct Stretch {
  HLineOnWafer turn;                 // the backbone line where the route turns
  Direction direction;               // kNorth or kSouth (kNorth also for the backbone's own row)
  std::vector<HicannOnWafer> chips;  // nearest first
};

// Walks a vertical line from the turn towards the stretch's chips: how many it reaches.
size_t reach(const Stretch& st, VLineOnHicann first, const L1Occupancy& occ, uint32_t wafer,
             uint32_t bus, std::vector<VLineOnWafer>* walked) {
  VLineOnWafer line{st.turn.hicann, first};
  if (!free_for(occ, wafer, l1_node(line), bus)) return 0;
  if (walked) walked->push_back(line);
  size_t reached = 0;
  for (const HicannOnWafer& chip : st.chips) {
    while (line.hicann != chip) {
      const auto next = continuation(line, st.direction);
      if (!next || !free_for(occ, wafer, l1_node(*next), bus)) return reached;
      line = *next;
      if (walked) walked->push_back(line);
    }
    ++reached;
  }
  return reached;
}

}  // namespace

BusRoute route_backbone(const RouteRequest& request, L1Occupancy& occ) {
  BusRoute route;
  route.bus = request.bus;
  route.wafer = request.wafer;
  const HLineOnWafer start{request.source, request.sending_line};
  route.lines.push_back(l1_node(start));
  occ.take(request.wafer, l1_node(start), request.bus);
  const auto row = build_backbone(request, route, occ);
  const uint32_t y0 = request.source.y().value();

  std::map<std::pair<uint32_t, int>, Stretch> stretches;  // (column, direction) -> targets
  for (const HicannOnWafer& t : request.targets) {
    const auto turn = row.find(t.x().value());
    if (turn == row.end()) {
      route.unreached.push_back(t);
      continue;
    }
    const Direction d = t.y().value() > y0 ? Direction::kSouth : Direction::kNorth;
    auto& st = stretches.try_emplace({t.x().value(), static_cast<int>(d)},
                                     Stretch{turn->second, d, {}})
                   .first->second;
    st.chips.push_back(t);
  }
  for (auto& [key, st] : stretches) {
    std::sort(st.chips.begin(), st.chips.end(), [&](HicannOnWafer a, HicannOnWafer b) {
      const auto dist = [&](HicannOnWafer c) {
        return c.y().value() > y0 ? c.y().value() - y0 : y0 - c.y().value();
      };
      return dist(a) < dist(b);
    });
    // The crossbar line of the turn that reaches the most chips of the stretch.
    std::optional<VLineOnHicann> best;
    size_t best_reach = 0;
    for (VLineOnHicann v : crossbar_vlines(st.turn.line)) {
      const size_t r = reach(st, v, occ, route.wafer, route.bus, nullptr);
      if (r > best_reach) {
        best = v;
        best_reach = r;
      }
    }
    if (best) {
      std::vector<VLineOnWafer> walked;
      reach(st, *best, occ, route.wafer, route.bus, &walked);
      L1Node from = l1_node(st.turn);
      for (const VLineOnWafer& line : walked) {
        hold(route, occ, from, l1_node(line));
        from = l1_node(line);
      }
      for (size_t i = 0; i < best_reach; ++i) {
        const HicannOnWafer chip = st.chips[i];
        const auto at = std::find_if(walked.begin(), walked.end(),
                                     [&](const VLineOnWafer& l) { return l.hicann == chip; });
        route.entries.push_back({chip, at->line});
        occ.add_entry(route.wafer, chip.index(), switch_group(at->line));
      }
    }
    for (size_t i = best_reach; i < st.chips.size(); ++i) route.unreached.push_back(st.chips[i]);
  }
  return route;
}

}  // namespace spikewafer::wafer
