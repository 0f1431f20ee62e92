#include "ising/curie_fit.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>
#include <string>

#include "network/random_stream.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Points {
  Eigen::VectorXd T, chi, sigma;
};

[[noreturn]] void fail(const std::string& reason) { throw input_error("Curie fit: " + reason); }

Points select_points(const std::vector<double>& T, const std::vector<double>& chi,
                     const std::vector<double>& chi_err, double T_min, double T_max) {
  if (chi.size() != T.size() || (!chi_err.empty() && chi_err.size() != T.size())) {
    fail("T, chi and chi_err must have the same length");
  }
  std::vector<std::size_t> used;
  for (std::size_t k = 0; k < T.size(); ++k) {
    if (T[k] >= T_min && T[k] <= T_max && std::isfinite(chi[k])) used.push_back(k);
  }
  Points p{Eigen::VectorXd(used.size()), Eigen::VectorXd(used.size()),
           Eigen::VectorXd(used.size())};
  for (std::size_t u = 0; u < used.size(); ++u) {
    const std::size_t k = used[u];
    p.T[u] = T[k];
    p.chi[u] = chi[k];
    p.sigma[u] = chi_err.empty() ? 1.0 : chi_err[k];
    if (!(p.sigma[u] > 0.0 && std::isfinite(p.sigma[u]))) {
      std::ostringstream message;
      message << "chi_err at T = " << T[k] << " is " << chi_err[k] << "; errors must be > 0";
      fail(message.str());
    }
  }
  return p;
}

// Starting values from the straight line 1/chi = (T - Tc) / C (exact for gamma = 1), with Tc
// pushed below the data if the line puts it inside.
Eigen::VectorXd starting_values(const Points& p) {
  double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (Eigen::Index k = 0; k < p.T.size(); ++k) {
    if (!(p.chi[k] > 0.0)) continue;
    const double w = std::pow(p.chi[k] * p.chi[k] / p.sigma[k], 2);  // 1/var of 1/chi
    const double y = 1.0 / p.chi[k];
    sw += w, sx += w * p.T[k], sy += w * y, sxx += w * p.T[k] * p.T[k], sxy += w * p.T[k] * y;
  }
  const double slope = (sw * sxy - sx * sy) / (sw * sxx - sx * sx);
  const double intercept = (sy - slope * sx) / sw;
  const double T_lo = p.T.minCoeff(), T_hi = p.T.maxCoeff();
  double Tc = -intercept / slope;
  if (!(slope > 0.0) || !std::isfinite(Tc) || Tc >= T_lo) Tc = T_lo - 0.5 * (T_hi - T_lo);
  const double C = (p.chi.array() * (p.T.array() - Tc)).mean();
  Eigen::VectorXd q(3);
  q << C, Tc, 1.0;
  return q;
}

// Weighted residuals r_k = (chi_k - f(T_k)) / sigma_k and their Jacobian in the free
// parameters (C, Tc[, gamma]).
double residuals(const Points& p, const Eigen::VectorXd& q, int free, Eigen::VectorXd& r,
                 Eigen::MatrixXd& J) {
  r.resize(p.T.size());
  J.resize(p.T.size(), free);
  for (Eigen::Index k = 0; k < p.T.size(); ++k) {
    const double x = p.T[k] - q[1];
    const double power = std::pow(x, -q[2]);
    const double f = q[0] * power;
    r[k] = (p.chi[k] - f) / p.sigma[k];
    J(k, 0) = -power / p.sigma[k];
    J(k, 1) = -q[0] * q[2] * power / x / p.sigma[k];
    if (free == 3) J(k, 2) = f * std::log(x) / p.sigma[k];
  }
  return r.squaredNorm();
}

}  // namespace

