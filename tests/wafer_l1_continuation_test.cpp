// L1 lines across chip borders: the shift by 2 of halco's compass tables, round trips east-west
// and north-south, lines that end at the wafer's edge, repeaters and sending lines.
#include <gtest/gtest.h>

#include <map>

#include "spikewafer/error.hpp"
#include "wafer/l1_continuation.hpp"

namespace spikewafer::wafer {
namespace {

TEST(WaferL1ContinuationTest, HorizontalLinesShiftByTwoEastwardsAsHalco) {
  // halco test/hicann/v2/L1.cpp HLineOnHICANN.Compass: {line on east chip, line on west chip}.
  const std::map<uint32_t, uint32_t> westwards = {{0, 62}, {1, 63}, {2, 0},   {3, 1},
                                                  {4, 2},  {5, 3},  {62, 60}, {63, 61}};
  for (auto [eastern, western] : westwards) {
    EXPECT_EQ(hline_east(HLineOnHicann(western)).value(), eastern);
    EXPECT_EQ(hline_west(HLineOnHicann(eastern)).value(), western);
  }
}

TEST(WaferL1ContinuationTest, VerticalLinesShiftByTwoOppositelyInEachHalfAsHalco) {
  // halco VLineOnHICANN.Compass: {line on north chip, line on south chip}.
  const std::map<uint32_t, uint32_t> downwards = {{0, 126},   {1, 127},   {2, 0},     {3, 1},
                                                  {4, 2},     {126, 124}, {127, 125}, {128, 130},
                                                  {129, 131}, {130, 132}, {251, 253}, {252, 254},
                                                  {253, 255}, {254, 128}, {255, 129}};
  for (auto [northern, southern] : downwards) {
    EXPECT_EQ(vline_south(VLineOnHicann(northern)).value(), southern) << northern;
    EXPECT_EQ(vline_north(VLineOnHicann(southern)).value(), northern) << southern;
  }
}

TEST(WaferL1ContinuationTest, GoingThereAndBackReturnsToTheSameChipAndLine) {
  for (const HicannOnWafer& chip : all_hicanns()) {
    for (uint32_t h = 0; h < kHLinesPerHicann; ++h) {
      const HLineOnWafer line{chip, HLineOnHicann(h)};
      for (Direction d : {Direction::kEast, Direction::kWest}) {
        const auto next = continuation(line, d);
        ASSERT_EQ(next.has_value(), neighbour(chip, d).has_value());
        if (!next) continue;
        EXPECT_EQ(*continuation(*next, opposite(d)), line);
      }
    }
    for (uint32_t v = 0; v < kVLinesPerHicann; ++v) {
      const VLineOnWafer line{chip, VLineOnHicann(v)};
      for (Direction d : {Direction::kNorth, Direction::kSouth}) {
        const auto next = continuation(line, d);
        ASSERT_EQ(next.has_value(), neighbour(chip, d).has_value());
        if (!next) continue;
        EXPECT_EQ(side_of(next->line), side_of(line.line));  // lines never change half
        EXPECT_EQ(*continuation(*next, opposite(d)), line);
      }
    }
  }
}

TEST(WaferL1ContinuationTest, AHorizontalLineCrossesTheFullRowAndEndsAtTheEdge) {
  // Row 7 holds 36 chips; line 0 of the westmost chip climbs 2 per chip.
  HLineOnWafer line{HicannOnWafer(GridX(0), GridY(7)), HLineOnHicann(0)};
  EXPECT_FALSE(continuation(line, Direction::kWest));
  uint32_t hops = 0;
  while (auto next = continuation(line, Direction::kEast)) {
    line = *next;
    ++hops;
    EXPECT_EQ(line.line.value(), (2 * hops) % 64);
  }
  EXPECT_EQ(hops, 35u);
  EXPECT_EQ(line.hicann.x().value(), 35u);
  // A line of the top row ends northwards; one next to a missing corner too.
  EXPECT_FALSE(continuation(VLineOnWafer{HicannOnWafer(5), VLineOnHicann(3)}, Direction::kNorth));
  EXPECT_FALSE(continuation(VLineOnWafer{HicannOnWafer(GridX(8), GridY(2)), VLineOnHicann(3)},
                            Direction::kNorth));
}

TEST(WaferL1ContinuationTest, LinesRunStraight) {
  EXPECT_THROW(continuation(HLineOnWafer{HicannOnWafer(100), HLineOnHicann(1)}, Direction::kNorth),
               Error);
  EXPECT_THROW(continuation(VLineOnWafer{HicannOnWafer(100), VLineOnHicann(1)}, Direction::kEast),
               Error);
}

TEST(WaferL1ContinuationTest, RepeatersAndSendingLinesAsHalco) {
  EXPECT_EQ(repeater_side(HLineOnHicann(0)), Side::kLeft);
  EXPECT_EQ(repeater_side(HLineOnHicann(63)), Side::kRight);
  EXPECT_EQ(repeater_half(VLineOnHicann(1)), Half::kTop);       // left half, odd
  EXPECT_EQ(repeater_half(VLineOnHicann(0)), Half::kBottom);    // left half, even
  EXPECT_EQ(repeater_half(VLineOnHicann(128)), Half::kTop);     // right half, even
  EXPECT_EQ(repeater_half(VLineOnHicann(255)), Half::kBottom);  // right half, odd
  // DNC merger 0 -> sending repeater 7 -> line 62; merger 7 -> repeater 0 -> line 6.
  EXPECT_EQ(sending_hline(DncMergerOnHicann(0)).value(), 62u);
  EXPECT_EQ(sending_hline(DncMergerOnHicann(7)).value(), 6u);
  uint32_t sending = 0;
  for (uint32_t h = 0; h < kHLinesPerHicann; ++h) {
    if (auto m = sending_merger(HLineOnHicann(h))) {
      ++sending;
      EXPECT_EQ(sending_hline(*m).value(), h);
    }
  }
  EXPECT_EQ(sending, 8u);
}

}  // namespace
}  // namespace spikewafer::wafer
