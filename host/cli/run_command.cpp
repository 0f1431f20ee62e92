#include "run_command.hpp"

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "io/network_config.hpp"
#include "io/run_output.hpp"
#include "network/connectivity.hpp"
#include "network/layout.hpp"
#include "progress.hpp"
#include "spikewafer/simulator.hpp"

namespace spikewafer::cli {
namespace {

struct RunArgs {
  std::string network_file;
  std::string out_dir;
  std::string backend = "cpu";
  int threads = 0;
  int64_t seed = -1;
  bool csv = false;
};

Backend parse_backend(const std::string& name) {
  if (name == "cuda") return Backend::kCuda;
  if (name == "auto") return Backend::kAuto;
  return Backend::kCpu;
}

void run(const RunArgs& args) {
  Network network = load_network_toml(args.network_file);
  if (args.seed >= 0) network.simulation.seed = static_cast<uint64_t>(args.seed);
  SimulatorOptions options;
  options.backend = parse_backend(args.backend);
  options.threads = args.threads;
  options.progress = progress_printer();
  // Building a large network takes a while before the first step; say what is being built.
  const uint64_t neurons = population_offsets(network).back();
  std::cerr << "spikewafer: " << args.network_file << ": " << neurons << " neurons x "
            << network.simulation.replicas << " replicas, about "
            << static_cast<uint64_t>(expected_synapses(network)) << " synapses; building\n";
  Simulator simulator(network, options);
  simulator.run(network.simulation.duration);
  finish_progress();
  RunResult result = simulator.result();
  write_run_output(result, OutputOptions{args.out_dir, args.csv});
  std::cout << summary_json(result.summary) << "\n";
  std::cerr << "spikewafer: wrote " << args.out_dir << "/spikes.h5"
            << (args.csv ? ", spikes.csv" : "") << " and summary.json\n";
}

}  // namespace

void add_run_command(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand("run", "Simulate a network description (NET.toml)");
  cmd->add_option("network", args->network_file, "Network description (TOML)")->required();
  cmd->add_option("--out", args->out_dir, "Output folder (created if missing)")->required();
  cmd->add_option("--backend", args->backend, "cpu, cuda or auto (CUDA where a GPU is found)")
      ->check(CLI::IsMember({"cpu", "cuda", "auto"}));
  cmd->add_option("--threads", args->threads, "CPU threads (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--seed", args->seed, "Override [simulation].seed")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--csv", args->csv, "Also write spikes.csv");
  cmd->callback([args] { run(*args); });
}

}  // namespace spikewafer::cli
