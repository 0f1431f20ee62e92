#include "sampling/newton_step.hpp"

#include <Eigen/Dense>

namespace spikewafer::sampling {

NewtonStep::NewtonStep(uint32_t parameters)
    : parameters_(parameters),
      gradient_(parameters, 0.0),
      curvature_(static_cast<size_t>(parameters) * parameters, 0.0) {}

void NewtonStep::add_gradient(const double* g) {
  for (uint32_t a = 0; a < parameters_; ++a) gradient_[a] += g[a];
}

void NewtonStep::add_curvature(const double* f, double weight) {
  for (uint32_t a = 0; a < parameters_; ++a)
    for (uint32_t b = 0; b < parameters_; ++b)
      curvature_[a * size_t{parameters_} + b] += weight * f[a] * f[b];
}

void NewtonStep::merge(const NewtonStep& other, double weight) {
  for (size_t k = 0; k < gradient_.size(); ++k) gradient_[k] += weight * other.gradient_[k];
  for (size_t k = 0; k < curvature_.size(); ++k) curvature_[k] += weight * other.curvature_[k];
}

std::vector<double> NewtonStep::solve() const {
  std::vector<double> step(parameters_, 0.0);
  const Eigen::Map<const Eigen::MatrixXd> h(curvature_.data(), parameters_, parameters_);
  const Eigen::Map<const Eigen::VectorXd> g(gradient_.data(), parameters_);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(h);
  const Eigen::VectorXd& lambda = eigen.eigenvalues();
  const double largest = lambda.size() ? lambda.maxCoeff() : 0.0;
  if (!(largest > 0)) return step;
  Eigen::VectorXd projected = eigen.eigenvectors().transpose() * g;
  for (Eigen::Index k = 0; k < lambda.size(); ++k)
    projected[k] = lambda[k] > 1e-2 * largest ? projected[k] / lambda[k] : 0.0;
  const Eigen::VectorXd x = eigen.eigenvectors() * projected;
  for (uint32_t a = 0; a < parameters_; ++a) step[a] = x[a];
  return step;
}

std::vector<double> NewtonStep::solve_diagonal() const {
  std::vector<double> step(parameters_, 0.0);
  for (uint32_t a = 0; a < parameters_; ++a) {
    const double c = curvature_[a * size_t{parameters_} + a];
    if (c > 0) step[a] = gradient_[a] / c;
  }
  return step;
}

}  // namespace spikewafer::sampling
