// The synapse-driver switches: how vertical L1 lines reach synapse drivers.
//
// Drivers. The 224 drivers of a chip are numbered by line 0..223 from the top; lines 0..111 feed
// the upper synapse array, 112..223 the lower one. A driver's side follows from its line: in the
// upper half odd lines are on the left and even lines on the right, in the lower half the other
// way round [halco: SynapseDriverOnHICANN::to_x]. 56 drivers sit in each quadrant.
//
// Switch rows. Each side of the chip has one switch row per line (2 x 224). A switch row of the
// left side connects to left-half vertical lines of this chip; it feeds this chip's driver of
// that line if that driver is on the left, otherwise the right-side driver of the same line on
// the west neighbour (and mirrored for the right side and the east neighbour) [halco:
// SynapseSwitchRowOnWafer::toSynapseDriverOnWafer].
//
// Switches. With a = (v mod 32) / 4 for vertical line v and b = (y mod 16) / 2 for switch row y,
// a switch exists where b = a in the upper-left and lower-right quadrants and where b = 7 - a in
// the upper-right and lower-left ones [halco: SynapseSwitchOnHICANN::exists]. Hence each
// vertical line has 28 switches (14 per half), and each switch row 16.
//
// Result: a vertical line reaches 28 drivers, 14 on its own chip (its own side) and 14 on the
// neighbour towards its side (west for the left half, east for the right half); a driver is fed
// from 32 vertical lines, 16 of its own chip and 16 of that neighbour.
#pragma once

#include <array>
#include <vector>

#include "wafer/coordinates.hpp"
#include "wafer/hicann_grid.hpp"
#include "wafer/l1_continuation.hpp"

namespace spikewafer::wafer {

namespace tags {
struct SwitchRowLine {
  static constexpr const char* kName = "synapse switch row";
  static constexpr uint32_t kCount = kSynapseDriversPerHicann;
};
}  // namespace tags
using SwitchRowLine = RangedIndex<tags::SwitchRowLine>;  // 0..223, on each side

Side driver_side(SynapseDriverOnHicann driver);
Half driver_half(SynapseDriverOnHicann driver);

// Where a resource lies relative to the chip asked about.
enum class ChipOffset { kSame, kWest, kEast };

struct DriverOnChip {
  SynapseDriverOnHicann driver;
  ChipOffset chip;
};
struct VLineOnChip {
  VLineOnHicann line;
  ChipOffset chip;
};

// Whether vertical line v has a switch in row y of its side's switch rows.
bool synapse_switch_exists(VLineOnHicann line, SwitchRowLine row);
// The 28 switch rows a vertical line reaches, ascending.
std::array<SwitchRowLine, kSynapseSwitchesPerVLine> synapse_switch_rows(VLineOnHicann line);
// The driver a switch row of a side feeds (this chip's or the neighbour's).
DriverOnChip driver_fed_by(Side side, SwitchRowLine row);
// The 28 drivers a vertical line reaches, in switch-row order.
std::array<DriverOnChip, kSynapseSwitchesPerVLine> reachable_drivers(VLineOnHicann line);
// The 32 vertical lines that feed a driver: 16 of its own chip, then 16 of the neighbour.
std::array<VLineOnChip, 2 * kSynapseSwitchesPerRowSide> driver_inputs(SynapseDriverOnHicann driver);

// The same on the wafer: resources on a missing neighbour are left out.
struct SynapseDriverOnWafer {
  HicannOnWafer hicann;
  SynapseDriverOnHicann driver;
};
std::vector<SynapseDriverOnWafer> reachable_drivers(const VLineOnWafer& line);
std::vector<VLineOnWafer> driver_inputs(const SynapseDriverOnWafer& driver);

}  // namespace spikewafer::wafer
