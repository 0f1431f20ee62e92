#include "curie_fit_command.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "io/atomic_file.hpp"
#include "ising/curie_analysis.hpp"
#include "ising/scan_csv.hpp"
#include "plots.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::cli {
namespace {

namespace fs = std::filesystem;

struct CurieArgs {
  std::string scan_csv;
  std::string out_json;  // empty: curie_fit.json next to scan.csv
  double T_min = std::numeric_limits<double>::quiet_NaN();
  double T_max = std::numeric_limits<double>::quiet_NaN();
  bool fix_gamma = false;
  bool plots = true;
};

std::string with_error(double x, double err) {
  char buffer[64];
  if (!std::isfinite(x)) return "-";
  if (err > 0 && std::isfinite(err))
    std::snprintf(buffer, sizeof buffer, "%.4g ± %.2g", x, err);
  else
    std::snprintf(buffer, sizeof buffer, "%.4g", x);
  return buffer;
}

// Left-aligned in `width` characters: counts UTF-8 characters, not bytes ("±" is two bytes).
std::string pad(const std::string& text, size_t width) {
  size_t characters = 0;
  for (unsigned char c : text) characters += (c & 0xC0) != 0x80;
  return text + std::string(characters < width ? width - characters : 0, ' ');
}

void print_table(const ising::CurieAnalysis& analysis) {
  // The sampler column is as wide as its longest name ([compare] variants are long).
  size_t width = 9;
  for (const ising::SizeFit& f : analysis.fits) width = std::max(width, f.sampler.size() + 2);
  std::cout << pad("sampler", width) << pad("L", 5) << pad("C", 18) << pad("Tc", 18) << pad("gamma", 20)
            << pad("fit range (points)", 21) << "chi2/dof\n";
  for (const ising::SizeFit& f : analysis.fits) {
    if (!f.failure.empty()) {
      std::cout << pad(f.sampler, width) << pad(std::to_string(f.L), 5) << "no fit (below)\n";
      continue;
    }
    char range[64], chi2[32];
    std::snprintf(range, sizeof range, "[%.4g, %.4g] (%u)", f.fit.T_min, f.fit.T_max, f.fit.points);
    std::snprintf(chi2, sizeof chi2, "%.3g", f.fit.chi2_per_dof);
    const std::string gamma =
        with_error(f.fit.gamma, f.fit.gamma_err) + (f.fit.gamma_err > 0 ? "" : " (fixed)");
    std::cout << pad(f.sampler, width) << pad(std::to_string(f.L), 5)
              << pad(with_error(f.fit.C, f.fit.C_err), 18)
              << pad(with_error(f.fit.Tc, f.fit.Tc_err), 18) << pad(gamma, 20) << pad(range, 21)
              << (f.weighted ? chi2 : "- (unweighted)") << "\n";
  }
  for (const ising::SamplerBinder& b : analysis.binder) {
    std::string sizes;
    for (uint32_t L : b.sizes) sizes += (sizes.empty() ? "" : ", ") + std::to_string(L);
    std::cout << "Binder crossing Tc, " << b.sampler << " (L = " << sizes << "): ";
    if (std::isfinite(b.crossing.Tc)) {
      std::cout << with_error(b.crossing.Tc, b.crossing.Tc_err);
      if (b.crossing.Tc_err > 0.0 || b.crossing.crossed_fraction < 1.0) {
        char redrawn[160];
        std::snprintf(redrawn, sizeof redrawn,
                      " (error from the cumulants' errors: %d redraws, %.0f%% of them cross)",
                      ising::kBinderResamples, 100.0 * b.crossing.crossed_fraction);
        std::cout << redrawn;
      }
      if (b.crossing.crossings.size() > 1)
        std::cout << "; pairs of sizes spread by " << with_error(b.crossing.pairs_spread, 0.0);
      std::cout << "\n";
    } else
      std::cout << "none ("
                << (b.sizes.size() < 2 ? "needs two sizes"
                                       : "the cumulants do not "
                                         "cross on the scanned temperatures")
                << ")\n";
  }
  for (const ising::SizeFit& f : analysis.fits)
    if (f.h != 0.0) {
      std::cout << "(at the field nearest 0 in the scan, h = " << f.h << ")\n";
      break;
    }
}

// The fields of plot_curie.py's FIT_KEYS, with sampler and L; NaN is written as null.
nlohmann::ordered_json to_json(const ising::CurieAnalysis& analysis) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const ising::SizeFit& f : analysis.fits) {
    const ising::BinderCrossing& binder = analysis.binder_of(f.sampler);
    nlohmann::ordered_json item;
    item["sampler"] = f.sampler;
    item["L"] = f.L;
    item["C"] = f.fit.C;
    item["C_err"] = f.fit.C_err;
    item["Tc"] = f.fit.Tc;
    item["Tc_err"] = f.fit.Tc_err;
    item["gamma"] = f.fit.gamma;
    item["gamma_err"] = f.fit.gamma_err;
    item["T_min"] = f.fit.T_min;
    item["T_max"] = f.fit.T_max;
    item["chi2_per_dof"] = f.fit.chi2_per_dof;
    item["binder_Tc"] = binder.Tc;
    item["binder_Tc_err"] = binder.Tc_err;
    item["binder_crossed_fraction"] = binder.crossed_fraction;
    item["binder_pairs_spread"] = binder.pairs_spread;
    list.push_back(item);
  }
  return list;
}

