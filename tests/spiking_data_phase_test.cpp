// The in-the-loop data phase (learning/data_phase.hpp): LIF networks with the inputs clamped to a
// batch, one replica per input vector, give the hidden units' statistics close to the exact
// ones (p(h | x) in closed form), also after the running networks were given other weights.
#include <gtest/gtest.h>

#include <cstdio>

#include "learning/data_phase.hpp"
#include "learning/rbm.hpp"
#include "sampling/calibration.hpp"
#include "test_calibration.hpp"
#include "thread_count_guard.hpp"

namespace spikewafer::learning {
namespace {

class SpikingDataPhase : public test::RestoresThreadCount {};

TEST_F(SpikingDataPhase, HiddenStatisticsMatchTheExactOnes) {
  const sampling::Calibration& cal = test::test_calibration();
  Rbm rbm = make_rbm(4, 0, 3, 1.0, 5);  // weights up to about 2
  rbm.b << -0.5, 0.3, 0.2, -0.1;
  rbm.c << 0.4, -0.6, 0.1;
  Eigen::MatrixXd batch(4, 4);
  batch << 1, 0, 1, 0,  //
      0, 1, 0, 1,       //
      1, 1, 0, 0,       //
      0, 0, 1, 1;
  Rbm small = rbm;  // built with 1/100 of the weights, then given the full ones
  small.W *= 0.01;
  auto spiking = spiking_data_phase(small, cal, 4, 20.0, 4000.0, 1.0, 1, 0, 1);
  const Statistics s = spiking->sample(rbm, batch);
  const Statistics e = exact_data_phase()->sample(rbm, batch);
  const double xh = (s.xh - e.xh).cwiseAbs().maxCoeff();
  const double x = (s.x - e.x).cwiseAbs().maxCoeff();
  const double h = (s.h - e.h).cwiseAbs().maxCoeff();
  std::printf("largest differences: <x h> %.3f, <x> %.3f, <h> %.3f\n", xh, x, h);
  EXPECT_LT(xh, 0.08);
  EXPECT_EQ(x, 0.0);  // the inputs are the data
  EXPECT_LT(h, 0.08);
  EXPECT_DOUBLE_EQ(spiking->emulated_ms(), 4020.0);
}

}  // namespace
}  // namespace spikewafer::learning
