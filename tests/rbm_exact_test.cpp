// What the RBM computes exactly (learning/rbm.hpp), against brute-force enumeration of the
// machine as a general Boltzmann machine: log Z and log p(x) over either layer, the most
// probable label, and the gradient of the log-likelihood that contrastive divergence follows
// (data statistics minus model statistics) against finite differences; persistent Gibbs chains
// reproduce the model statistics in expectation.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "learning/model_phase.hpp"
#include "learning/rbm.hpp"
#include "learning/training_data.hpp"
#include "sampling/exact_distribution.hpp"

namespace spikewafer::learning {
namespace {

Rbm tiny(uint32_t visible, uint32_t labels, uint32_t hidden) {
  Rbm rbm = make_rbm(visible, labels, hidden, 1.0, 5);
  for (uint32_t i = 0; i < rbm.inputs(); ++i) rbm.b[i] = 0.3 * std::sin(1.7 * i) - 0.2;
  for (uint32_t j = 0; j < hidden; ++j) rbm.c[j] = 0.4 * std::cos(2.3 * j);
  return rbm;
}

// p(x) of every input state x (bit k of the index is input k), from the full machine.
Eigen::VectorXd input_marginal(const Rbm& rbm) {
  const Eigen::VectorXd p = sampling::exact_distribution(as_boltzmann_machine(rbm));
  Eigen::VectorXd out = Eigen::VectorXd::Zero(Eigen::Index{1} << rbm.inputs());
  for (Eigen::Index s = 0; s < p.size(); ++s) out[s & ((Eigen::Index{1} << rbm.inputs()) - 1)] += p[s];
  return out;
}

Eigen::VectorXd state(uint64_t index, uint32_t n) {
  Eigen::VectorXd x(n);
  for (uint32_t k = 0; k < n; ++k) x[k] = (index >> k) & 1;
  return x;
}

TEST(RbmExact, LogLikelihoodMatchesEnumerationSummingEitherLayer) {
  for (const auto& [visible, hidden] : {std::pair{4u, 3u}, std::pair{3u, 6u}}) {
    const Rbm rbm = tiny(visible, 1, hidden);
    const Eigen::VectorXd p = input_marginal(rbm);
    const double log_z = log_partition(rbm);
    for (uint64_t s = 0; s < static_cast<uint64_t>(p.size()); ++s)
      EXPECT_NEAR(-free_energy(rbm, state(s, rbm.inputs())) - log_z, std::log(p[s]), 1e-10);
  }
  Rbm huge = make_rbm(30, 0, 30, 0.1, 1);
  EXPECT_TRUE(std::isnan(log_partition(huge)));
}

TEST(RbmExact, ClassifyPicksTheMostProbableLabel) {
  const Rbm rbm = tiny(3, 3, 4);
  for (uint64_t image = 0; image < 8; ++image) {
    double best = -1.0;
    uint32_t expected = 0;
    const Eigen::VectorXd p = input_marginal(rbm);
    for (uint32_t k = 0; k < 3; ++k) {
      const double q = p[image | (uint64_t{1} << (3 + k))];
      if (q > best) best = q, expected = k;
    }
    EXPECT_EQ(classify(rbm, state(image, 3)), expected) << image;
  }
}

// p(label | image) against the enumerated joint: p(image, label) / sum over labels.
TEST(RbmExact, LabelPosteriorIsTheEnumeratedConditional) {
  const Rbm rbm = tiny(3, 3, 4);
  const Eigen::VectorXd p = input_marginal(rbm);
  for (uint64_t image = 0; image < 8; ++image) {
    const Eigen::VectorXd posterior = label_posterior(rbm, state(image, 3));
    double sum = 0.0;
    for (uint32_t k = 0; k < 3; ++k) sum += p[image | (uint64_t{1} << (3 + k))];
    for (uint32_t k = 0; k < 3; ++k)
      EXPECT_NEAR(posterior[k], p[image | (uint64_t{1} << (3 + k))] / sum, 1e-12) << image;
  }
}

// The gradient CD follows: d/dW mean log p(x) = <x p(h|x)^T>_data - <x h^T>_model.
TEST(RbmExact, DataMinusModelStatisticsIsTheGradient) {
  const Rbm rbm = tiny(4, 0, 3);
  const Dataset data = bars_and_stripes(2);
  const Eigen::MatrixXd x = rbm_inputs(data, 0);
  const auto sigmoid = [](double v) { return 1.0 / (1.0 + std::exp(-v)); };
  const Eigen::MatrixXd p_data =
      ((x * rbm.W).rowwise() + rbm.c.transpose()).unaryExpr(sigmoid);
  const Eigen::MatrixXd positive = x.transpose() * p_data / static_cast<double>(x.rows());
  const Eigen::VectorXd p = sampling::exact_distribution(as_boltzmann_machine(rbm));
  const Eigen::MatrixXd pairs = sampling::pair_correlations(p, static_cast<int>(rbm.units()));
  const Eigen::MatrixXd negative = pairs.topRightCorner(rbm.inputs(), rbm.hidden);
  const double step = 1e-6;
  for (uint32_t i = 0; i < rbm.inputs(); ++i)
    for (uint32_t j = 0; j < rbm.hidden; ++j) {
      Rbm up = rbm, down = rbm;
      up.W(i, j) += step;
      down.W(i, j) -= step;
      const double numeric =
          (mean_log_likelihood(up, x) - mean_log_likelihood(down, x)) / (2 * step);
      EXPECT_NEAR(positive(i, j) - negative(i, j), numeric, 1e-6) << i << ", " << j;
    }
  // Persistent Gibbs chains give those model statistics in expectation.
  auto phase = gibbs_phase(1, true, 4000, 3, 0, {});
  Statistics s = phase->sample(rbm, x);
  for (int k = 0; k < 20; ++k) s = phase->sample(rbm, x);  // equilibrate
  Eigen::MatrixXd mean = Eigen::MatrixXd::Zero(rbm.inputs(), rbm.hidden);
  for (int k = 0; k < 20; ++k) mean += phase->sample(rbm, x).xh / 20.0;
  // 4000 chains x 20 correlated draws: standard errors below 0.004.
  EXPECT_LT((mean - negative).cwiseAbs().maxCoeff(), 0.02);
}

}  // namespace
}  // namespace spikewafer::learning
