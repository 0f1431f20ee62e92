// The scan's burn-in after the closed loop: the loop's rounds run the same chains and count
// towards scan.burn_in, but the chains always run kSettleAfterCorrection ms at the final
// parameters before they are measured.
#include <gtest/gtest.h>

#include "ising/translation_correction.hpp"

namespace spikewafer::ising {
namespace {

TEST(BurnInAfterCorrectionTest, TheLoopCountsTowardsTheBurnIn) {
  const CorrectionSettings settings = correction_settings(14, 80.0);
  // 3 local rounds of 20 + 80 ms, 11 cluster rounds of 30 + 100 ms.
  EXPECT_DOUBLE_EQ(settings.emulated_time(), 1730.0);
  EXPECT_DOUBLE_EQ(burn_in_after_correction(3000.0, settings), 1270.0);
}

TEST(BurnInAfterCorrectionTest, AtLeastTheSettlingRunsAtTheFinalParameters) {
  const CorrectionSettings settings = correction_settings(14, 80.0);
  EXPECT_DOUBLE_EQ(burn_in_after_correction(500.0, settings), kSettleAfterCorrection);
  EXPECT_DOUBLE_EQ(burn_in_after_correction(0.0, settings), kSettleAfterCorrection);
}

TEST(BurnInAfterCorrectionTest, FewerRoundsLeaveMoreBurnIn) {
  // 4 rounds: 2 local (min(3, 4 / 2)) of 20 + 40 ms, 2 cluster rounds of 30 + 50 ms.
  const CorrectionSettings settings = correction_settings(4, 40.0);
  EXPECT_DOUBLE_EQ(settings.emulated_time(), 280.0);
  EXPECT_DOUBLE_EQ(burn_in_after_correction(500.0, settings), 220.0);
}

}  // namespace
}  // namespace spikewafer::ising
