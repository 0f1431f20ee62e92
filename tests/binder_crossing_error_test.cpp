// The statistical error of the Binder crossing (binder_crossings with the cumulants' errors):
// the cumulants drawn again within their errors move the crossing as error propagation says
// where that is linear, not at all without errors, the same way every time, and the fraction
// of draws that cross says when the cumulants do not separate on the grid.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "ising/curie_fit.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

// Cumulants whose difference u_small - u_large is slope x (T - crossing) on T = 1.5..3.5.
struct Cumulants {
  std::vector<double> T, small, large;
};
Cumulants linear(double crossing, double slope) {
  Cumulants c;
  for (int k = 0; k <= 20; ++k) {
    const double T = 1.5 + 0.1 * k;
    c.T.push_back(T);
    c.large.push_back(0.4 - 0.6 * (T - crossing));
    c.small.push_back(c.large.back() + slope * (T - crossing));
  }
  return c;
}

TEST(BinderCrossingError, FollowsErrorPropagationWhereItIsLinear) {
  const Cumulants c = linear(2.25, 0.4);
  const std::vector<double> err(c.T.size(), 0.002);
  const BinderCrossing x = binder_crossings(c.T, {8, 16}, {c.small, c.large}, {err, err});
  EXPECT_NEAR(x.Tc, 2.25, 1e-12);
  // Interpolated between T = 2.2 and 2.3, where the difference is -+0.02: dTc/dd = 1.25 for
  // each, each difference has sigma sqrt(2) x 0.002, so sigma_Tc = 1.25 x 2 x 0.002 = 0.005.
  EXPECT_NEAR(x.Tc_err, 0.005, 0.0005);
  EXPECT_DOUBLE_EQ(x.crossed_fraction, 1.0);
}

TEST(BinderCrossingError, IsZeroWithoutErrorsAndTheSameEveryTime) {
  const Cumulants c = linear(2.25, 0.4);
  const BinderCrossing plain = binder_crossings(c.T, {8, 16}, {c.small, c.large});
  EXPECT_DOUBLE_EQ(plain.Tc_err, 0.0);
  EXPECT_DOUBLE_EQ(plain.crossed_fraction, 1.0);
  const std::vector<double> err(c.T.size(), 0.01);
  const BinderCrossing once = binder_crossings(c.T, {8, 16}, {c.small, c.large}, {err, err});
  const BinderCrossing again = binder_crossings(c.T, {8, 16}, {c.small, c.large}, {err, err});
  EXPECT_GT(once.Tc_err, 0.0);
  EXPECT_DOUBLE_EQ(once.Tc_err, again.Tc_err);
}

TEST(BinderCrossingError, CumulantsThatBarelySeparateGiveALargeError) {
  // A difference of 0.01 per unit T against errors of 0.01: the crossing is hardly determined.
  const Cumulants c = linear(2.25, 0.01);
  const std::vector<double> err(c.T.size(), 0.01);
  const BinderCrossing x = binder_crossings(c.T, {8, 16}, {c.small, c.large}, {err, err});
  EXPECT_GT(x.Tc_err, 0.3);
}

TEST(BinderCrossingError, SaysHowOftenTheRedrawnCumulantsCrossAtAll) {
  // The cumulants separate only at the coldest point, by less than its error: many redraws do
  // not cross anywhere.
  const Cumulants c = linear(1.55, 0.1);
  const std::vector<double> err(c.T.size(), 0.01);
  const BinderCrossing x = binder_crossings(c.T, {8, 16}, {c.small, c.large}, {err, err});
  ASSERT_TRUE(std::isfinite(x.Tc));
  EXPECT_GT(x.crossed_fraction, 0.1);
  EXPECT_LT(x.crossed_fraction, 0.9);
}

TEST(BinderCrossingError, RefusesAnErrorSeriesOfTheWrongLength) {
  const Cumulants c = linear(2.25, 0.4);
  const std::vector<double> err(c.T.size() - 1, 0.01);
  EXPECT_THROW(binder_crossings(c.T, {8, 16}, {c.small, c.large}, {err, err}), Error);
}

}  // namespace
}  // namespace spikewafer::ising
