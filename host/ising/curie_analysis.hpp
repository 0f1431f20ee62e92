// The Curie analysis of a finished scan (scan.csv): for each sampler and lattice size, the
// susceptibility at the field nearest 0 is fitted with chi = C / (T - Tc)^gamma (fit_curie) on
// the paramagnetic side, and per sampler the Binder cumulants of all sizes are crossed
// (binder_crossings). docs/hysteresis-and-curie-fit.md explains the default fit range.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "ising/curie_fit.hpp"
#include "ising/scan_csv.hpp"

namespace spikewafer::ising {

struct CurieOptions {
  // NaN: the default range (default_fit_range); a given bound replaces only its own end.
  double T_min = std::numeric_limits<double>::quiet_NaN();
  double T_max = std::numeric_limits<double>::quiet_NaN();
  bool fix_gamma = false;  // gamma = 1 (mean field)
};

// The rows of one (sampler, L) at the field nearest 0, sorted by T.
struct ZeroFieldSeries {
  std::string sampler;
  uint32_t L = 0;
  double h = 0;  // the field used: the value nearest 0 in the scan
  std::vector<double> T, chi, chi_err, binder, binder_err;
};

// One series per (sampler, L): samplers in the order they first appear, L ascending.
std::vector<ZeroFieldSeries> zero_field_series(const std::vector<ScanRow>& rows);

// The default fit range: T_peak is the T of the susceptibility's largest value coming down from
// the hottest T until chi falls to half of it (a chain trapped in a stripe deep in the ordered
// phase can have a larger chi; noise can make small bumps on the hot side); the fit starts a tenth
// of the scanned T span above it (the peak of a finite lattice lies above Tc, and just above
// the peak chi is rounded off by the finite size, not yet a power law) and ends at the
// largest T. Grid temperatures within rounding of the lower bound are included.
struct FitRange {
  double T_min = 0, T_max = 0, T_peak = 0;
};
FitRange default_fit_range(const ZeroFieldSeries& series);

struct SizeFit {
  std::string sampler;
  uint32_t L = 0;
  double h = 0;
  double T_peak = 0;
  bool weighted = true;  // false: chi_err was missing (one replica), see fit_series
  CurieFit fit;          // all NaN when the fit failed
  std::string failure;   // why there is no fit (the input_error of fit_series); empty if fitted
};

struct SamplerBinder {
  std::string sampler;
  std::vector<uint32_t> sizes;
  BinderCrossing crossing;  // Tc NaN with fewer than two sizes or no crossing
};

struct CurieAnalysis {
  std::vector<SizeFit> fits;
  std::vector<SamplerBinder> binder;  // one per sampler, in the order of the fits
  // The Binder crossing of a sampler (NaN values when it has none).
  const BinderCrossing& binder_of(const std::string& sampler) const;
};

// Fits one series. The default range must hold at least 4 temperatures, otherwise the
// input_error says which --T-min to give. Where chi_err is not positive everywhere in the range
// (a scan with one replica), the fit is unweighted and its errors are scaled by the scatter of
// the points. `source` (the file) prefixes every error, with the sampler and L.
SizeFit fit_series(const ZeroFieldSeries& series, const CurieOptions& options,
                   const std::string& source);

// The Binder crossing over all sizes of one sampler, on the temperatures every size has.
SamplerBinder binder_crossing_of(const std::vector<ZeroFieldSeries>& series,
                                 const std::string& sampler);

// Everything above for every sampler and size; input_error if the table has no rows. A series
// that cannot be fitted (too few points in the default range, no convergence: real scans of
// small lattices often curve more than a power law) is kept with its `failure`, so that the
// other sizes and the Binder crossings are still reported.
CurieAnalysis analyse_curie(const std::vector<ScanRow>& rows, const CurieOptions& options,
                            const std::string& source);

}  // namespace spikewafer::ising
