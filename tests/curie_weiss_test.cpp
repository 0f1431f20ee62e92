// Glauber dynamics on the complete graph (couplings J / N, the Curie-Weiss model) has the
// mean-field critical temperature Tc = J: the Binder cumulants of N = 64 and 256 cross near
// T = 1, and above Tc the susceptibility follows the Curie-Weiss law chi = 1 / (T - Tc).
//
// The bounds were chosen against the exact finite-N model, whose magnetisation distribution is
// P(M) ~ binom(N, (N + M) / 2) exp((M^2 - N) / (2 N T)) (computed once by direct summation,
// not part of this test): it puts the N = 64 / 256 crossing at T = 0.984 and gives
// N <m^2> / T = 0.934 / (T - 1) at T = 1.25 and 0.992 / (T - 1) at T = 2 for N = 256.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "thread_count_guard.hpp"
#include "ising/curie_fit.hpp"
#include "ising/initial_state.hpp"
#include "ising/ising_map.hpp"
#include "ising/lattice.hpp"
#include "ising/observables.hpp"
#include "sampling/gibbs_sampler.hpp"

namespace spikewafer::ising {
namespace {

constexpr double kPi = 3.14159265358979323846;

// One thread: a statistical test, not a race test (gibbs_sampler_test covers threads); the
// thread count is global, so it is restored afterwards.
class CurieWeissTest : public test::RestoresThreadCount {};

// The time series of every replica at every temperature (outer index: temperature), from
// random starts on the complete graph of N spins at h = 0. Sequential heat-bath sweeps: the
// complete graph needs N colours, so a coloured sweep would be N launches of one unit each.
std::vector<std::vector<ReplicaSeries>> sample(uint32_t N, const std::vector<double>& T,
                                               uint32_t replicas, uint64_t burn_in, uint64_t sweeps,
                                               uint64_t seed) {
  // N a power of two keeps 4 J / N exact in the graph's float weights.
  const Lattice lattice = make_lattice({LatticeKind::kComplete, N, 1.0, Couplings::kUniform, 1});
  std::vector<sampling::ChainParams> chains;
  std::vector<uint8_t> z;
  for (size_t t = 0; t < T.size(); ++t)
    for (uint32_t r = 0; r < replicas; ++r) {
      const uint64_t chain_seed = seed + 1000 * t + r;
      chains.push_back(chain_params_from_T_h(lattice, T[t], 0.0, chain_seed));
      const auto start = initial_state(lattice, InitialPattern::kRandom, 1, chain_seed + 7);
      z.insert(z.end(), start.begin(), start.end());
    }
  sampling::GibbsSampler sampler(
      lattice.graph, chains,
      {sampling::UpdateRule::kHeatBath, sampling::SweepOrder::kSequential, Backend::kCpu, 1});
  sampler.set_states(z);
  sampler.sweep(burn_in);
  const std::vector<double> no_field(N, 0.0);
  std::vector<std::vector<ReplicaSeries>> series(T.size(), std::vector<ReplicaSeries>(replicas));
  for (uint64_t k = 0; k < sweeps; ++k) {
    sampler.sweep(1);
    const std::vector<uint8_t> states = sampler.states();
    for (size_t c = 0; c < chains.size(); ++c)
      series[c / replicas][c % replicas].push_back(measure(lattice, no_field, &states[c * N]));
  }
  return series;
}

// The thermodynamic susceptibility N <m^2> / T (valid where <m> = 0, i.e. above Tc at h = 0),
// with its jackknife error over replicas.
struct Estimate {
  double value = 0, error = 0;
};
Estimate full_susceptibility(const std::vector<ReplicaSeries>& replicas, uint32_t N, double T) {
  std::vector<double> sum(replicas.size(), 0.0), count(replicas.size(), 0.0);
  double total = 0, total_count = 0;
  for (size_t r = 0; r < replicas.size(); ++r) {
    for (const Sample& s : replicas[r].samples()) sum[r] += s.m * s.m;
    count[r] = static_cast<double>(replicas[r].size());
    total += sum[r], total_count += count[r];
  }
  const auto chi_of = [N, T](double m2_sum, double n) { return N * (m2_sum / n) / T; };
  const double R = static_cast<double>(replicas.size());
  std::vector<double> left_out(replicas.size());
  double mean = 0;
  for (size_t r = 0; r < replicas.size(); ++r) {
    left_out[r] = chi_of(total - sum[r], total_count - count[r]);
    mean += left_out[r] / R;
  }
  double sum_sq = 0;
  for (double x : left_out) sum_sq += (x - mean) * (x - mean);
  return {chi_of(total, total_count), std::sqrt((R - 1) / R * sum_sq)};
}

TEST_F(CurieWeissTest, BinderCumulantsOfN64And256CrossNearTcEqualsJ) {
  // The exact finite-N crossing lies between T = 0.97 and 1.00 (linear interpolation between
  // those two points of the exact cumulants moves it by less than 0.001), so the scan spends
  // its sweeps there. tau_int of m is 5-8 sweeps (N = 64) and 10-15 (N = 256) here: 300
  // sweeps of burn-in and 6000 of measurement on 8 replicas.
  const std::vector<double> T{0.97, 1.00};
  const std::vector<uint32_t> sizes{64, 256};
  std::vector<std::vector<double>> binder;
  for (uint32_t N : sizes) {
    const auto series = sample(N, T, 8, 300, 6000, 100 + N);
    std::vector<double> u;
    for (size_t t = 0; t < T.size(); ++t) u.push_back(point_stats(series[t], N, T[t]).binder);
    binder.push_back(u);
  }
  const BinderCrossing crossing = binder_crossings(T, sizes, binder);
  ASSERT_EQ(crossing.crossings.size(), 1u) << "U4 of N = 64 and 256 do not cross in [0.97, 1]";
  // The exact finite-N crossing of N = 64 and 256 is at 0.984 (it approaches 1 as N^-1/2:
  // 0.968 for 32 / 128, 0.992 for 128 / 512). Measured 0.9841 here, and 0.9804 to 0.9857 with
  // six other seeds of this set-up (spread 0.002). 3% holds the finite-size shift (1.6%) plus
  // 7 spreads, and fails for a coupling J / N off by 5% or a temperature map that misses the
  // mean-field Tc = J.
  EXPECT_NEAR(crossing.Tc, 1.0, 0.03) << "U4(N=64) and U4(N=256) cross at " << crossing.Tc;
}

// The paramagnetic side, shared by the two tests below: N = 256 at T = 1.25 ... 2.5, well
// outside the critical window |T - 1| ~ N^-1/2 = 0.06, where the exact finite-N susceptibility
// N <m^2> / T is 0.934 / (T - 1) at T = 1.25, 0.978 / (T - 1) at 1.5, 0.996 / (T - 1) at 2.5.
// tau_int of m is below 5 sweeps here: 200 sweeps of burn-in, 1500 of measurement, 8 replicas.
constexpr uint32_t kParamagnetN = 256;
const std::vector<double> kParamagnetT{1.25, 1.5, 1.75, 2.0, 2.25, 2.5};
const std::vector<std::vector<ReplicaSeries>>& paramagnet() {
  static const auto series = sample(kParamagnetN, kParamagnetT, 8, 200, 1500, 7);
  return series;
}

TEST_F(CurieWeissTest, SusceptibilityAboveTcFollowsCurieWeissLaw) {
  std::vector<double> chi, chi_err;
  for (size_t t = 0; t < kParamagnetT.size(); ++t) {
    const Estimate e = full_susceptibility(paramagnet()[t], kParamagnetN, kParamagnetT[t]);
    chi.push_back(e.value);
    chi_err.push_back(e.error);
  }
  const CurieFit fit = fit_curie(kParamagnetT, chi, chi_err, kParamagnetT.front(),
                                 kParamagnetT.back(), /*fix_gamma_1=*/true);
  // The same fit to the exact finite-N values gives C = 1.012 and Tc = 0.980 (the finite-size
  // deficit of chi near Tc pulls Tc down). Measured here C = 1.018 +- 0.019, Tc = 0.980 +- 0.013;
  // six other seeds gave C = 0.997 to 1.029 (spread 0.01) and Tc = 0.974 to 0.990 (spread
  // 0.005). The bounds hold that bias plus at least 3 spreads, and fail for a Curie constant
  // or a critical temperature off by 5%.
  EXPECT_NEAR(fit.C, 1.0, 0.05) << "C = " << fit.C << " +- " << fit.C_err;
  EXPECT_NEAR(fit.Tc, 1.0, 0.04) << "Tc = " << fit.Tc << " +- " << fit.Tc_err;
}

TEST_F(CurieWeissTest, PointStatsSusceptibilityIsTheGaussianFractionAboveTc) {
  // point_stats reports chi = N (<m^2> - <|m|>^2) / T. Above Tc the magnetisation of a finite
  // system is Gaussian with mean 0, so <|m|>^2 = (2 / pi) <m^2> and that chi is (1 - 2/pi) =
  // 0.363 of the thermodynamic N <m^2> / T at any N: a Curie fit to it finds C = 0.36, not 1.
  for (size_t t = 1; t < kParamagnetT.size(); ++t) {  // T >= 1.5
    const double T = kParamagnetT[t];
    const double ratio = point_stats(paramagnet()[t], kParamagnetN, T).chi /
                         full_susceptibility(paramagnet()[t], kParamagnetN, T).value;
    // Exact finite-N ratios at N = 256: 0.3604 (T = 1.5) rising to 0.363 (T = 2.5), against
    // 1 - 2/pi = 0.3634. Measured deviations from 1 - 2/pi: -1.3%, +0.6%, -0.7%, -0.5%, +1.4%
    // at T = 1.5 ... 2.5 (statistical). 5% is about 3.5 times the largest, and fails for the
    // thermodynamic chi (ratio 1) or for chi = N (<m^2> - <m>^2) / T (ratio ~1 above Tc).
    EXPECT_NEAR(ratio, 1.0 - 2.0 / kPi, 0.05 * (1.0 - 2.0 / kPi)) << "T = " << T;
  }
}

}  // namespace
}  // namespace spikewafer::ising
