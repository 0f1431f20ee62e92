#include "wafer_map_command.hpp"

#include <omp.h>

#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "io/atomic_file.hpp"
#include "io/network_config.hpp"
#include "mapping_choice_options.hpp"
#include "option_checks.hpp"
#include "plots.hpp"
#include "progress.hpp"
#include "spikewafer/error.hpp"
#include "wafer/hardware_delays.hpp"
#include "wafer/mapping_report.hpp"

namespace spikewafer::cli {
namespace {

struct WaferMapArgs {
  std::string network_file;
  std::string out_dir;
  int64_t wafers = wafer::kMaxWafers;
  int64_t neuron_size = 0;
  int64_t neurons_per_chip = 0;
  std::optional<uint64_t> seed;  // overrides [simulation].seed
  int threads = 0;
  std::string router = "shortest-path";
  double speedup = wafer::kDefaultSpeedup;
  bool plots = true;
};

void run(const WaferMapArgs& args) {
  // Before the mapping, which takes minutes for large networks: an unwritable folder was found
  // only when the report was written.
  check_output_directory_writable(args.out_dir);
  if (args.threads > 0) omp_set_num_threads(args.threads);
  Network network = load_network_toml(args.network_file);
  if (args.seed) network.simulation.seed = *args.seed;
  wafer::MappingOptions options = wafer::checked_mapping_options(
      args.wafers, args.neuron_size, args.neurons_per_chip, args.router, args.speedup,
      network.simulation.seed);
  options.say = say;
  const wafer::MappingReport report = wafer::map_to_directory(network, options, args.out_dir);
  const wafer::MappingResult& result = report.result;
  std::cerr << "spikewafer: mapped " << result.drawn.neurons() << " neurons onto "
            << result.placement.hicanns_used << " HICANNs (neuron size "
            << result.placement.neuron_size << "), " << result.total.realised << " of "
            << result.total.requested << " synapses realised, in " << report.seconds << " s\n";
  for (const std::string& line : wafer::attempt_lines(result))
    std::cerr << "spikewafer: " << line << "\n";
  for (const wafer::RangeViolation& v : result.neuron_ranges)
    std::cerr << "spikewafer: warning: " << wafer::range_violation_text(v, network, options.speedup)
              << "\n";
  for (const wafer::StdpHardwareReport& s : result.stdp)
    std::cerr << "spikewafer: note: " << wafer::stdp_hardware_text(s) << "\n";
  if (args.plots) run_plot_script("plot_wafer.py", {args.out_dir});
  std::cout << report.json;
}

}  // namespace

void add_wafer_map_command(CLI::App& app) {
  auto args = std::make_shared<WaferMapArgs>();
  CLI::App* cmd = app.add_subcommand(
      "wafer-map", "Map a network (NET.toml) onto the BrainScaleS-1 wafer model and report loss");
  cmd->add_option("network", args->network_file, "Network description (TOML)")->required();
  cmd->add_option("--out", args->out_dir, "Output folder (created if missing)")->required();
  cmd->add_option("--wafers", args->wafers, "Wafers of the system, 1 to 20 (default 20)");
  add_mapping_choice_options(cmd, args->neuron_size, args->neurons_per_chip, "");
  cmd->add_option("--seed", args->seed, "Override [simulation].seed (synapses, tie-breaks)")
      ->check(kSeed);
  cmd->add_option("--threads", args->threads, "CPU threads (default: all cores)")
      ->check(kThreadCount);
  cmd->add_option("--router", args->router, "shortest-path (default) or backbone");
  cmd->add_option("--speedup", args->speedup,
                  "Hardware speed-up, 1e3 to 1e5 (default 1e4): the delays it reports in "
                  "biological time");
  cmd->add_flag("!--no-plots", args->plots, "Skip the plots");
  cmd->callback([args] { run(*args); });
}

}  // namespace spikewafer::cli
