// The crossbar: each horizontal line reaches 8 vertical lines (4 per half), each vertical line is
// reached from 2 horizontal lines, the two directions agree, and the pattern matches halco's
// hand-checked entries (test/hicann/v2/L1.cpp).
#include <gtest/gtest.h>

#include <set>

#include "wafer/crossbar.hpp"

namespace spikewafer::wafer {
namespace {

TEST(WaferCrossbarTest, EachHorizontalLineReachesEightVerticalLinesFourPerHalf) {
  for (uint32_t h = 0; h < kHLinesPerHicann; ++h) {
    const auto vlines = crossbar_vlines(HLineOnHicann(h));
    std::set<uint32_t> distinct;
    uint32_t left = 0;
    for (VLineOnHicann v : vlines) {
      distinct.insert(v.value());
      left += side_of(v) == Side::kLeft ? 1 : 0;
      EXPECT_TRUE(crossbar_switch_exists(HLineOnHicann(h), v)) << h << " -> " << v.value();
    }
    EXPECT_EQ(distinct.size(), 8u) << "line " << h;
    EXPECT_EQ(left, 4u) << "line " << h;
  }
}

TEST(WaferCrossbarTest, EachVerticalLineIsReachedFromTwoHorizontalLines) {
  uint32_t switches = 0;
  for (uint32_t v = 0; v < kVLinesPerHicann; ++v) {
    uint32_t reached_from = 0;
    for (uint32_t h = 0; h < kHLinesPerHicann; ++h) {
      if (crossbar_switch_exists(HLineOnHicann(h), VLineOnHicann(v))) ++reached_from;
    }
    EXPECT_EQ(reached_from, 2u) << "line " << v;
    switches += reached_from;
  }
  EXPECT_EQ(switches, kCrossbarSwitchesPerHicann);
  EXPECT_EQ(switches, 512u);
}

TEST(WaferCrossbarTest, BothDirectionsDescribeTheSameSwitches) {
  std::set<std::pair<uint32_t, uint32_t>> from_h, from_v;
  for (uint32_t h = 0; h < kHLinesPerHicann; ++h) {
    for (VLineOnHicann v : crossbar_vlines(HLineOnHicann(h))) from_h.insert({h, v.value()});
  }
  for (uint32_t v = 0; v < kVLinesPerHicann; ++v) {
    for (HLineOnHicann h : crossbar_hlines(VLineOnHicann(v))) from_v.insert({h.value(), v});
  }
  EXPECT_EQ(from_h, from_v);
}

TEST(WaferCrossbarTest, MatchesHalcosHandCheckedEntries) {
  // halco test/hicann/v2/L1.cpp, HLineOnHICANN.toVLineOnHICANN and VLineOnHICANN.toHLineOnHICANN.
  const auto v42 = crossbar_vlines(HLineOnHicann(42));
  const uint32_t expected[8] = {10, 42, 74, 106, 149, 181, 213, 245};
  for (int i = 0; i < 8; ++i) EXPECT_EQ(v42[i].value(), expected[i]) << i;
  EXPECT_EQ(crossbar_hlines(VLineOnHicann(42))[0].value(), 42u);
  EXPECT_EQ(crossbar_hlines(VLineOnHicann(42))[1].value(), 43u);
  EXPECT_EQ(crossbar_hlines(VLineOnHicann(131))[0].value(), 6u);
  EXPECT_EQ(crossbar_hlines(VLineOnHicann(131))[1].value(), 7u);
  // Ends of the ranges: line 0 meets 31 and 128, line 63 meets 0 and 159.
  EXPECT_EQ(crossbar_vlines(HLineOnHicann(0))[0].value(), 31u);
  EXPECT_EQ(crossbar_vlines(HLineOnHicann(0))[4].value(), 128u);
  EXPECT_EQ(crossbar_vlines(HLineOnHicann(63))[0].value(), 0u);
  EXPECT_EQ(crossbar_vlines(HLineOnHicann(63))[7].value(), 255u);
  EXPECT_FALSE(crossbar_switch_exists(HLineOnHicann(42), VLineOnHicann(11)));
}

}  // namespace
}  // namespace spikewafer::wafer
