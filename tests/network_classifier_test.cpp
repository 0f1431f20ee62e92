// Classification by the LIF networks (learning/network_classifier.hpp): an RBM built to hold two
// patterns with their labels, translated to networks with the images clamped, names the class
// of every image; without label units there is nothing to score.
#include <gtest/gtest.h>

#include <cmath>

#include "learning/network_classifier.hpp"
#include "test_calibration.hpp"
#include "two_patterns.hpp"

namespace spikewafer::learning {
namespace {

using test::kTwoPatterns;

// A's class is 1 and B's 0: the classes run against the hidden units' order, so that reading a
// hidden unit for a label would fail.
learning::Dataset swapped_patterns(uint32_t copies) { return test::two_patterns(copies, true); }

// Hidden unit k stands for pattern k and its label 1 - k (weights +-2, the label units' biases
// -2): with A clamped, hidden unit 0 has field +8 - 4 = 4 (on), unit 1 -8 - 4 = -12 (off), and
// label 1 then has field -2 + 2 = 0 against label 0's -2 - 2 = -4.
Rbm pattern_rbm(uint32_t labels) {
  Rbm rbm = make_rbm(8, labels, 2, 0.0, 1);
  for (int k = 0; k < 2; ++k) {
    for (int i = 0; i < 8; ++i) rbm.W(i, k) = kTwoPatterns[k][i] ? 2.0 : -2.0;
    for (uint32_t l = 0; l < labels; ++l) rbm.W(8 + l, k) = l == uint32_t(1 - k) ? 2.0 : -2.0;
    rbm.c[k] = -4.0;
  }
  for (uint32_t l = 0; l < labels; ++l) rbm.b[8 + l] = -2.0;
  return rbm;
}

TEST(NetworkClassifier, NetworksNameTheClassOfEachClampedPattern) {
  const double accuracy = network_accuracy(pattern_rbm(2), swapped_patterns(8),
                                           test::test_calibration(), 1, 0, 2);
  // The right label is in z = 1 half the time, the wrong one 2% (logistic(0), logistic(-4)).
  EXPECT_DOUBLE_EQ(accuracy, 1.0);
}

TEST(NetworkClassifier, NothingToScoreWithoutLabels) {
  EXPECT_TRUE(std::isnan(
      network_accuracy(pattern_rbm(0), swapped_patterns(2), test::test_calibration(), 1, 0, 2)));
}

}  // namespace
}  // namespace spikewafer::learning
