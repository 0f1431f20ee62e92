#include "wafer/neuron_slots.hpp"

#include <algorithm>
#include <string>

#include "spikewafer/error.hpp"
#include "wafer/merger_tree.hpp"

namespace spikewafer::wafer {
namespace {

// The lower 4 bits that a synapse decoder reserves for "weight 0" [marocco L1AddressPool.cpp].
constexpr uint32_t kDisablingDecoderValue = 1;
constexpr uint32_t kDecoderMask = 0xF;

// The DNC merger whose tree node collects exactly the blocks of a bus (a merger may pass one
// input only, so a node above the bus's blocks also serves); each merger serves one bus.
DncMergerOnHicann merger_for(uint32_t first_block, uint32_t blocks,
                             const std::vector<DncMergerOnHicann>& taken) {
  for (uint32_t m = 0; m < kDncMergersPerHicann; ++m) {
    const DncMergerOnHicann merger(m);
    if (std::find(taken.begin(), taken.end(), merger) != taken.end()) continue;
    const auto below = blocks_below(dnc_merger_source(merger));
    const bool covers = below.front().value() <= first_block &&
                        below.back().value() >= first_block + blocks - 1;
    if (covers) return merger;
  }
  throw Error(ErrorKind::kInput, "no DNC merger collects neuron blocks " +
                                     std::to_string(first_block) + " to " +
                                     std::to_string(first_block + blocks - 1));
}

}  // namespace

const std::array<L1Address, kUsableL1AddressesPerBus>& usable_l1_addresses() {
  static const auto addresses = [] {
    std::vector<L1Address> list;
    for (uint32_t a = 0; a < kL1Addresses; ++a) {
      if (is_usable_l1_address(L1Address(a))) list.emplace_back(a);
    }
    return generate_array<kUsableL1AddressesPerBus>([&](std::size_t i) { return list.at(i); });
  }();
  return addresses;
}

bool is_usable_l1_address(L1Address address) {
  return address.value() != 0 && (address.value() & kDecoderMask) != kDisablingDecoderValue;
}

SlotLayout slot_layout(int64_t circuits_per_neuron) {
  SlotLayout layout;
  layout.figures = neuron_size_figures(circuits_per_neuron, SizeRule::kPublished);
  const NeuronSizeFigures& f = layout.figures;
  const bool single = f.circuits_per_neuron == 1;
  layout.columns_per_neuron = single ? 1 : f.circuits_per_neuron / kDenmemRows;
  layout.blocks_per_bus = kNeuronBlocksPerHicann / f.buses;
  const uint32_t per_bus = std::min(kUsableL1AddressesPerBus,
                                    layout.blocks_per_bus * f.neurons_per_block);
  for (uint32_t bus = 0; bus < f.buses; ++bus) {
    const uint32_t first_block = bus * layout.blocks_per_bus;
    layout.bus_merger.push_back(merger_for(first_block, layout.blocks_per_bus, layout.bus_merger));
    for (uint32_t k = 0; k < per_bus; ++k) {
      NeuronSlot slot;
      slot.bus = static_cast<uint8_t>(bus);
      slot.block = static_cast<uint8_t>(first_block + k / f.neurons_per_block);
      slot.in_block = static_cast<uint8_t>(k % f.neurons_per_block);
      // Single circuits: the upper and the lower one of each column in turn.
      const uint32_t column_in_block =
          single ? slot.in_block / kDenmemRows : slot.in_block * layout.columns_per_neuron;
      slot.first_column =
          static_cast<uint8_t>(slot.block * kDenmemColumnsPerBlock + column_in_block);
      if (single) slot.half = slot.in_block % kDenmemRows == 0 ? SlotHalf::kTop : SlotHalf::kBottom;
      slot.address = static_cast<uint8_t>(usable_l1_addresses()[k].value());
      layout.slots.push_back(slot);
    }
  }
  return layout;
}

}  // namespace spikewafer::wafer
