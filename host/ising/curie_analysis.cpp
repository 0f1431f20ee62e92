#include "ising/curie_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr uint32_t kMinDefaultPoints = 4;

std::string label(const std::string& source, const ZeroFieldSeries& s) {
  return source + ": sampler " + s.sampler + ", L = " + std::to_string(s.L);
}

std::string text(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

ZeroFieldSeries make_series(const std::vector<const ScanRow*>& rows) {
  ZeroFieldSeries s;
  s.sampler = rows.front()->sampler;
  s.L = rows.front()->L;
  double h0 = rows.front()->h;
  for (const ScanRow* r : rows)
    if (std::fabs(r->h) < std::fabs(h0)) h0 = r->h;
  // The field column is written with 10 significant digits, so equal fields read back equal;
  // the tolerance only guards against a table written by other means.
  const double tolerance = 1e-9 * std::max(1.0, std::fabs(h0));
  std::vector<const ScanRow*> used;
  for (const ScanRow* r : rows)
    if (std::fabs(r->h - h0) <= tolerance) used.push_back(r);
  std::stable_sort(used.begin(), used.end(),
                   [](const ScanRow* a, const ScanRow* b) { return a->T < b->T; });
  s.h = h0;
  for (const ScanRow* r : used) {
    s.T.push_back(r->T);
    s.chi.push_back(r->chi);
    s.chi_err.push_back(r->chi_err);
    s.binder.push_back(r->binder);
    s.binder_err.push_back(r->binder_err);
  }
  return s;
}

// --T-min to suggest when the default range is too short: the temperature that leaves
// kMinDefaultPoints scanned temperatures above the peak, or NaN if there are not that many.
double suggested_T_min(const ZeroFieldSeries& s, double T_peak) {
  std::vector<double> above;
  for (double T : s.T)
    if (T > T_peak) above.push_back(T);
  if (above.size() < kMinDefaultPoints) return kNaN;
  std::sort(above.begin(), above.end());
  return above[above.size() - kMinDefaultPoints];
}

}  // namespace

std::vector<ZeroFieldSeries> zero_field_series(const std::vector<ScanRow>& rows) {
  std::vector<std::string> samplers;
  std::map<std::pair<std::string, uint32_t>, std::vector<const ScanRow*>> groups;
  for (const ScanRow& r : rows) {
    if (std::find(samplers.begin(), samplers.end(), r.sampler) == samplers.end())
      samplers.push_back(r.sampler);
    groups[{r.sampler, r.L}].push_back(&r);
  }
  std::vector<ZeroFieldSeries> out;
  for (const std::string& sampler : samplers)
    for (const auto& [key, members] : groups)  // ordered by L within a sampler
      if (key.first == sampler) out.push_back(make_series(members));
  return out;
}

FitRange default_fit_range(const ZeroFieldSeries& s) {
  FitRange range;
  // The critical peak is the largest chi coming down from the hottest T until chi has fallen to
  // half of it: a chain trapped in a stripe or domain state deep in the ordered phase (its |m|
  // far below 1) has a larger chi than the critical peak, and the first local maximum alone
  // would stop at any bump of sampling noise on the hot side.
  std::vector<size_t> order;
  for (size_t k = 0; k < s.T.size(); ++k)
    if (std::isfinite(s.chi[k])) order.push_back(k);
  if (order.empty()) return {kNaN, kNaN, kNaN};
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return s.T[a] > s.T[b]; });
  size_t peak = order.front();
  for (size_t u = 1; u < order.size() && !(s.chi[order[u]] < 0.5 * s.chi[peak]); ++u)
    if (s.chi[order[u]] > s.chi[peak]) peak = order[u];
  const auto [lo, hi] = std::minmax_element(s.T.begin(), s.T.end());
  const double span = *hi - *lo;
  range.T_peak = s.T[peak];
  range.T_min = range.T_peak + 0.1 * span - 1e-9 * std::max(span, 1.0);
  range.T_max = *hi;
  return range;
}

