// Counting mode switches along hand-made sequences of sampled basins: a switch is a change of
// the chain's current mode; samples in no basin leave it unchanged; chains count separately.
#include <gtest/gtest.h>

#include <vector>

#include "sampling/mode_analysis.hpp"

namespace spikewafer::sampling {
namespace {

TEST(ModeSwitchCount, CountsChangesOfTheCurrentMode) {
  ModeSwitchCounter counter(2);
  // Chain 0: 0 0 1 1 0 2 2 -> switches at 0->1, 1->0, 0->2.
  for (int32_t b : {0, 0, 1, 1, 0, 2, 2}) counter.observe(0, b);
  EXPECT_EQ(counter.switches(0), 3u);
  EXPECT_EQ(counter.current(0), 2);
  // Chain 1 starts in no basin: the first assignment is not a switch.
  for (int32_t b : {kNoMode, kNoMode, 1, 1}) counter.observe(1, b);
  EXPECT_EQ(counter.switches(1), 0u);
  EXPECT_EQ(counter.total(), 3u);
}

TEST(ModeSwitchCount, SamplesOutsideEveryBasinKeepTheMode) {
  ModeSwitchCounter counter(1);
  // 0, excursion, back to 0: no switch; 0, excursion, 1: one switch.
  for (int32_t b : {0, kNoMode, kNoMode, 0, kNoMode, 1}) counter.observe(0, b);
  EXPECT_EQ(counter.switches(0), 1u);
  EXPECT_EQ(counter.current(0), 1);
}

}  // namespace
}  // namespace spikewafer::sampling
