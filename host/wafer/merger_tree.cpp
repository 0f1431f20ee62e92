#include "wafer/merger_tree.hpp"

#include <string>

#include "spikewafer/error.hpp"

namespace spikewafer::wafer {
namespace {

uint32_t mergers_on_level(uint32_t level) { return kNeuronBlocksPerHicann >> level; }

// (level, index) of the tree node of each DNC merger [marocco MergerTreeGraph.cpp].
constexpr uint32_t kDncSource[kDncMergersPerHicann][2] = {{0, 0}, {1, 0}, {0, 2}, {3, 0},
                                                          {0, 4}, {2, 1}, {1, 3}, {0, 7}};

}  // namespace

MergerNode::MergerNode(uint32_t level, uint32_t index) : level_(level), index_(index) {
  if (level >= kMergerLevels || index >= mergers_on_level(level)) {
    throw input_error("merger (level " + std::to_string(level) + ", index " +
                      std::to_string(index) +
                      ") does not exist: the tree has levels 0 to 3 with 8, 4, 2 and 1 mergers");
  }
}

std::array<MergerNode, 2> merger_inputs(MergerNode node) {
  if (node.level() == 0) {
    throw input_error(
        "a level-0 merger joins a background generator and a neuron block, not "
        "two mergers");
  }
  return {MergerNode(node.level() - 1, 2 * node.index()),
          MergerNode(node.level() - 1, 2 * node.index() + 1)};
}

std::vector<NeuronBlockOnHicann> blocks_below(MergerNode node) {
  const uint32_t width = 1u << node.level();
  std::vector<NeuronBlockOnHicann> blocks;
  for (uint32_t b = node.index() * width; b < (node.index() + 1) * width; ++b) {
    blocks.emplace_back(b);
  }
  return blocks;
}

MergerNode dnc_merger_source(DncMergerOnHicann merger) {
  const auto& source = kDncSource[merger.value()];
  return MergerNode(source[0], source[1]);
}

}  // namespace spikewafer::wafer
