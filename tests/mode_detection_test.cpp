// The modes of a hand-made distribution over three units: local maxima under single flips, the
// probability threshold, and each state's basin by steepest ascent.
#include <gtest/gtest.h>

#include <cmath>

#include "sampling/mode_analysis.hpp"

namespace spikewafer::sampling {
namespace {

// log p of the 8 states (index z_0 + 2 z_1 + 4 z_2):
//   000: 0    100: 1    010: -1   110: 2 (mode, neighbours 010, 100, 111)
//   001: 3 (mode, neighbours 101, 011, 000)   101: 2.5   011: -2   111: 0.5
Eigen::VectorXd hand_made() {
  Eigen::VectorXd log_p(8);
  log_p << 0.0, 1.0, -1.0, 2.0, 3.0, 2.5, -2.0, 0.5;
  return log_p;
}

TEST(ModeDetection, LocalMaximaMostProbableFirst) {
  const ModeMap map = find_modes(hand_made(), 3, 0.0);
  ASSERT_EQ(map.modes.size(), 2u);
  EXPECT_EQ(map.modes[0], 4u);  // 001, log p = 3
  EXPECT_EQ(map.modes[1], 3u);  // 110, log p = 2
  EXPECT_EQ(map.core[4], 0);
  EXPECT_EQ(map.core[3], 1);
  EXPECT_EQ(map.core[5], kNoMode);
}

TEST(ModeDetection, BasinsBySteepestAscent) {
  const ModeMap map = find_modes(hand_made(), 3, 0.0);
  // 000 -> best neighbour 001 (3) -> mode 0; 100 -> 101 (2.5) beats 110 (2) -> 001: mode 0;
  // 010 -> 110 (2): mode 1; 011 -> 001 (3): mode 0; 111 -> 101 (2.5) -> 001: mode 0.
  const std::vector<int32_t> expected = {0, 0, 1, 1, 0, 0, 0, 0};
  EXPECT_EQ(map.basin, expected);
}

TEST(ModeDetection, ThresholdDropsSmallModesAndTheirBasins) {
  // 110 has p / p_max = e^-1 = 0.37: kept at threshold 0.3, dropped at 0.5.
  EXPECT_EQ(find_modes(hand_made(), 3, 0.3).modes.size(), 2u);
  const ModeMap map = find_modes(hand_made(), 3, 0.5);
  ASSERT_EQ(map.modes.size(), 1u);
  EXPECT_EQ(map.basin[3], kNoMode);  // 110 itself
  EXPECT_EQ(map.basin[2], kNoMode);  // 010 climbs to 110
  EXPECT_EQ(map.basin[0], 0);
}

TEST(ModeDetection, TwoGroupMachineHasTwoSymmetricModes) {
  // Units {0, 1} and {2, 3} excite within and inhibit across: modes 1100 and 0011.
  Eigen::VectorXd log_p(16);
  for (int s = 0; s < 16; ++s) {
    const int z[4] = {s & 1, (s >> 1) & 1, (s >> 2) & 1, (s >> 3) & 1};
    log_p[s] = 3.0 * (z[0] * z[1] + z[2] * z[3]) - 3.0 * (z[0] + z[1]) * (z[2] + z[3]) -
               1.0 * (z[0] + z[1] + z[2] + z[3]);
  }
  const ModeMap map = find_modes(log_p, 4, 0.5);
  ASSERT_EQ(map.modes.size(), 2u);
  EXPECT_EQ(map.modes[0] | map.modes[1], 15u);
  EXPECT_EQ(map.modes[0] & map.modes[1], 0u);
}

}  // namespace
}  // namespace spikewafer::sampling
