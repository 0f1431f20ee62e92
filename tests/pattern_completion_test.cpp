// Pattern completion (learning/pattern_completion.hpp): an RBM built to hold two patterns
// completes the hidden halves of both and names their classes; one with no weights cannot (it
// completes at chance), and without label units there is no class to score.
#include <gtest/gtest.h>

#include <cmath>

#include "learning/pattern_completion.hpp"
#include "two_patterns.hpp"

namespace spikewafer::learning {
namespace {

using test::kTwoPatterns;
using test::two_patterns;

// Hidden unit k stands for pattern k: weight +3 to its pixels and label, -3 to the others.
Rbm pattern_rbm(uint32_t labels) {
  Rbm rbm = make_rbm(8, labels, 2, 0.0, 1);
  for (int k = 0; k < 2; ++k) {
    for (int i = 0; i < 8; ++i) rbm.W(i, k) = kTwoPatterns[k][i] ? 3.0 : -3.0;
    for (uint32_t l = 0; l < labels; ++l) rbm.W(8 + l, k) = l == uint32_t(k) ? 3.0 : -3.0;
    rbm.c[k] = -4.0;  // a known half of its pattern (+6) turns it on, the other's (-6) off
  }
  return rbm;
}

TEST(PatternCompletion, AnRbmHoldingTwoPatternsCompletesBothAndNamesTheirClasses) {
  const CompletionScore score = complete_lower_halves(pattern_rbm(2), two_patterns(10), 7);
  // Each completed pixel has probability logistic(3) = 0.95 of its pattern's value.
  EXPECT_LT(score.pixel_error, 0.05);
  EXPECT_DOUBLE_EQ(score.accuracy, 1.0);
}

TEST(PatternCompletion, AnRbmWithoutWeightsCompletesAtChance) {
  const CompletionScore score =
      complete_lower_halves(make_rbm(8, 2, 2, 0.0, 1), two_patterns(10), 7);
  // Every probability is 1/2: no pixel is completed to 1, and half of the hidden pixels are 1.
  EXPECT_NEAR(score.pixel_error, 0.5, 1e-12);
  EXPECT_NEAR(score.accuracy, 0.5, 1e-12);  // the first label for every image
}

TEST(PatternCompletion, SameSeedSameScoreAndNoClassWithoutLabels) {
  const Dataset d = two_patterns(10);
  const CompletionScore a = complete_lower_halves(pattern_rbm(0), d, 3, 10);
  const CompletionScore b = complete_lower_halves(pattern_rbm(0), d, 3, 10);
  EXPECT_EQ(a.pixel_error, b.pixel_error);
  EXPECT_TRUE(std::isnan(a.accuracy));
  EXPECT_TRUE(std::isnan(complete_lower_halves(pattern_rbm(0), Dataset{}, 3).pixel_error));
}

}  // namespace
}  // namespace spikewafer::learning