CurieFit fit_curie(const std::vector<double>& T, const std::vector<double>& chi,
                   const std::vector<double>& chi_err, double T_min, double T_max,
                   bool fix_gamma_1) {
  const Points p = select_points(T, chi, chi_err, T_min, T_max);
  const int free = fix_gamma_1 ? 2 : 3;
  const Eigen::Index n = p.T.size();
  if (n < free + 1) {
    std::ostringstream message;
    message << "only " << n << " points in [" << T_min << ", " << T_max << "]; need at least "
            << (fix_gamma_1 ? 3 : 4) << (fix_gamma_1 ? " with gamma fixed" : " with gamma free");
    fail(message.str());
  }
  const double T_lo = p.T.minCoeff();

  // Dynamic-size vectors: GCC 12 misreads AVX loads of a fixed Vector3d's head() as overruns.
  Eigen::VectorXd q = starting_values(p);
  Eigen::VectorXd r;
  Eigen::MatrixXd J;
  double chi2 = residuals(p, q, free, r, J);
  double lambda = 1e-3;
  bool converged = false;
  for (int iteration = 0; iteration < 1000 && !converged; ++iteration) {
    const Eigen::MatrixXd A = J.transpose() * J;
    const Eigen::VectorXd g = J.transpose() * r;
    Eigen::MatrixXd damped = A;
    damped.diagonal() += lambda * A.diagonal();
    const Eigen::VectorXd step = damped.ldlt().solve(-g);
    Eigen::VectorXd trial = q;
    trial.head(free) += step;
    Eigen::VectorXd r_trial;
    Eigen::MatrixXd J_trial;
    // Tc must stay below every T used, or the model is undefined there.
    const double chi2_trial = trial[1] < T_lo && step.allFinite()
                                  ? residuals(p, trial, free, r_trial, J_trial)
                                  : std::numeric_limits<double>::infinity();
    if (std::isfinite(chi2_trial) && chi2_trial <= chi2) {
      const bool small = chi2 - chi2_trial <= 1e-12 * chi2 + 1e-300 ||
                         step.norm() <= 1e-12 * (q.head(free).norm() + 1e-12);
      q = trial, chi2 = chi2_trial, r = r_trial, J = J_trial;
      lambda = std::max(lambda / 10.0, 1e-12);
      converged = small;
    } else {
      lambda *= 10.0;
      // No step, however short, lowers chi2 any more: we are at the minimum to rounding.
      converged = lambda > 1e12;
    }
  }
  if (!converged || !q.allFinite()) {
    fail("Levenberg-Marquardt did not converge; check the range (it must lie above Tc)");
  }

  const Eigen::MatrixXd A = J.transpose() * J;
  Eigen::FullPivLU<Eigen::MatrixXd> lu(A);
  if (!lu.isInvertible()) fail("the parameters are not determined by these points");
  const double dof = static_cast<double>(n - free);
  const double chi2_per_dof = chi2 / dof;
  const Eigen::MatrixXd covariance = lu.inverse() * std::max(1.0, chi2_per_dof);

  CurieFit fit;
  fit.C = q[0], fit.C_err = std::sqrt(covariance(0, 0));
  fit.Tc = q[1], fit.Tc_err = std::sqrt(covariance(1, 1));
  fit.gamma = q[2], fit.gamma_err = fix_gamma_1 ? 0.0 : std::sqrt(covariance(2, 2));
  fit.T_min = T_lo, fit.T_max = p.T.maxCoeff();
  fit.chi2_per_dof = chi2_per_dof;
  fit.points = static_cast<uint32_t>(n);
  return fit;
}

double binder_crossing(const std::vector<double>& T, const std::vector<double>& u_small,
                       const std::vector<double>& u_large) {
  if (u_small.size() != T.size() || u_large.size() != T.size()) {
    throw input_error("Binder crossing: T and both cumulants must have the same length");
  }
  std::vector<std::size_t> order(T.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return T[a] > T[b]; });
  std::vector<double> d;  // u_small - u_large, hottest first
  for (std::size_t k : order) d.push_back(u_small[k] - u_large[k]);
  // From the hot side, the first change from the hot side's sign to the other that holds for
  // two grid points (or to the grid's cold end): both ends are noisy (deep in the ordered phase
  // both cumulants sit at 2/3, far above Tc both near 0), and sampling noise crosses them at
  // random there, a point at a time (a spiking scan's L = 16 cumulant, +- 0.03 far above Tc,
  // dipped below L = 8's at T = 3.3 alone, and the first sign change from the hot side put Tc
  // there where they cross at 2.25).
  const auto sign = [](double x) { return x > 0.0 ? 1 : (x < 0.0 ? -1 : 0); };
  int hot = 0;
  for (std::size_t u = 0; u < d.size() && hot == 0; ++u) hot = sign(d[u]);
  for (std::size_t u = 0; u + 1 < d.size(); ++u) {
    if (sign(d[u]) == -hot) continue;
    const bool holds = sign(d[u + 1]) == -hot && (u + 2 == d.size() || sign(d[u + 2]) == -hot);
    if (!holds) continue;
    const std::size_t a = order[u], b = order[u + 1];
    return T[a] + (T[b] - T[a]) * d[u] / (d[u] - d[u + 1]);
  }
  return kNaN;
}

