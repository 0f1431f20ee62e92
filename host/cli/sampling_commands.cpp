#include "sampling_commands.hpp"

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "option_checks.hpp"
#include "plots.hpp"
#include "progress.hpp"
#include "sampling/calibration_files.hpp"
#include "sampling/sample_config.hpp"
#include "sampling/sample_directory.hpp"

namespace spikewafer::cli {
namespace {

struct Args {
  std::string file, out_dir;
  int threads = 0;
  bool plots = true;
};

void calibrate_command(const Args& args) {
  const sampling::NeuronFile file = sampling::read_neuron_file(args.file);
  const sampling::Calibration c =
      sampling::calibrate_alone_into(args.out_dir, file.neuron, file.calibration, args.threads, say);
  std::cout << sampling::fit_summary(c) << "\n";
  if (args.plots) run_plot_script("plot_activation.py", {args.out_dir});
}

void sample_command(const Args& args) {
  const sampling::SampleConfig config = sampling::read_sample_config(args.file);
  const sampling::SampleOutcome out =
      sampling::sample_to_directory(config, args.out_dir, args.threads, say);
  const sampling::SamplingReport& report = out.report;
  if (report.target.size()) {
    std::printf("DKL(sampled || target): spiking %.5f", report.dkl.back().spiking);
    if (report.gibbs.samples) std::printf(", gibbs %.5f", report.dkl.back().gibbs);
    std::printf(" (mean over replicas at %.0f ms)\n", report.dkl.back().time_ms);
  }
  if (out.tempering) {
    std::printf("tempering (mean over replicas at %.0f ms):\n", config.duration);
    for (const sampling::VariantResult& v : out.tempering->variants)
      if (out.tempering->classes)
        std::printf("  %-6s %.3g class switches per s per chain, class histogram %.3f from the "
                    "data's (total variation)\n",
                    sampling::variant_name(v.variant), v.curve.back().switches_per_s,
                    v.class_distance);
      else
        std::printf("  %-6s DKL %.4f +- %.4f, %.3g mode switches per s per chain\n",
                    sampling::variant_name(v.variant), v.curve.back().dkl,
                    v.curve.back().dkl_std, v.curve.back().switches_per_s);
  }
  if (args.plots) run_plot_script("plot_sampling.py", {args.out_dir});
}

CLI::App* add_common(CLI::App& app, const char* name, const char* help, const char* file_help,
                     const std::shared_ptr<Args>& args) {
  CLI::App* cmd = app.add_subcommand(name, help);
  cmd->add_option("file", args->file, file_help)->required();
  cmd->add_option("--out", args->out_dir, "Output folder (created if missing)")->required();
  cmd->add_option("--threads", args->threads, "CPU threads (default: all cores)")
      ->check(kThreadCount);
  cmd->add_flag("!--no-plots", args->plots, "Do not draw the PNG plots");
  return cmd;
}

}  // namespace

void add_calibrate_command(CLI::App& app) {
  auto args = std::make_shared<Args>();
  add_common(app, "calibrate", "Measure and fit a sampling neuron's activation function",
             "Neuron description (TOML: [neuron], [calibration])", args)
      ->callback([args] { calibrate_command(*args); });
}

void add_sample_command(CLI::App& app) {
  auto args = std::make_shared<Args>();
  add_common(app, "sample", "Sample a Boltzmann machine with LIF neurons (and Gibbs)",
             "Target and sampler (TOML: [target], [sampler])", args)
      ->callback([args] { sample_command(*args); });
}

}  // namespace spikewafer::cli
