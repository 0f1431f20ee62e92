#include "sampling/pseudo_likelihood.hpp"

#include <Eigen/Dense>
#include <cmath>

namespace spikewafer::sampling {

LogisticMoments::LogisticMoments(uint32_t features)
    : features_(features),
      gradient_(features, 0.0),
      hessian_(static_cast<size_t>(features) * features, 0.0) {}

void LogisticMoments::add(const double* f, double eta, bool z) {
  add_counts(f, eta, z ? 1.0 : 0.0, z ? 0.0 : 1.0);
}

void LogisticMoments::add_counts(const double* f, double eta, double on, double off,
                                 double weight) {
  const double p = 1.0 / (1.0 + std::exp(-eta));
  add_score(f, weight * (on - (on + off) * p), weight * (on + off) * p * (1.0 - p));
  count_ += static_cast<uint64_t>(std::llround(on + off));
}

void LogisticMoments::add_score(const double* f, double score, double information) {
  for (uint32_t a = 0; a < features_; ++a) {
    gradient_[a] += score * f[a];
    const double ca = information * f[a];
    for (uint32_t b = 0; b < features_; ++b) hessian_[a * size_t{features_} + b] += ca * f[b];
  }
}

void LogisticMoments::merge(const LogisticMoments& other) {
  for (size_t k = 0; k < gradient_.size(); ++k) gradient_[k] += other.gradient_[k];
  for (size_t k = 0; k < hessian_.size(); ++k) hessian_[k] += other.hessian_[k];
  count_ += other.count_;
}

void LogisticMoments::clear() { *this = LogisticMoments(features_); }

std::vector<double> LogisticMoments::deviation() const {
  std::vector<double> step(features_, 0.0);
  const Eigen::Map<const Eigen::MatrixXd> h(hessian_.data(), features_, features_);
  const Eigen::Map<const Eigen::VectorXd> g(gradient_.data(), features_);
  // A truncated pseudo-inverse: eigen-directions with less than 1e-2 of the largest curvature
  // are left alone (the states say next to nothing about them, and a step along them would be
  // mostly noise).
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(h);
  const Eigen::VectorXd& lambda = eigen.eigenvalues();
  const double largest = lambda.maxCoeff();
  if (!(largest > 0)) return step;
  Eigen::VectorXd projected = eigen.eigenvectors().transpose() * g;
  for (Eigen::Index k = 0; k < lambda.size(); ++k)
    projected[k] = lambda[k] > 1e-2 * largest ? projected[k] / lambda[k] : 0.0;
  const Eigen::VectorXd x = eigen.eigenvectors() * projected;
  for (uint32_t a = 0; a < features_; ++a) step[a] = x[a];
  return step;
}

}  // namespace spikewafer::sampling
