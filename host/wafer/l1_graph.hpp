// The L1 network of one wafer as a graph for routing: a node per line of a chip (64 horizontal,
// then 256 vertical; 384 x 320 nodes), an edge where a line continues onto the neighbouring chip
// (l1_continuation.hpp) and where a crossbar switch joins a horizontal and a vertical line of the
// same chip (crossbar.hpp). Synapse-driver switches are not edges: a route ends on a vertical
// line, whose switches then feed drivers (synapse_switches.hpp, synapse_drivers.hpp).
#pragma once

#include <cstdint>
#include <vector>

#include "wafer/hicann_grid.hpp"
#include "wafer/l1_continuation.hpp"

namespace spikewafer::wafer {

using L1Node = uint32_t;  // hicann * 320 + line (horizontal) or hicann * 320 + 64 + line

constexpr uint32_t kL1NodesPerHicann = kHLinesPerHicann + kVLinesPerHicann;
constexpr uint32_t kL1NodesPerWafer = kHicannsPerWafer * kL1NodesPerHicann;

inline L1Node l1_node(const HLineOnWafer& line) {
  return line.hicann.index() * kL1NodesPerHicann + line.line.value();
}
inline L1Node l1_node(const VLineOnWafer& line) {
  return line.hicann.index() * kL1NodesPerHicann + kHLinesPerHicann + line.line.value();
}
inline HicannOnWafer node_hicann(L1Node node) { return HicannOnWafer(node / kL1NodesPerHicann); }
inline bool node_is_vertical(L1Node node) { return node % kL1NodesPerHicann >= kHLinesPerHicann; }
inline HLineOnWafer node_hline(L1Node node) {
  return {node_hicann(node), HLineOnHicann(node % kL1NodesPerHicann)};
}
inline VLineOnWafer node_vline(L1Node node) {
  return {node_hicann(node), VLineOnHicann(node % kL1NodesPerHicann - kHLinesPerHicann)};
}

// The lines a signal on `node` can pass to: its continuations (east/west or north/south, where
// the neighbour exists) and its crossbar partners on the same chip. Appends to `out`.
void l1_neighbours(L1Node node, std::vector<L1Node>& out);

}  // namespace spikewafer::wafer
