// The portable exp used by the conductance-based update is accurate to a couple of ulp over the
// range it clamps to, and saturates instead of overflowing outside it.
#include <gtest/gtest.h>

#include <cmath>

#include "kernels/fast_exp.hpp"

namespace {

TEST(FastExp, WithinTwoUlpOfDoublePrecisionExp) {
  double worst = 0;
  for (float x = -87.0f; x <= 88.0f; x += 0.001953125f) {  // 2^-9 steps, 89,600 points
    const double exact = std::exp(static_cast<double>(x));
    const double rel = std::abs(spikewafer::kernels::exp_portable(x) - exact) / exact;
    worst = std::max(worst, rel);
  }
  EXPECT_LT(worst, 2.5e-7);  // 2 ulp of float is 2.4e-7 relative
}

TEST(FastExp, SmallArgumentsOfTheMembraneUpdate) {
  for (float x : {0.0f, -1e-6f, -0.005f, -0.1f, -1.0f})
    EXPECT_NEAR(spikewafer::kernels::exp_portable(x), std::exp(x), 1.2e-7f * std::exp(x)) << x;
}

TEST(FastExp, ClampsOutsideTheRange) {
  EXPECT_FLOAT_EQ(spikewafer::kernels::exp_portable(-1000.0f),
                  spikewafer::kernels::exp_portable(-87.0f));
  EXPECT_TRUE(std::isfinite(spikewafer::kernels::exp_portable(1000.0f)));
}

}  // namespace
