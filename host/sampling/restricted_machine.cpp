#include "sampling/restricted_machine.hpp"

#include <cmath>

namespace spikewafer::sampling {

BoltzmannMachine as_boltzmann_machine(const Rbm& rbm) {
  const Eigen::Index n = rbm.inputs(), units = rbm.units();
  BoltzmannMachine bm;
  bm.W = Eigen::MatrixXd::Zero(units, units);
  bm.W.topRightCorner(n, rbm.hidden) = rbm.W;
  bm.W.bottomLeftCorner(rbm.hidden, n) = rbm.W.transpose();
  bm.b.resize(units);
  bm.b << rbm.b, rbm.c;
  return bm;
}

double softplus(double x) { return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x)); }

Eigen::VectorXd label_posterior(const Rbm& rbm, const Eigen::VectorXd& image) {
  // -F(image, k) up to the terms that do not depend on the label.
  const Eigen::VectorXd drive = rbm.c + rbm.W.topRows(rbm.visible).transpose() * image;
  Eigen::VectorXd log_p(rbm.labels);
  for (uint32_t k = 0; k < rbm.labels; ++k) {
    const auto row = static_cast<Eigen::Index>(rbm.visible + k);
    double sum = rbm.b[row];
    for (Eigen::Index j = 0; j < drive.size(); ++j) sum += softplus(drive[j] + rbm.W(row, j));
    log_p[k] = sum;
  }
  const Eigen::VectorXd p = (log_p.array() - log_p.maxCoeff()).exp();
  return p / p.sum();
}

}  // namespace spikewafer::sampling
