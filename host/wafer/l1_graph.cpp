#include "wafer/l1_graph.hpp"

#include "wafer/crossbar.hpp"

namespace spikewafer::wafer {

void l1_neighbours(L1Node node, std::vector<L1Node>& out) {
  if (node_is_vertical(node)) {
    const VLineOnWafer line = node_vline(node);
    for (Direction d : {Direction::kNorth, Direction::kSouth}) {
      if (auto next = continuation(line, d)) out.push_back(l1_node(*next));
    }
    for (HLineOnHicann h : crossbar_hlines(line.line)) out.push_back(l1_node(HLineOnWafer{line.hicann, h}));
  } else {
    const HLineOnWafer line = node_hline(node);
    for (Direction d : {Direction::kEast, Direction::kWest}) {
      if (auto next = continuation(line, d)) out.push_back(l1_node(*next));
    }
    for (VLineOnHicann v : crossbar_vlines(line.line)) out.push_back(l1_node(VLineOnWafer{line.hicann, v}));
  }
}

}  // namespace spikewafer::wafer
