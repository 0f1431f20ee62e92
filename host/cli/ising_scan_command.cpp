#include "ising_scan_command.hpp"

#include <iostream>
#include <memory>
#include <string>

#include "ising/scan_config.hpp"
#include "ising/scan_driver.hpp"
#include "option_checks.hpp"
#include "plots.hpp"
#include "progress.hpp"

namespace spikewafer::cli {
namespace {

struct ScanArgs {
  std::string scan_file;  // empty: the built-in default
  std::string out_dir;
  std::string sampler;    // empty: as the file says
  bool resume = false;
  bool plots = true;
  int threads = 0;
};

void scan(const ScanArgs& args) {
  ising::ScanConfig config = args.scan_file.empty() ? ising::default_scan_config()
                                                    : ising::read_scan_config(args.scan_file);
  ising::override_samplers(config, args.sampler);
  ising::scan_to_directory(config, {args.out_dir, args.resume, args.threads, say, {}});
  say("wrote " + args.out_dir + "/scan.csv, configurations.csv and scan.json");
  if (args.plots) run_plot_script("plot_scan.py", {args.out_dir});
}

}  // namespace

void add_ising_scan_command(CLI::App& app) {
  auto args = std::make_shared<ScanArgs>();
  CLI::App* cmd = app.add_subcommand(
      "ising-scan", "Ising phase-diagram scan with Glauber and/or spiking samplers");
  cmd->add_option("scan", args->scan_file,
                  "Scan description (TOML); without it, the built-in 2D square-lattice scan");
  cmd->add_option("--out", args->out_dir, "Output folder (created if missing)")->required();
  cmd->add_option("--sampler", args->sampler, "glauber, spiking or both (overrides the file)")
      ->check(CLI::IsMember({"glauber", "spiking", "both"}));
  cmd->add_flag("--resume", args->resume, "Continue an interrupted scan in --out");
  cmd->add_flag("!--no-plots", args->plots, "Do not draw the PNG plots");
  cmd->add_option("--threads", args->threads, "CPU threads (default: all cores)")
      ->check(kThreadCount);
  cmd->callback([args] { scan(*args); });
}

}  // namespace spikewafer::cli
