// A Newton step for a few parameters, accumulated from many observations: a gradient and the
// curvature of each parameter summed as states arrive (memory independent of how many), solved
// once. The closed-loop translation (ising/translation_correction.hpp) sums a contrastive
// gradient and the curvature of the target's conditionals with it.
#pragma once

#include <cstdint>
#include <vector>

namespace spikewafer::sampling {

class NewtonStep {
 public:
  explicit NewtonStep(uint32_t parameters = 0);

  void add_gradient(const double* g);
  // Adds weight f_k^2 to the curvature of each parameter k.
  void add_curvature(const double* f, double weight);
  void merge(const NewtonStep& other);

  uint32_t parameters() const { return parameters_; }
  // gradient_k / curvature_k for each parameter apart (0 where the curvature is 0): the
  // parameters are stepped one by one, since a gradient whose parts are scaled unlike the
  // curvature's (a contrastive one) can turn a coupled step round (docs/models.md).
  std::vector<double> solve() const;

 private:
  uint32_t parameters_;
  std::vector<double> gradient_;
  std::vector<double> curvature_;
};

}  // namespace spikewafer::sampling