SizeFit fit_series(const ZeroFieldSeries& s, const CurieOptions& options,
                   const std::string& source) {
  SizeFit out;
  out.sampler = s.sampler;
  out.L = s.L;
  out.h = s.h;
  const FitRange range = default_fit_range(s);
  if (std::isnan(range.T_peak))
    throw input_error(label(source, s) + ": no finite susceptibility in the table");
  out.T_peak = range.T_peak;
  const bool default_min = std::isnan(options.T_min), default_max = std::isnan(options.T_max);
  const double T_min = default_min ? range.T_min : options.T_min;
  const double T_max = default_max ? range.T_max : options.T_max;
  if (!(T_min < T_max) && !(default_min && default_max))
    throw input_error(label(source, s) + ": the fit range [" + text(T_min) + ", " + text(T_max) +
                      "] is empty; give --T-min below --T-max");

  std::vector<double> T, chi, err;
  bool errors_usable = true;
  for (size_t k = 0; k < s.T.size(); ++k) {
    if (!(s.T[k] >= T_min && s.T[k] <= T_max && std::isfinite(s.chi[k]))) continue;
    T.push_back(s.T[k]);
    chi.push_back(s.chi[k]);
    err.push_back(s.chi_err[k]);
    errors_usable = errors_usable && s.chi_err[k] > 0 && std::isfinite(s.chi_err[k]);
  }
  if (default_min && T.size() < kMinDefaultPoints) {
    const double suggestion = suggested_T_min(s, range.T_peak);
    std::string fix = std::isnan(suggestion)
                          ? "the scan has fewer than 4 temperatures above the peak; extend it "
                            "to higher T, or give --T-min and --T-max"
                          : "give --T-min " + text(suggestion) +
                                " (4 points), or extend the "
                                "scan to higher T";
    throw input_error(label(source, s) + ": the default fit range T >= " + text(range.T_min) +
                      " (the susceptibility peak at T = " + text(range.T_peak) +
                      " plus a tenth of the T span) holds " + std::to_string(T.size()) +
                      " temperatures; need at least 4: " + fix);
  }
  try {
    out.weighted = errors_usable;
    if (errors_usable) {
      out.fit = fit_curie(T, chi, err, T_min, T_max, options.fix_gamma);
    } else {
      // Unit weights would tie the reported errors to the units of chi; a second fit with every
      // error set to the first fit's RMS residual gives chi2/dof = 1, so the parameter errors
      // follow the scatter of the points.
      const CurieFit first = fit_curie(T, chi, {}, T_min, T_max, options.fix_gamma);
      double largest = 0;
      for (double x : chi) largest = std::max(largest, std::fabs(x));
      // The floor keeps exact data (residuals at rounding level) from overflowing the weights.
      const double rms = std::max(std::sqrt(first.chi2_per_dof), 1e-9 * largest);
      out.fit =
          fit_curie(T, chi, std::vector<double>(T.size(), rms), T_min, T_max, options.fix_gamma);
      out.fit.chi2_per_dof = kNaN;  // not a goodness of fit without errors
    }
  } catch (const Error& e) {
    throw Error(e.kind(), label(source, s) + ": " + e.what());
  }
  return out;
}

SamplerBinder binder_crossing_of(const std::vector<ZeroFieldSeries>& series,
                                 const std::string& sampler) {
  SamplerBinder out;
  out.sampler = sampler;
  std::vector<std::map<double, std::pair<double, double>>> by_T;  // (U4, its error) per T
  for (const ZeroFieldSeries& s : series) {
    if (s.sampler != sampler) continue;
    out.sizes.push_back(s.L);
    by_T.emplace_back();
    for (size_t k = 0; k < s.T.size(); ++k)
      if (std::isfinite(s.binder[k]))
        by_T.back().emplace(s.T[k], std::make_pair(s.binder[k], s.binder_err[k]));
  }
  // Temperatures with a finite cumulant at every size: binder_crossings needs a common grid.
  std::vector<double> T;
  if (!by_T.empty())
    for (const auto& [t, u] : by_T.front()) {
      bool everywhere = true;
      for (const auto& other : by_T) everywhere = everywhere && other.count(t);
      if (everywhere) T.push_back(t);
    }
  std::vector<std::vector<double>> binder(by_T.size()), binder_err(by_T.size());
  for (size_t i = 0; i < by_T.size(); ++i)
    for (double t : T) {
      const auto [u, err] = by_T[i].at(t);
      binder[i].push_back(u);
      // A missing or unusable error (a point of one replica) counts as none.
      binder_err[i].push_back(std::isfinite(err) && err > 0.0 ? err : 0.0);
    }
  out.crossing = binder_crossings(T, out.sizes, binder, binder_err);
  return out;
}

const BinderCrossing& CurieAnalysis::binder_of(const std::string& sampler) const {
  static const BinderCrossing none{kNaN, kNaN, 0.0, kNaN, {}, {}};
  for (const SamplerBinder& b : binder)
    if (b.sampler == sampler) return b.crossing;
  return none;
}

CurieAnalysis analyse_curie(const std::vector<ScanRow>& rows, const CurieOptions& options,
                            const std::string& source) {
  if (rows.empty())
    throw input_error(source + ": the scan table has no rows yet; run (or resume) the scan first");
  CurieAnalysis analysis;
  const std::vector<ZeroFieldSeries> series = zero_field_series(rows);
  for (const ZeroFieldSeries& s : series) {
    try {
      analysis.fits.push_back(fit_series(s, options, source));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::kInput) throw;
      SizeFit failed;
      failed.sampler = s.sampler;
      failed.L = s.L;
      failed.h = s.h;
      failed.T_peak = default_fit_range(s).T_peak;
      failed.fit = {kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, 0};
      failed.failure = e.what();
      analysis.fits.push_back(failed);
    }
    if (analysis.binder.empty() || analysis.binder.back().sampler != s.sampler)
      analysis.binder.push_back(binder_crossing_of(series, s.sampler));
  }
  return analysis;
}

}  // namespace spikewafer::ising