namespace {

// The mean crossing over the pairs that cross, and the pairs and crossings themselves.
double mean_crossing(const std::vector<double>& T, const std::vector<uint32_t>& sizes,
                     const std::vector<std::vector<double>>& binder, BinderCrossing* record) {
  double sum = 0.0;
  int count = 0;
  for (std::size_t a = 0; a < sizes.size(); ++a) {
    for (std::size_t b = 0; b < sizes.size(); ++b) {
      if (!(sizes[a] < sizes[b])) continue;
      const double crossing = binder_crossing(T, binder[a], binder[b]);
      if (std::isnan(crossing)) continue;
      sum += crossing;
      ++count;
      if (record) {
        record->pairs.emplace_back(sizes[a], sizes[b]);
        record->crossings.push_back(crossing);
      }
    }
  }
  return count > 0 ? sum / count : kNaN;
}

}  // namespace

BinderCrossing binder_crossings(const std::vector<double>& T, const std::vector<uint32_t>& sizes,
                                const std::vector<std::vector<double>>& binder,
                                const std::vector<std::vector<double>>& binder_err) {
  if (binder.size() != sizes.size() || (!binder_err.empty() && binder_err.size() != sizes.size())) {
    throw input_error("Binder crossing: one cumulant series (and error series) is needed per size");
  }
  for (std::size_t k = 0; k < binder_err.size(); ++k)
    if (binder_err[k].size() != binder[k].size())
      throw input_error("Binder crossing: each cumulant needs its error");
  BinderCrossing result;
  result.Tc = mean_crossing(T, sizes, binder, &result);
  const std::size_t n = result.crossings.size();
  if (n == 0) {
    result.Tc_err = result.pairs_spread = kNaN;  // Tc is NaN already
    result.crossed_fraction = 0.0;
    return result;
  }
  double sum_sq = 0.0;
  for (double c : result.crossings) sum_sq += (c - result.Tc) * (c - result.Tc);
  result.pairs_spread = n > 1 ? std::sqrt(sum_sq / (n - 1.0)) : 0.0;
  if (binder_err.empty()) return result;

  // The redraws' numbers: a counter-based stream under a fixed seed (network/random_stream.hpp).
  RandomStream stream(20261207, 0, StreamPurpose::kConnect, 0);
  std::vector<std::vector<double>> drawn = binder;
  double sum = 0.0, square_sum = 0.0;
  int crossed = 0;
  for (int draw = 0; draw < kBinderResamples; ++draw) {
    for (std::size_t k = 0; k < binder.size(); ++k)
      for (std::size_t t = 0; t < binder[k].size(); ++t)
        drawn[k][t] = binder[k][t] + stream.normal() * binder_err[k][t];
    const double Tc = mean_crossing(T, sizes, drawn, nullptr);
    if (std::isnan(Tc)) continue;
    sum += Tc;
    square_sum += Tc * Tc;
    ++crossed;
  }
  result.crossed_fraction = static_cast<double>(crossed) / kBinderResamples;
  result.Tc_err = crossed > 1 ? std::sqrt(std::max(0.0, (square_sum - sum * sum / crossed) /
                                                           (crossed - 1.0)))
                              : kNaN;
  return result;
}

}  // namespace spikewafer::ising
