// measure() on states whose magnetisation and energy are known exactly, and point_stats() on
// synthetic series with known moments, jackknife errors and autocorrelation times.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "ising/initial_state.hpp"
#include "ising/ising_map.hpp"
#include "ising/observables.hpp"
#include "network/random_stream.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

Lattice square(uint32_t L) {
  return make_lattice({LatticeKind::kSquare, L, 1.0, Couplings::kUniform, 1});
}

ReplicaSeries series_of(const std::vector<double>& m, const std::vector<double>& e) {
  ReplicaSeries series;
  for (size_t t = 0; t < m.size(); ++t) series.push_back({m[t], e[t]});
  return series;
}

// x_t = rho x_{t-1} + sqrt(1 - rho^2) noise: unit variance, rho(t) = rho^t.
std::vector<double> ar1(double rho, size_t n, uint64_t seed) {
  RandomStream noise(seed, 0, StreamPurpose::kConnect, 0);
  std::vector<double> x(n);
  x[0] = noise.normal();
  for (size_t t = 1; t < n; ++t) x[t] = rho * x[t - 1] + std::sqrt(1 - rho * rho) * noise.normal();
  return x;
}

TEST(IsingObservablesTest, MeasuresAllUpAndCheckerboardExactly) {
  const Lattice lat = square(4);
  const auto h = site_fields(lat, chain_params_from_T_h(lat, 2.0, 0.3, 1));
  const auto up = initial_state(lat, InitialPattern::kUp, 1, 0);
  const Sample s_up = measure(lat, h, up.data());
  EXPECT_DOUBLE_EQ(s_up.m, 1.0);
  EXPECT_NEAR(s_up.e, -2.0 - 0.3, 1e-12);  // two bonds per spin, all satisfied
  const auto checker = initial_state(lat, InitialPattern::kCheckerboard, 1, 0);
  const Sample s_checker = measure(lat, h, checker.data());
  EXPECT_DOUBLE_EQ(s_checker.m, 0.0);
  EXPECT_NEAR(s_checker.e, 2.0, 1e-12);  // every bond broken, the fields cancel

  // Complete graph (uniform couplings take an O(N) shortcut): E = -J/N (M^2 - N) / 2. N = 8
  // keeps 4 J / N exact in the graph's float weights.
  const Lattice cw = make_lattice({LatticeKind::kComplete, 8, 1.0, Couplings::kUniform, 1});
  const std::vector<double> no_field(8, 0.0);
  std::vector<uint8_t> z(8, 1);
  EXPECT_DOUBLE_EQ(measure(cw, no_field, z.data()).e, -0.125 * (64 - 8) / 2 / 8);
  z[0] = z[1] = z[2] = 0;  // M = 2
  EXPECT_DOUBLE_EQ(measure(cw, no_field, z.data()).m, 0.25);
  EXPECT_DOUBLE_EQ(measure(cw, no_field, z.data()).e, -0.125 * (4 - 8) / 2 / 8);
  // A spin glass takes the general path: compare with the pair sum written out.
  const Lattice sk = make_lattice({LatticeKind::kComplete, 8, 1.0, Couplings::kGaussian, 2});
  double E = 0.0;
  for (uint32_t i = 0; i < 8; ++i) {
    for (uint64_t k = sk.graph.row_ptr[i]; k < sk.graph.row_ptr[i + 1]; ++k) {
      E -= 0.5 * coupling(sk, k) * (2 * z[i] - 1) * (2 * z[sk.graph.column[k]] - 1);
    }
  }
  EXPECT_NEAR(measure(sk, no_field, z.data()).e, E / 8, 1e-12);
}

