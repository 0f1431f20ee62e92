#include "learning/pattern_completion.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/random.hpp"

namespace spikewafer::learning {
namespace {

// Pattern completion's own substream of the initial-state stream (rbm.cpp uses 11, the
// trainer's shuffle 13).
constexpr uint32_t kCompletionSubstream = 14;

double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace

CompletionScore complete_lower_halves(const Rbm& rbm, const Dataset& images, uint64_t seed,
                                      uint32_t sweeps) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto n = static_cast<uint32_t>(images.images.rows());
  if (n == 0) return {nan, nan};
  sweeps = std::max(2u, sweeps);
  const uint32_t known = rbm.visible / 2, hidden_pixels = rbm.visible - known;
  const bool classes = rbm.labels > 0 && images.labels.size() == n;
  // Draw `what` of image r in sweep s: one uniform number per unit and draw.
  const auto uniform = [&](uint32_t r, uint32_t unit, uint32_t sweep, uint32_t what) {
    return kernels::philox_uniform4(seed, r * rbm.units() + unit, uint64_t{sweep} * 2 + what,
                                    kernels::Stream::kInitial, kCompletionSubstream)
        .u[0];
  };
  // The inputs: the known half as given, the rest 0 to start (no label: all label units 0).
  Eigen::MatrixXd x = Eigen::MatrixXd::Zero(n, rbm.inputs());
  x.leftCols(known) = images.images.leftCols(known);
  Eigen::MatrixXd pixel_mean = Eigen::MatrixXd::Zero(n, hidden_pixels);
  Eigen::MatrixXd label_mean = Eigen::MatrixXd::Zero(n, rbm.labels);
  const uint32_t averaged_from = sweeps / 2;
  for (uint32_t sweep = 0; sweep < sweeps; ++sweep) {
    Eigen::MatrixXd h = (x * rbm.W).rowwise() + rbm.c.transpose();
    for (uint32_t r = 0; r < n; ++r)
      for (uint32_t j = 0; j < rbm.hidden; ++j)
        h(r, j) = uniform(r, rbm.inputs() + j, sweep, 0) < logistic(h(r, j)) ? 1.0 : 0.0;
    const Eigen::MatrixXd field = (h * rbm.W.transpose()).rowwise() + rbm.b.transpose();
    for (uint32_t r = 0; r < n; ++r) {
      for (uint32_t k = 0; k < hidden_pixels; ++k) {
        const double p = logistic(field(r, known + k));
        x(r, known + k) = uniform(r, known + k, sweep, 1) < p ? 1.0 : 0.0;
        if (sweep >= averaged_from) pixel_mean(r, k) += p;
      }
      if (rbm.labels == 0) continue;
      // The softmax over the label units' fields, and one label drawn from it.
      const Eigen::VectorXd f = field.row(r).tail(rbm.labels).transpose();
      Eigen::VectorXd p = (f.array() - f.maxCoeff()).exp().matrix();
      p /= p.sum();
      const double u = uniform(r, rbm.visible, sweep, 1);
      uint32_t drawn = rbm.labels - 1;
      double below = 0.0;
      for (uint32_t k = 0; k < rbm.labels; ++k)
        if (u < (below += p[k])) {
          drawn = k;
          break;
        }
      x.row(r).tail(rbm.labels).setZero();
      x(r, rbm.visible + drawn) = 1.0;
      if (sweep >= averaged_from) label_mean.row(r) += p.transpose();
    }
  }
  CompletionScore score;
  const double averaged = sweeps - averaged_from;
  double wrong = 0.0;
  for (uint32_t r = 0; r < n; ++r)
    for (uint32_t k = 0; k < hidden_pixels; ++k)
      wrong += (pixel_mean(r, k) / averaged > 0.5) != (images.images(r, known + k) > 0.5);
  score.pixel_error = hidden_pixels ? wrong / (double(n) * hidden_pixels) : nan;
  score.accuracy = nan;
  if (classes) {
    uint32_t right = 0;
    for (uint32_t r = 0; r < n; ++r) {
      Eigen::Index best = 0;
      label_mean.row(r).maxCoeff(&best);
      right += static_cast<uint32_t>(best) == images.labels[r];
    }
    score.accuracy = double(right) / n;
  }
  return score;
}

}  // namespace spikewafer::learning
