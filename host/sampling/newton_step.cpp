#include "sampling/newton_step.hpp"

namespace spikewafer::sampling {

NewtonStep::NewtonStep(uint32_t parameters)
    : parameters_(parameters), gradient_(parameters, 0.0), curvature_(parameters, 0.0) {}

void NewtonStep::add_gradient(const double* g) {
  for (uint32_t a = 0; a < parameters_; ++a) gradient_[a] += g[a];
}

void NewtonStep::add_curvature(const double* f, double weight) {
  for (uint32_t a = 0; a < parameters_; ++a) curvature_[a] += weight * f[a] * f[a];
}

void NewtonStep::merge(const NewtonStep& other) {
  for (uint32_t a = 0; a < parameters_; ++a) {
    gradient_[a] += other.gradient_[a];
    curvature_[a] += other.curvature_[a];
  }
}

std::vector<double> NewtonStep::solve() const {
  std::vector<double> step(parameters_, 0.0);
  for (uint32_t a = 0; a < parameters_; ++a)
    if (curvature_[a] > 0) step[a] = gradient_[a] / curvature_[a];
  return step;
}

}  // namespace spikewafer::sampling
