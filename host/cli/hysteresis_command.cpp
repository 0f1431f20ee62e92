#include "hysteresis_command.hpp"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "io/atomic_file.hpp"
#include "io/output_lock.hpp"
#include "ising/chain_sampler.hpp"
#include "ising/hysteresis.hpp"
#include "ising/hysteresis_config.hpp"
#include "ising/lattice.hpp"
#include "option_checks.hpp"
#include "plots.hpp"
#include "progress.hpp"

namespace spikewafer::cli {
namespace {

struct HysteresisArgs {
  std::string file;
  std::string out_dir;
  std::string sampler;  // empty: as the file says
  bool plots = true;
  int threads = 0;
};

void print_loops(const std::vector<ising::LoopSummary>& loops) {
  std::printf("%-9s %8s %10s %15s\n", "sampler", "T", "area", "coercive field");
  for (const ising::LoopSummary& l : loops)
    std::printf("%-9s %8.4g %10.4g %15.4g\n", ising::sampler_kind_name(l.sampler).c_str(), l.T,
                l.area, l.coercive_field);
}

void hysteresis(const HysteresisArgs& args) {
  ising::HysteresisConfig config = ising::read_hysteresis_config(args.file);
  if (!args.sampler.empty()) config.samplers = ising::sampler_kinds(args.sampler);
  ising::make_lattice(config.lattice);  // a bad size fails before any work
  create_output_directory(args.out_dir);
  const OutputLock lock(args.out_dir);  // one writer per folder, as scans and training
  say("hysteresis " + config.source + " into " + args.out_dir);

  ising::HysteresisResult all;
  for (ising::SamplerKind kind : config.samplers) {
    std::unique_ptr<ising::SpikingCalibration> calibration;
    if (kind == ising::SamplerKind::kSpiking)
      calibration = std::make_unique<ising::SpikingCalibration>(ising::calibrate_spiking(
          config.spiking, config.seed, ising::coldest_temperature(config), args.out_dir,
          args.threads, say));
    const ising::HysteresisResult result =
        ising::run_hysteresis({config, kind, calibration.get(), args.threads, say});
    all.points.insert(all.points.end(), result.points.begin(), result.points.end());
    all.loops.insert(all.loops.end(), result.loops.begin(), result.loops.end());
    // Rewritten after each sampler, so that an interrupted run keeps the finished samplers.
    write_file_atomically(args.out_dir + "/hysteresis.csv", ising::hysteresis_csv(all.points));
    write_file_atomically(args.out_dir + "/loops.csv", ising::loops_csv(all.loops));
  }
  print_loops(all.loops);
  say("wrote " + args.out_dir + "/hysteresis.csv and loops.csv");
  if (args.plots) run_plot_script("plot_hysteresis.py", {args.out_dir});
}

}  // namespace

void add_hysteresis_command(CLI::App& app) {
  auto args = std::make_shared<HysteresisArgs>();
  CLI::App* cmd = app.add_subcommand(
      "hysteresis", "Field sweeps up and down at several temperatures: Ising hysteresis loops");
  cmd->add_option("file", args->file, "Hysteresis description (TOML)")->required();
  cmd->add_option("--out", args->out_dir, "Output folder (created if missing)")->required();
  cmd->add_option("--sampler", args->sampler, "glauber, spiking or both (overrides the file)")
      ->check(CLI::IsMember({"glauber", "spiking", "both"}));
  cmd->add_flag("!--no-plots", args->plots, "Do not draw the PNG plots");
  cmd->add_option("--threads", args->threads, "CPU threads (default: all cores)")
      ->check(kThreadCount);
  cmd->callback([args] { hysteresis(*args); });
}

}  // namespace spikewafer::cli
