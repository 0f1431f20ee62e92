// Pattern completion (docs/learning.md, "Evaluation"): the second half of each test image's
// pixels is hidden (the lower half of a row-major image) and the RBM fills it in with the
// first half clamped, by Gibbs sampling of the hidden layer, the hidden pixels and the label
// units. The label units are sampled as one one-hot code from their softmax given the hidden
// layer (a training image has exactly one label). Both scores use the conditional probabilities
// averaged over the second half of the sweeps rather than the last state (Rao-Blackwellised):
// a pixel counts as completed to 1 where its mean probability exceeds 1/2, and the class is the
// label of largest mean probability.
#pragma once

#include <cstdint>

#include "learning/rbm.hpp"
#include "learning/training_data.hpp"

namespace spikewafer::learning {

struct CompletionScore {
  double pixel_error = 0.0;  // fraction of the hidden pixels completed wrongly
  double accuracy = 0.0;     // fraction of images whose class is right (NaN without labels)
};

// NaN scores where `images` is empty. `sweeps` >= 2; random numbers from Philox (seed).
CompletionScore complete_lower_halves(const Rbm& rbm, const Dataset& images, uint64_t seed,
                                      uint32_t sweeps = 40);

}  // namespace spikewafer::learning
