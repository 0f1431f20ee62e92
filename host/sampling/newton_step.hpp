// A Newton step for a few parameters, accumulated from many observations: a gradient and a
// curvature matrix summed as states arrive (memory independent of how many), solved once. The
// closed-loop translation (ising/translation_correction.hpp) sums a contrastive gradient and the
// curvature of the target's conditionals with it.
#pragma once

#include <cstdint>
#include <vector>

namespace spikewafer::sampling {

class NewtonStep {
 public:
  explicit NewtonStep(uint32_t parameters = 0);

  void add_gradient(const double* g);
  // Adds weight f f^T to the curvature.
  void add_curvature(const double* f, double weight);
  void merge(const NewtonStep& other, double weight = 1.0);
  void set_curvature(std::vector<double> curvature) { curvature_ = std::move(curvature); }

  uint32_t parameters() const { return parameters_; }
  // curvature^-1 gradient. Directions the observations hardly determine (curvature below 1e-2
  // of the largest: all units up, say) get a step of 0 rather than a noisy one.
  std::vector<double> solve() const;
  // gradient_k / curvature_kk for each parameter apart (0 where the curvature is 0): a step that
  // a gradient whose parts are scaled unlike the curvature's cannot turn round.
  std::vector<double> solve_diagonal() const;

 private:
  uint32_t parameters_;
  std::vector<double> gradient_;
  std::vector<double> curvature_;  // row-major
};

}  // namespace spikewafer::sampling
