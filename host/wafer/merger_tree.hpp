// The merger tree that carries a chip's own events onto its sending L1 lines. Level 0 has 8
// mergers, merger b joining background generator b and neuron block b; levels 1, 2 and 3 have 4,
// 2 and 1 mergers, merger i of level k joining mergers 2 i and 2 i + 1 of level k - 1 [halco:
// Merger0..3OnHICANN::inputs]. Each of the 8 DNC mergers takes one node of the tree (and the events
// that arrive from the FPGA) [marocco: MergerTreeGraph.cpp] and feeds one sending repeater
// (l1_continuation.hpp: sending_hline). Events that share a merger share an L1 bus, hence its 59
// usable addresses: this is why the neuron-size table limits small neurons (neuron_sizes.hpp).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "wafer/coordinates.hpp"

namespace spikewafer::wafer {

constexpr uint32_t kMergerLevels = 4;

// A merger of the tree: level 0..3, index 0 .. 8 / 2^level - 1.
class MergerNode {
 public:
  MergerNode(uint32_t level, uint32_t index);  // throws input_error out of range
  uint32_t level() const { return level_; }
  uint32_t index() const { return index_; }
  friend bool operator==(MergerNode a, MergerNode b) {
    return a.level_ == b.level_ && a.index_ == b.index_;
  }

 private:
  uint32_t level_;
  uint32_t index_;
};

// The two mergers below a merger of level 1..3 (throws for level 0, whose inputs are a
// background generator and a neuron block).
std::array<MergerNode, 2> merger_inputs(MergerNode node);
// The neuron blocks whose events pass through a merger, ascending.
std::vector<NeuronBlockOnHicann> blocks_below(MergerNode node);
// The tree node a DNC merger takes.
MergerNode dnc_merger_source(DncMergerOnHicann merger);

}  // namespace spikewafer::wafer
