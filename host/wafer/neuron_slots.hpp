// Where a chip's neurons sit and how their events leave it, for one neuron size: the chip's
// neuron slots are split over its L1 output buses (one bus per group of neuron blocks that one
// DNC merger collects), each bus carries at most 59 neurons, and each neuron gets one of the 59
// usable 6-bit L1 addresses of its bus.
//
// Usable addresses [marocco L1AddressPool.cpp]: address 0 serves the repeaters' phase locking,
// and the four addresses 0bXX0001 (1, 17, 33, 49) drive a synapse's weight to 0 (the synapses
// decode the lower 4 bits and a decoder value of 1 disables them). That leaves 59.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "wafer/coordinates.hpp"
#include "wafer/neuron_sizes.hpp"

namespace spikewafer::wafer {

// The 59 usable addresses, ascending.
const std::array<L1Address, kUsableL1AddressesPerBus>& usable_l1_addresses();
bool is_usable_l1_address(L1Address address);

// Which denmem rows a neuron has, and so which synapse rows can reach it: both (a neuron of 2 or
// more circuits joins upper and lower ones) or one (a single-circuit neuron: only the 224 rows
// of its half, coordinates.hpp half_of).
enum class SlotHalf : uint8_t { kBoth, kTop, kBottom };

// One neuron slot of a chip: the bus that carries its events, its neuron block, its place in the
// block, the first synapse column (denmem column) it occupies, its half and its L1 address.
struct NeuronSlot {
  uint8_t bus = 0;
  uint8_t block = 0;
  uint8_t in_block = 0;
  uint8_t first_column = 0;  // columns first_column .. first_column + columns - 1
  uint8_t address = 0;
  SlotHalf half = SlotHalf::kBoth;
};

struct SlotLayout {
  NeuronSizeFigures figures;
  uint32_t columns_per_neuron = 0;    // s / 2 (1 for s = 1): upper and lower circuits pairwise
  uint32_t blocks_per_bus = 0;        // 8 / buses
  std::vector<NeuronSlot> slots;      // neurons_per_chip slots, bus by bus
  std::vector<DncMergerOnHicann> bus_merger;  // the DNC merger (and sending line) of each bus
};

// Sizes: the toolchain's even 2..64, and the published table's single-circuit neurons (s = 1,
// SizeRule::kPublished: two neurons per denmem column, one in each half). Throws input_error
// for any other size.
SlotLayout slot_layout(int64_t circuits_per_neuron);

}  // namespace spikewafer::wafer
