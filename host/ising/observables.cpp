#include "ising/observables.hpp"

#include <array>
#include <cmath>
#include <complex>
#include <limits>
#include <sstream>

#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Sums over the samples of one replica (or several): what every estimate is a function of, so
// that leaving a replica out of the jackknife is a subtraction.
struct Sums {
  double n = 0, m = 0, abs_m = 0, m2 = 0, m4 = 0, e = 0, e2 = 0;
  Sums& operator+=(const Sums& o) {
    n += o.n, m += o.m, abs_m += o.abs_m, m2 += o.m2, m4 += o.m4, e += o.e, e2 += o.e2;
    return *this;
  }
  Sums operator-(const Sums& o) const {
    return {n - o.n, m - o.m, abs_m - o.abs_m, m2 - o.m2, m4 - o.m4, e - o.e, e2 - o.e2};
  }
};

Sums sums_of(const ReplicaSeries& series) {
  Sums s;
  for (const Sample& x : series.samples()) {
    const double m2 = x.m * x.m;
    s.n += 1, s.m += x.m, s.abs_m += std::abs(x.m), s.m2 += m2, s.m4 += m2 * m2;
    s.e += x.e, s.e2 += x.e * x.e;
  }
  return s;
}

// m, |m|, chi, energy, heat capacity, Binder cumulant, in that order.
using Estimates = std::array<double, 6>;

Estimates estimates(const Sums& s, double spins, double T) {
  const double m = s.m / s.n, abs_m = s.abs_m / s.n, m2 = s.m2 / s.n, m4 = s.m4 / s.n;
  const double e = s.e / s.n, e2 = s.e2 / s.n;
  return {m,
          abs_m,
          spins * (m2 - abs_m * abs_m) / T,
          e,
          spins * (e2 - e * e) / (T * T),
          1.0 - m4 / (3.0 * m2 * m2)};
}

// In-place radix-2 FFT (size a power of two); the inverse is left unnormalised.
void fft(std::vector<std::complex<double>>& a, bool inverse) {
  const std::size_t n = a.size();
  for (std::size_t i = 1, j = 0; i < n; ++i) {
    std::size_t bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) std::swap(a[i], a[j]);
  }
  for (std::size_t len = 2; len <= n; len <<= 1) {
    const double angle = (inverse ? 2.0 : -2.0) * 3.14159265358979323846 / len;
    const std::complex<double> step(std::cos(angle), std::sin(angle));
    for (std::size_t start = 0; start < n; start += len) {
      std::complex<double> w(1.0, 0.0);
      for (std::size_t k = 0; k < len / 2; ++k, w *= step) {
        const std::complex<double> u = a[start + k], v = a[start + k + len / 2] * w;
        a[start + k] = u + v;
        a[start + k + len / 2] = u - v;
      }
    }
  }
}

