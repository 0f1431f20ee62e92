// Estimating the critical temperature from a temperature scan: a Curie(-Weiss) law fitted to
// the susceptibility above Tc, and the crossing of Binder cumulants of different sizes. The
// crossing is the better finite-size estimate (the susceptibility peak of a finite lattice lies
// above Tc); the fit gives the amplitude and exponent, which mean-field theory fixes to gamma = 1.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace spikewafer::ising {

struct CurieFit {
  double C = 0, C_err = 0;          // amplitude
  double Tc = 0, Tc_err = 0;        // critical temperature
  double gamma = 1, gamma_err = 0;  // exponent (error 0 when fixed)
  double T_min = 0, T_max = 0;      // the smallest and largest T of the points used
  double chi2_per_dof = 0;
  uint32_t points = 0;
};

// Weighted Levenberg-Marquardt fit of chi = C / (T - Tc)^gamma to the points with
// T_min <= T <= T_max, keeping Tc below the smallest T used. chi_err holds one standard error
// per point (> 0), or is empty for unit weights. Parameter errors come from the covariance,
// scaled by chi2/dof when that exceeds 1. Throws input_error with the reason for fewer than
// 4 points (3 with gamma fixed at 1), mismatched lengths, bad errors or no convergence.
CurieFit fit_curie(const std::vector<double>& T, const std::vector<double>& chi,
                   const std::vector<double>& chi_err, double T_min, double T_max,
                   bool fix_gamma_1);

// The temperature at which u_small - u_large changes sign, by linear interpolation between
// neighbouring grid temperatures (T need not be sorted): from the hot side, the first change of
// sign that holds for two grid points (or to the cold end). NaN if there is none. Deep in the
// ordered phase both cumulants sit at 2/3, far above Tc both near 0, and sampling noise crosses
// them at random there.
double binder_crossing(const std::vector<double>& T, const std::vector<double>& u_small,
                       const std::vector<double>& u_large);

struct BinderCrossing {
  double Tc = 0;  // mean of the pairwise crossings
  // Its statistical error: the standard deviation of Tc over the cumulants drawn again within
  // their errors (kBinderResamples times; 0 without errors), and the fraction of those draws in
  // which some pair crosses at all (well below 1: the cumulants barely separate on the grid).
  double Tc_err = 0;
  double crossed_fraction = 1;
  double pairs_spread = 0;  // standard deviation of the pairwise crossings; 0 with one pair
  std::vector<std::pair<uint32_t, uint32_t>> pairs;  // (smaller L, larger L) of each crossing
  std::vector<double> crossings;                     // the crossing temperature of each pair
};

constexpr int kBinderResamples = 2000;

// Crossings of every pair of sizes that cross on the common grid T; binder[k] belongs to
// sizes[k], binder_err[k] (empty: no statistical error) holds its standard errors. Tc is NaN
// when no pair crosses. The errors are taken as independent and normal: every point's cumulant
// comes from chains of its own (a jackknife over its replicas). The redraws are seeded, so the
// same table gives the same error.
BinderCrossing binder_crossings(const std::vector<double>& T, const std::vector<uint32_t>& sizes,
                                const std::vector<std::vector<double>>& binder,
                                const std::vector<std::vector<double>>& binder_err = {});

}  // namespace spikewafer::ising
