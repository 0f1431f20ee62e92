#include "sampling/logistic_fit.hpp"

#include <Eigen/Dense>

#include <cmath>
#include <string>

#include "spikewafer/error.hpp"

namespace spikewafer::sampling {
namespace {

// Starting values: logit(p) = (x - x0) / width is a straight line in x.
LogisticFit initial_guess(const std::vector<double>& x, const std::vector<double>& p) {
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (size_t k = 0; k < x.size(); ++k) {
    if (!(p[k] > 0.05 && p[k] < 0.95)) continue;
    const double y = std::log(p[k] / (1.0 - p[k]));
    n += 1;
    sx += x[k];
    sy += y;
    sxx += x[k] * x[k];
    sxy += x[k] * y;
  }
  const double denominator = n * sxx - sx * sx;
  if (n < 3 || denominator <= 0)
    throw input_error("activation fit: fewer than 3 points with 0.05 < p < 0.95; widen the bias "
                      "range or add points so that the transition is sampled");
  const double slope = (n * sxy - sx * sy) / denominator;
  const double intercept = (sy - slope * sx) / n;
  LogisticFit fit;
  fit.width = 1.0 / slope;
  fit.x0 = -intercept / slope;
  return fit;
}

double sum_of_squares(const std::vector<double>& x, const std::vector<double>& p, double x0,
                      double width) {
  double s = 0;
  for (size_t k = 0; k < x.size(); ++k) {
    const double r = p[k] - logistic(x[k], x0, width);
    s += r * r;
  }
  return s;
}

}  // namespace

LogisticFit fit_logistic(const std::vector<double>& x, const std::vector<double>& p) {
  LogisticFit fit = initial_guess(x, p);
  double lambda = 1e-3;
  double cost = sum_of_squares(x, p, fit.x0, fit.width);
  Eigen::Matrix2d jtj;
  for (int iteration = 0; iteration < 200; ++iteration) {
    jtj.setZero();
    Eigen::Vector2d jtr = Eigen::Vector2d::Zero();
    for (size_t k = 0; k < x.size(); ++k) {
      const double f = logistic(x[k], fit.x0, fit.width);
      const double d = f * (1.0 - f);  // df / d((x - x0) / width)
      const Eigen::Vector2d grad(-d / fit.width, -d * (x[k] - fit.x0) / (fit.width * fit.width));
      jtj += grad * grad.transpose();
      jtr += grad * (p[k] - f);
    }
    Eigen::Matrix2d damped = jtj;
    damped.diagonal() *= 1.0 + lambda;
    const Eigen::Vector2d step = damped.ldlt().solve(jtr);
    const double trial = sum_of_squares(x, p, fit.x0 + step[0], fit.width + step[1]);
    if (trial < cost && fit.width + step[1] != 0.0) {
      fit.x0 += step[0];
      fit.width += step[1];
      const bool converged = cost - trial < 1e-14 * (1.0 + cost);
      cost = trial;
      lambda *= 0.3;
      if (converged) break;
    } else {
      lambda *= 10.0;
      if (lambda > 1e12) break;
    }
  }
  const double dof = std::max<double>(1.0, static_cast<double>(x.size()) - 2.0);
  const Eigen::Matrix2d covariance = jtj.inverse() * (cost / dof);
  fit.x0_err = std::sqrt(std::max(0.0, covariance(0, 0)));
  fit.width_err = std::sqrt(std::max(0.0, covariance(1, 1)));
  fit.residual = std::sqrt(cost / static_cast<double>(x.size()));
  return fit;
}

}  // namespace spikewafer::sampling