double mean_of(const std::vector<double>& v) {
  double sum = 0.0;
  for (double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

}  // namespace

Sample measure(const Lattice& lattice, const std::vector<double>& h_i, const uint8_t* z) {
  const auto& g = lattice.graph;
  const uint32_t n = lattice.spins;
  double magnetisation = 0.0, field_energy = 0.0, bond_energy = 0.0;
  for (uint32_t i = 0; i < n; ++i) {
    const double s = z[i] ? 1.0 : -1.0;
    magnetisation += s;
    field_energy -= h_i[i] * s;
  }
  if (lattice.spec.kind == LatticeKind::kComplete &&
      lattice.spec.couplings == Couplings::kUniform) {
    // One coupling for all pairs: sum_{i<j} s_i s_j = (M^2 - N) / 2, O(N) instead of O(N^2).
    bond_energy = -coupling(lattice, 0) * (magnetisation * magnetisation - n) / 2.0;
  } else {
    for (uint32_t i = 0; i < n; ++i) {
      const double s = z[i] ? 1.0 : -1.0;
      for (uint64_t k = g.row_ptr[i]; k < g.row_ptr[i + 1]; ++k) {
        const uint32_t j = g.column[k];
        if (j > i) bond_energy -= coupling(lattice, k) * s * (z[j] ? 1.0 : -1.0);
      }
    }
  }
  return {magnetisation / n, (bond_energy + field_energy) / n};
}

PointStats point_stats(const std::vector<ReplicaSeries>& replicas, uint32_t spins, double T) {
  if (!(std::isfinite(T) && T > 0.0)) {
    std::ostringstream message;
    message << "point statistics need a positive temperature (got " << T << ")";
    throw input_error(message.str());
  }
  // Empty replicas carry no information; leaving them in would only shrink the jackknife.
  std::vector<Sums> per_replica;
  std::vector<double> taus;
  Sums total;
  for (const ReplicaSeries& series : replicas) {
    if (series.size() == 0) continue;
    per_replica.push_back(sums_of(series));
    total += per_replica.back();
    std::vector<double> m(series.size());
    for (std::size_t t = 0; t < m.size(); ++t) m[t] = series.samples()[t].m;
    const double tau = integrated_autocorrelation_time(m);
    if (std::isfinite(tau)) taus.push_back(tau);
  }
  if (per_replica.empty()) throw input_error("point statistics need at least one sample");

  const double N = spins;
  const Estimates all = estimates(total, N, T);
  Estimates err{};
  const std::size_t R = per_replica.size();
  if (R > 1) {
    std::vector<Estimates> left_out(R);
    Estimates mean{};
    for (std::size_t r = 0; r < R; ++r) {
      left_out[r] = estimates(total - per_replica[r], N, T);
      for (std::size_t q = 0; q < mean.size(); ++q) mean[q] += left_out[r][q] / R;
    }
    for (std::size_t q = 0; q < err.size(); ++q) {
      double sum_sq = 0.0;
      for (std::size_t r = 0; r < R; ++r) sum_sq += std::pow(left_out[r][q] - mean[q], 2);
      err[q] = std::sqrt((R - 1.0) / R * sum_sq);
    }
  }

  PointStats stats;
  stats.m = all[0], stats.m_err = err[0];
  stats.abs_m = all[1], stats.abs_m_err = err[1];
  stats.chi = all[2], stats.chi_err = err[2];
  stats.energy = all[3], stats.energy_err = err[3];
  stats.heat_capacity = all[4], stats.heat_capacity_err = err[4];
  stats.binder = all[5], stats.binder_err = err[5];
  stats.replicas = static_cast<uint32_t>(R);
  stats.samples = static_cast<uint64_t>(total.n);
  // Replicas whose m never changed have no defined tau; the others still tell how correlated.
  stats.tau_int = taus.empty() ? kNaN : mean_of(taus);
  if (taus.size() > 1) {
    double sum_sq = 0.0;
    for (double tau : taus) sum_sq += std::pow(tau - stats.tau_int, 2);
    stats.tau_int_err = std::sqrt(sum_sq / (taus.size() - 1.0) / taus.size());
  }
  return stats;
}

double integrated_autocorrelation_time(const std::vector<double>& series, double c) {
  const std::size_t n = series.size();
  if (n < 2) return kNaN;
  bool constant = true;
  for (double x : series) constant = constant && x == series[0];
  if (constant) return kNaN;
  // Autocovariance by FFT (zero-padded to avoid wrap-around): O(n log n), since the window
  // near a critical point can reach thousands of lags.
  std::size_t size = 1;
  while (size < 2 * n) size <<= 1;
  const double mean = mean_of(series);
  std::vector<std::complex<double>> a(size, 0.0);
  for (std::size_t t = 0; t < n; ++t) a[t] = series[t] - mean;
  fft(a, false);
  for (auto& x : a) x = std::norm(x);
  fft(a, true);
  const double c0 = a[0].real();
  double tau = 0.5;
  for (std::size_t M = 1; M < n; ++M) {
    tau += a[M].real() / c0;
    if (static_cast<double>(M) >= c * tau) break;
  }
  return tau;
}

}  // namespace spikewafer::ising
