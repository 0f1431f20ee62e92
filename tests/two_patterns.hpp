// Two 8-pixel patterns whose first halves differ, A = 1100 1010 and B = 0011 0101, for the tests
// of what an RBM built to hold them does (pattern completion, the networks' classifier).
#pragma once

#include <cstdint>

#include "learning/training_data.hpp"

namespace spikewafer::test {

inline constexpr int kTwoPatterns[2][8] = {{1, 1, 0, 0, 1, 0, 1, 0}, {0, 0, 1, 1, 0, 1, 0, 1}};

// `copies` of A and B in turn; A's class is 0 and B's 1, or the other way round with `swapped`.
inline learning::Dataset two_patterns(uint32_t copies, bool swapped = false) {
  learning::Dataset d;
  d.images = Eigen::MatrixXd(2 * copies, 8);
  for (uint32_t r = 0; r < 2 * copies; ++r) {
    for (int i = 0; i < 8; ++i) d.images(r, i) = kTwoPatterns[r % 2][i];
    d.labels.push_back(swapped ? 1 - r % 2 : r % 2);
  }
  return d;
}

}  // namespace spikewafer::test
