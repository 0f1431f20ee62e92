// The noise-modulation schedule of tempering: the rate factor over a cycle, the phase of each
// replica, and which sampling times fall into the cold window.
#include "sampling/noise_schedule.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace spikewafer::sampling {
namespace {

constexpr double kPi = 3.141592653589793;

NoiseSchedule schedule() {
  NoiseSchedule s;
  s.period = 200.0;
  s.amplitude = 2.0;
  s.low_window = 0.25;
  return s;
}

TEST(NoiseSchedule, RateFactorRunsFromOneToOnePlusAmplitude) {
  const NoiseSchedule s = schedule();
  EXPECT_NEAR(rate_factor(s, 0.0, 0.0), 1.0, 1e-12);    // cold at phase 0
  EXPECT_NEAR(rate_factor(s, 50.0, 0.0), 2.0, 1e-12);   // a quarter period: halfway
  EXPECT_NEAR(rate_factor(s, 100.0, 0.0), 3.0, 1e-12);  // half a period: hottest
  EXPECT_NEAR(rate_factor(s, 200.0, 0.0), 1.0, 1e-12);  // periodic
  EXPECT_NEAR(rate_factor(s, 0.0, kPi), 3.0, 1e-12);    // phase pi starts hot
  for (double t = 0; t < 400; t += 7.3) {
    EXPECT_GE(rate_factor(s, t, 1.0), 1.0 - 1e-12);
    EXPECT_LE(rate_factor(s, t, 1.0), 3.0 + 1e-12);
  }
}

TEST(NoiseSchedule, SpreadPhasesCoverTheCycleAndAFixedPhaseIsShared) {
  NoiseSchedule s = schedule();
  EXPECT_NEAR(replica_phase(s, 0, 4), 0.0, 1e-12);
  EXPECT_NEAR(replica_phase(s, 1, 4), kPi / 2, 1e-12);
  EXPECT_NEAR(replica_phase(s, 3, 4), 3 * kPi / 2, 1e-12);
  s.phase = 0.7;
  EXPECT_NEAR(replica_phase(s, 0, 4), 0.7, 1e-12);
  EXPECT_NEAR(replica_phase(s, 3, 4), 0.7, 1e-12);
}

TEST(NoiseSchedule, ColdWindowIsTheQuarterAroundTheMinimum) {
  NoiseSchedule s = schedule();
  // Window 0.25 of 200 ms: within 25 ms of t = 0, 200, 400, ... at phase 0.
  EXPECT_TRUE(takes_sample(s, 0.0, 0.0));
  EXPECT_TRUE(takes_sample(s, 24.0, 0.0));
  EXPECT_FALSE(takes_sample(s, 26.0, 0.0));
  EXPECT_FALSE(takes_sample(s, 100.0, 0.0));
  EXPECT_TRUE(takes_sample(s, 176.0, 0.0));
  EXPECT_TRUE(takes_sample(s, 210.0, 0.0));
  // Phase pi shifts the window by half a period.
  EXPECT_FALSE(takes_sample(s, 0.0, kPi));
  EXPECT_TRUE(takes_sample(s, 100.0, kPi));
  // A quarter of the time, and the factor stays below the window's edge value there.
  int taken = 0;
  for (int t = 0; t < 2000; ++t)
    if (takes_sample(s, t + 0.5, 0.3)) {
      ++taken;
      EXPECT_LE(rate_factor(s, t + 0.5, 0.3), cold_window_factor(s) + 1e-12);
    }
  EXPECT_NEAR(taken, 500, 10);
  EXPECT_NEAR(cold_window_factor(s), 1.0 + 2.0 * (1.0 - std::cos(kPi / 4)) / 2.0, 1e-12);
  s.sample_low_only = false;
  EXPECT_TRUE(takes_sample(s, 100.0, 0.0));
}

}  // namespace
}  // namespace spikewafer::sampling
