// Least-squares fit of the logistic activation p = 1 / (1 + exp(-(x - x0) / width)).
#pragma once

#include <vector>

namespace spikewafer::sampling {

struct LogisticFit {
  double x0 = 0.0, width = 0.0;          // inflection point and width, in the units of x
  double x0_err = 0.0, width_err = 0.0;  // standard errors from the fit's covariance
  double residual = 0.0;                 // root mean square of p - fit
};

// Unweighted Levenberg-Marquardt from a start found by linear regression on logit(p) of the
// points with 0.05 < p < 0.95. Throws input_error when fewer than 3 points lie in the transition.
LogisticFit fit_logistic(const std::vector<double>& x, const std::vector<double>& p);

inline double logistic(double x, double x0, double width);

}  // namespace spikewafer::sampling

#include <cmath>

namespace spikewafer::sampling {
inline double logistic(double x, double x0, double width) {
  return 1.0 / (1.0 + std::exp(-(x - x0) / width));
}
}  // namespace spikewafer::sampling