TEST(IsingObservablesTest, PointStatsPoolsMomentsAndJackknifesOverReplicas) {
  // Pooled over both replicas: <m> = 1/8, <|m|> = 5/8, <m^2> = 4/8, <m^4> = 3.25/8 (by hand).
  const std::vector<ReplicaSeries> replicas = {
      series_of({0.5, -0.5, 1.0, 0.0}, {-1.0, -1.5, -2.0, -0.5}),
      series_of({1.0, -1.0, 0.5, -0.5}, {-2.0, -1.0, -1.0, -1.0})};
  const uint32_t N = 16;
  const double T = 2.0;
  const PointStats s = point_stats(replicas, N, T);
  EXPECT_EQ(s.replicas, 2u);
  EXPECT_EQ(s.samples, 8u);
  EXPECT_NEAR(s.m, 0.125, 1e-15);
  EXPECT_NEAR(s.abs_m, 0.625, 1e-15);
  const double m2 = (0.25 + 0.25 + 1 + 0 + 1 + 1 + 0.25 + 0.25) / 8;
  const double m4 = (0.0625 * 4 + 3) / 8;
  EXPECT_NEAR(s.chi, N * (m2 - 0.625 * 0.625) / T, 1e-12);
  EXPECT_NEAR(s.binder, 1 - m4 / (3 * m2 * m2), 1e-12);
  const double e = -10.0 / 8, e2 = (1 + 2.25 + 4 + 0.25 + 4 + 1 + 1 + 1) / 8;
  EXPECT_NEAR(s.energy, e, 1e-12);
  EXPECT_NEAR(s.heat_capacity, N * (e2 - e * e) / (T * T), 1e-12);
  // For a mean over equal-sized replicas the jackknife error is the standard error of the
  // replica means: replica means of m are 0.25 and 0; of e -1.25 and -1.25.
  EXPECT_NEAR(s.m_err, 0.125, 1e-12);
  EXPECT_NEAR(s.energy_err, 0.0, 1e-12);
  EXPECT_GT(s.chi_err, 0.0);

  const PointStats one = point_stats({replicas[0]}, N, T);
  EXPECT_EQ(one.m_err, 0.0);
  EXPECT_EQ(one.chi_err, 0.0);
  EXPECT_EQ(one.binder_err, 0.0);
  EXPECT_THROW(point_stats({ReplicaSeries{}}, N, T), Error);
  EXPECT_THROW(point_stats(replicas, N, 0.0), Error);
}

TEST(IsingObservablesTest, BinderCumulantOfSymmetricTwoPointDistributionIsTwoThirds) {
  std::vector<ReplicaSeries> replicas(3);
  for (int t = 0; t < 100; ++t) {
    for (auto& r : replicas) r.push_back({t % 3 == 0 ? 1.0 : -1.0, -2.0});
  }
  const PointStats s = point_stats(replicas, 64, 1.5);
  EXPECT_NEAR(s.binder, 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(s.binder_err, 0.0, 1e-12);
  EXPECT_NEAR(s.abs_m, 1.0, 1e-12);
  EXPECT_NEAR(s.chi, 0.0, 1e-12);
}

TEST(IsingObservablesTest, AutocorrelationTimeOfAnAR1Series) {
  const double rho = 0.9, expected = (1 + rho) / (2 * (1 - rho));  // 9.5
  EXPECT_NEAR(integrated_autocorrelation_time(ar1(rho, 200000, 3)), expected, 0.1 * expected);
  EXPECT_NEAR(integrated_autocorrelation_time(ar1(0.0, 100000, 4)), 0.5, 0.05);
  EXPECT_TRUE(std::isnan(integrated_autocorrelation_time(std::vector<double>(50, 1.0))));
  EXPECT_TRUE(std::isnan(integrated_autocorrelation_time({0.3})));

  // Through point_stats: the mean over replicas, with a standard error.
  std::vector<ReplicaSeries> replicas;
  for (uint64_t seed = 10; seed < 14; ++seed) {
    const auto m = ar1(rho, 50000, seed);
    replicas.push_back(series_of(m, std::vector<double>(m.size(), 0.0)));
  }
  const PointStats s = point_stats(replicas, 100, 1.0);
  EXPECT_NEAR(s.tau_int, expected, 0.1 * expected);
  EXPECT_GT(s.tau_int_err, 0.0);
  EXPECT_LT(s.tau_int_err, 0.1 * expected);
}

}  // namespace
}  // namespace spikewafer::ising
