// Synapse-driver switches: 28 per vertical line, 16 per switch row and side, halco's hand-checked
// switch rows, driver sides, and which drivers a line reaches on its own chip and the neighbour.
#include <gtest/gtest.h>

#include <set>

#include "wafer/synapse_switches.hpp"

namespace spikewafer::wafer {
namespace {

TEST(WaferSynapseSwitchTest, CountsPerLineAndPerRow) {
  uint32_t total = 0;
  for (uint32_t v = 0; v < kVLinesPerHicann; ++v) {
    uint32_t upper = 0, lower = 0;
    for (uint32_t y = 0; y < kSynapseDriversPerHicann; ++y) {
      if (!synapse_switch_exists(VLineOnHicann(v), SwitchRowLine(y))) continue;
      (y < 112 ? upper : lower) += 1;
    }
    EXPECT_EQ(upper, 14u) << v;
    EXPECT_EQ(lower, 14u) << v;
    total += upper + lower;
  }
  EXPECT_EQ(total, kSynapseSwitchesPerHicann);
  EXPECT_EQ(total, 7168u);
  for (uint32_t y = 0; y < kSynapseDriversPerHicann; ++y) {
    for (uint32_t base : {0u, 128u}) {
      uint32_t in_row = 0;
      for (uint32_t v = base; v < base + 128; ++v) {
        in_row += synapse_switch_exists(VLineOnHicann(v), SwitchRowLine(y)) ? 1 : 0;
      }
      EXPECT_EQ(in_row, 16u) << "row " << y << " side " << base;
    }
  }
}

TEST(WaferSynapseSwitchTest, MatchesHalcosHandCheckedSwitchRows) {
  // halco test/hicann/v2/L1.cpp VLineOnHICANN.toSynapseSwitchRowOnHICANN: {line, upper?,
  // index among that half's 14 rows, expected row}.
  struct Entry {
    uint32_t line;
    bool upper;
    uint32_t index, row;
  };
  for (const Entry& e :
       {Entry{13, true, 0, 6}, Entry{13, true, 5, 39}, Entry{13, true, 9, 71},
        Entry{13, true, 13, 103}, Entry{83, true, 0, 8}, Entry{13, false, 0, 120},
        Entry{13, false, 7, 169}, Entry{13, false, 10, 200}, Entry{13, false, 13, 217},
        Entry{141, true, 0, 8}, Entry{141, true, 7, 57}, Entry{141, true, 10, 88},
        Entry{141, true, 13, 105}, Entry{217, true, 0, 2}, Entry{217, true, 1, 3},
        Entry{141, false, 0, 118}, Entry{141, false, 7, 167}, Entry{141, false, 10, 198},
        Entry{141, false, 13, 215}}) {
    const auto rows = synapse_switch_rows(VLineOnHicann(e.line));
    EXPECT_EQ(rows[(e.upper ? 0 : 14) + e.index].value(), e.row) << "line " << e.line;
  }
}

TEST(WaferSynapseSwitchTest, DriverSidesAlternateAndFillFourQuadrants) {
  EXPECT_EQ(driver_side(SynapseDriverOnHicann(0)), Side::kRight);
  EXPECT_EQ(driver_side(SynapseDriverOnHicann(1)), Side::kLeft);
  EXPECT_EQ(driver_side(SynapseDriverOnHicann(112)), Side::kLeft);
  EXPECT_EQ(driver_side(SynapseDriverOnHicann(113)), Side::kRight);
  uint32_t quadrant[2][2] = {};
  for (uint32_t d = 0; d < kSynapseDriversPerHicann; ++d) {
    const SynapseDriverOnHicann driver(d);
    ++quadrant[driver_side(driver) == Side::kRight][driver_half(driver) == Half::kBottom];
  }
  for (auto& q : quadrant) {
    EXPECT_EQ(q[0], 56u);
    EXPECT_EQ(q[1], 56u);
  }
}

TEST(WaferSynapseSwitchTest, ALineReachesFourteenDriversHereAndFourteenOnTheNeighbour) {
  for (uint32_t v = 0; v < kVLinesPerHicann; ++v) {
    const VLineOnHicann line(v);
    std::set<uint32_t> here, there;
    for (const DriverOnChip& d : reachable_drivers(line)) {
      if (d.chip == ChipOffset::kSame) {
        here.insert(d.driver.value());
        EXPECT_EQ(driver_side(d.driver), side_of(line));
      } else {
        there.insert(d.driver.value());
        // Left-half lines reach the west chip's right-side drivers, and the mirror image.
        EXPECT_EQ(d.chip, side_of(line) == Side::kLeft ? ChipOffset::kWest : ChipOffset::kEast);
        EXPECT_NE(driver_side(d.driver), side_of(line));
      }
    }
    EXPECT_EQ(here.size(), 14u) << v;
    EXPECT_EQ(there.size(), 14u) << v;
  }
}

TEST(WaferSynapseSwitchTest, DriverInputsAreTheReverseOfReachableDrivers) {
  // Count, over all lines of a chip and its neighbours, the lines reaching each driver.
  for (uint32_t d = 0; d < kSynapseDriversPerHicann; ++d) {
    const auto inputs = driver_inputs(SynapseDriverOnHicann(d));
    uint32_t own = 0;
    for (const VLineOnChip& in : inputs) {
      bool found = false;
      for (const DriverOnChip& reached : reachable_drivers(in.line)) {
        // Seen from the line's chip, the driver sits on the opposite offset.
        const ChipOffset back = in.chip == ChipOffset::kSame   ? ChipOffset::kSame
                                : in.chip == ChipOffset::kWest ? ChipOffset::kEast
                                                               : ChipOffset::kWest;
        found |= reached.driver.value() == d && reached.chip == back;
      }
      EXPECT_TRUE(found) << "driver " << d << " line " << in.line.value();
      own += in.chip == ChipOffset::kSame ? 1 : 0;
    }
    EXPECT_EQ(own, 16u);
  }
}

TEST(WaferSynapseSwitchTest, OnTheWaferDriversOfAMissingNeighbourAreLeftOut) {
  // Chip (0, 6) has no west neighbour: its left-half lines reach only their own 14 drivers.
  const HicannOnWafer westmost(GridX(0), GridY(6));
  EXPECT_EQ(reachable_drivers(VLineOnWafer{westmost, VLineOnHicann(5)}).size(), 14u);
  EXPECT_EQ(reachable_drivers(VLineOnWafer{westmost, VLineOnHicann(200)}).size(), 28u);
  const auto inputs = driver_inputs(SynapseDriverOnWafer{westmost, SynapseDriverOnHicann(1)});
  EXPECT_EQ(inputs.size(), 16u);  // driver 1 is on the left: its neighbour inputs come from west
}

}  // namespace
}  // namespace spikewafer::wafer