void curie_fit(CurieArgs args) {
  if (fs::is_directory(args.scan_csv))  // the output folder of a scan
    args.scan_csv = (fs::path(args.scan_csv) / "scan.csv").string();
  const std::vector<ising::ScanRow> rows = ising::read_scan_csv(args.scan_csv);
  ising::CurieOptions options;
  options.T_min = args.T_min;
  options.T_max = args.T_max;
  options.fix_gamma = args.fix_gamma;
  const ising::CurieAnalysis analysis = ising::analyse_curie(rows, options, args.scan_csv);
  print_table(analysis);

  const fs::path json = args.out_json.empty()
                            ? fs::path(args.scan_csv).parent_path() / "curie_fit.json"
                            : fs::path(args.out_json);
  if (!json.parent_path().empty()) create_output_directory(json.parent_path().string());
  write_file_atomically(json.string(), to_json(analysis).dump(2) + "\n");
  std::cerr << "spikewafer: wrote " << json.string() << "\n";
  if (args.plots) {
    const fs::path png = json.parent_path() / "curie_fit.png";
    run_plot_script("plot_curie.py", {args.scan_csv, json.string(), png.string()});
  }
  // The other fits and the crossings are written; a missing fit still fails the command.
  std::string failures;
  size_t failed = 0;
  for (const ising::SizeFit& f : analysis.fits)
    if (!f.failure.empty()) failures += "\n  " + f.failure, ++failed;
  if (failed)
    throw input_error("no Curie fit for " + std::to_string(failed) + " of " +
                      std::to_string(analysis.fits.size()) + " (sampler, L) series (null in " +
                      json.string() + ", which holds the rest):" + failures +
                      "\n  choose the range with --T-min/--T-max (further above the peak, or "
                      "scan to higher T) or fix gamma with --fix-gamma");
}

}  // namespace

void add_curie_fit_command(CLI::App& app) {
  auto args = std::make_shared<CurieArgs>();
  CLI::App* cmd = app.add_subcommand(
      "curie-fit", "Fit chi = C / (T - Tc)^gamma and cross Binder cumulants of a scan.csv");
  cmd->add_option("scan_csv", args->scan_csv,
                  "The scan.csv of an ising-scan output folder (or the folder)")
      ->required();
  cmd->add_option("--T-min", args->T_min,
                  "Lowest T of the fit (default: the chi peak + a tenth of the T span)");
  cmd->add_option("--T-max", args->T_max, "Highest T of the fit (default: the largest T)");
  cmd->add_flag("--fix-gamma", args->fix_gamma, "Fix gamma = 1 (Curie-Weiss, mean field)");
  cmd->add_option("--out", args->out_json,
                  "The fits as JSON (default: curie_fit.json next to scan.csv)");
  cmd->add_flag("!--no-plots", args->plots, "Do not draw curie_fit.png");
  cmd->callback([args] { curie_fit(*args); });
}

}  // namespace spikewafer::cli
