#include "train_command.hpp"

#include <memory>
#include <string>

#include "learning/train_directory.hpp"
#include "learning/training_config.hpp"
#include "option_checks.hpp"
#include "plots.hpp"
#include "progress.hpp"

namespace spikewafer::cli {
namespace {

struct TrainArgs {
  std::string file, out_dir;
  bool resume = false;
  int threads = 0;
  bool plots = true;
};

void train_command(const TrainArgs& args) {
  learning::train_to_directory(learning::read_training_config(args.file), args.out_dir,
                               args.resume, args.threads, say);
  if (args.plots) run_plot_script("plot_training.py", {args.out_dir});
}

}  // namespace

void add_train_command(CLI::App& app) {
  auto args = std::make_shared<TrainArgs>();
  CLI::App* cmd = app.add_subcommand(
      "train", "Train a restricted Boltzmann machine by contrastive divergence (Gibbs or LIF "
               "networks in the loop)");
  cmd->add_option("file", args->file, "RBM description (TOML: [rbm], [data], [training])")
      ->required();
  cmd->add_option("--out", args->out_dir, "Output folder (created if missing)")->required();
  cmd->add_flag("--resume", args->resume, "Continue an interrupted training run in --out");
  cmd->add_option("--threads", args->threads, "CPU threads (default: all cores)")
      ->check(kThreadCount);
  cmd->add_flag("!--no-plots", args->plots, "Do not draw the PNG plots");
  cmd->callback([args] { train_command(*args); });
}

}  // namespace spikewafer::cli
