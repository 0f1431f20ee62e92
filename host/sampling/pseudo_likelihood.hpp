// What Boltzmann machine a sampler really samples, estimated from its own states by the
// pseudo-likelihood: for every unit, a logistic regression of z_i on the other units' states,
// p(z_i = 1 | z_-i) = logistic(b_i + sum_j W_ij z_j). Held as the gradient and Hessian of the log
// pseudo-likelihood at reference parameters (those of the target), one Newton step from which is
// the estimated deviation of the sampled parameters from the reference: exact to second order
// in that deviation, and zero exactly where the states satisfy the reference's pseudo-likelihood
// equations, the fixed point of a closed loop that corrects the sampler by it (docs/models.md,
// "Closed-loop translation"). Memory does not grow with the number of states seen.
#pragma once

#include <cstdint>
#include <vector>

namespace spikewafer::sampling {

class LogisticMoments {
 public:
  explicit LogisticMoments(uint32_t features = 0);

  // One observation: the features f (features() values) that multiply the parameters, the
  // reference's logit eta = theta_ref . f + offset, and the state z.
  void add(const double* f, double eta, bool z);
  // `on` observations with z = 1 and `off` with z = 0 of the same features, each counted
  // `weight` times.
  void add_counts(const double* f, double eta, double on, double off, double weight = 1.0);
  // Any likelihood's contribution: its derivative along f (score) and curvature (information).
  void add_score(const double* f, double score, double information);
  void set_gradient(const std::vector<double>& g) { gradient_ = g; }
  void merge(const LogisticMoments& other);
  void clear();

  uint32_t features() const { return features_; }
  uint64_t count() const { return count_; }
  // theta_sampled - theta_ref by one Newton step of the log pseudo-likelihood. Directions that the
  // states hardly determine (all units up, say: curvature below 1e-2 of the largest) get a step
  // of 0 rather than a noisy one.
  std::vector<double> deviation() const;

 private:
  uint32_t features_;
  uint64_t count_ = 0;
  std::vector<double> gradient_;  // sum (z - p) f
  std::vector<double> hessian_;   // sum p (1 - p) f f^T, row-major
};

}  // namespace spikewafer::sampling
