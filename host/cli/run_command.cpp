#include "run_command.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/atomic_file.hpp"
#include "io/network_config.hpp"
#include "io/number_text.hpp"
#include "io/output_lock.hpp"
#include "io/run_output.hpp"
#include "network/connectivity.hpp"
#include "network/layout.hpp"
#include "mapping_choice_options.hpp"
#include "option_checks.hpp"
#include "parallel/mpi_session.hpp"
#include "progress.hpp"
#include "spikewafer/error.hpp"
#include "spikewafer/simulator.hpp"
#include "wafer/hardware_delays.hpp"
#include "wafer/mapped_network.hpp"
#include "wafer/mapping_report.hpp"
#include "wafer/partition.hpp"
#include "wafer/system.hpp"

namespace spikewafer::cli {
namespace {

struct RunArgs {
  std::string network_file;
  std::string out_dir;
  std::string backend = "cpu";
  int threads = 0;
  std::optional<uint64_t> seed;  // overrides [simulation].seed
  bool csv = false;
  // --wafer: run the network as mapped onto the emulated hardware.
  bool wafer = false;
  std::string delays = "hardware";
  int64_t wafers = wafer::kMaxWafers;
  int64_t neuron_size = 0;       // 0: searched (docs/wafer.md)
  int64_t neurons_per_chip = 0;  // 0: as many as the size allows
  double speedup = wafer::kDefaultSpeedup;
  double variation = 0.0;
  bool compare = false;
  const CLI::App* command = nullptr;  // to tell which options were given
};

Backend parse_backend(const std::string& name) {
  if (name == "cuda") return Backend::kCuda;
  if (name == "auto") return Backend::kAuto;
  return Backend::kCpu;
}

// Under mpirun every process runs this with the same arguments; `partition` is its share.
RunResult simulate(const Network& network, const RunArgs& args, const std::string& what,
                   const Partition& partition) {
  const bool output = parallel::is_output_process();
  SimulatorOptions options;
  options.backend = parse_backend(args.backend);
  options.threads = args.threads;
  if (output) options.progress = progress_printer();
  options.partition = partition;
  // Building a large network takes a while before the first step; say what is being built.
  const uint64_t neurons = population_offsets(network).back();
  if (output)
    std::cerr << "spikewafer: " << what << ": " << neurons << " neurons x "
              << network.simulation.replicas << " replicas, about "
              << static_cast<uint64_t>(expected_synapses(network)) << " synapses"
              << (partition.distributed()
                      ? " over " + std::to_string(partition.exchange->ranks()) + " processes"
                      : std::string())
              << "; building\n";
  Simulator simulator(network, options);
  simulator.run(network.simulation.duration);
  finish_progress();
  return simulator.result();
}

// A distributed run's summary says over how many processes it ran.
std::string processes_json(const Partition& partition) {
  if (!partition.distributed()) return "";
  nlohmann::ordered_json extra;
  extra["processes"] = partition.exchange->ranks();
  return extra.dump();
}

// The output process checks, before the work, that the folder can be written, and holds it (one
// writer per folder, io/output_lock.hpp); the other processes of an MPI run write nothing.
std::optional<OutputLock> lock_output(const std::string& dir) {
  if (!parallel::is_output_process()) return std::nullopt;
  check_output_directory_writable(dir);
  return std::optional<OutputLock>(std::in_place, dir);
}

void run(const RunArgs& args) {
  Network network = load_network_toml(args.network_file);
  if (args.seed) network.simulation.seed = *args.seed;
  const Partition partition =
      balanced_partition(parallel::mpi_exchange(), population_offsets(network).back());
  const std::optional<OutputLock> lock = lock_output(args.out_dir);
  RunResult result = simulate(network, args, args.network_file, partition);
  if (!parallel::is_output_process()) return;
  write_run_output(result, OutputOptions{args.out_dir, args.csv}, processes_json(partition));
  std::cout << summary_json(result.summary, processes_json(partition)) << "\n";
  std::cerr << "spikewafer: wrote " << args.out_dir << "/spikes.h5"
            << (result.traces.empty() && result.rates.empty() ? "" : ", traces.h5")
            << (result.learned.empty() ? "" : ", weights.h5") << (args.csv ? ", spikes.csv" : "")
            << " and summary.json\n";
}

// ---- run --wafer ------------------------------------------------------------------------------

void check_wafer_args(const RunArgs& args) {
  if (!args.wafer) {
    for (const char* name : {"--wafers", "--neuron-size", "--neurons-per-chip", "--speedup",
                             "--variation", "--compare", "--delays"})
      if (args.command->count(name) > 0)
        throw input_error(std::string("run: ") + name +
                          " applies to the emulated hardware only; add --wafer");
    return;
  }
  wafer::check_speedup(args.speedup, "run --speedup");
  wafer::delay_model_from_name(args.delays);  // names the allowed values
  if (!(args.variation >= 0.0 && args.variation <= wafer::kMaxVariation))
    throw input_error("run --variation " + number_text(args.variation) +
                      ": expected a relative standard deviation from 0 to " +
                      number_text(wafer::kMaxVariation) + " (e.g. 0.05)");
}

// Mean rate (Hz) of each population and of each of its neurons, over all replicas.
struct Rates {
  std::vector<double> population;
  std::vector<std::vector<double>> neuron;
};

Rates rates_of(const Network& network, const RunResult& result) {
  Rates r;
  const double seconds = network.simulation.duration / 1000.0 * network.simulation.replicas;
  for (const auto& pop : network.populations) r.neuron.emplace_back(pop.size, 0.0);
  for (const SpikeRecord& s : result.spikes) r.neuron[s.population][s.neuron] += 1.0 / seconds;
  for (const auto& neurons : r.neuron) {
    double sum = 0.0;
    for (double x : neurons) sum += x;
    r.population.push_back(neurons.empty() ? 0.0 : sum / static_cast<double>(neurons.size()));
  }
  return r;
}

bool same_spikes(const RunResult& a, const RunResult& b) {
  if (a.spikes.size() != b.spikes.size()) return false;
  for (size_t i = 0; i < a.spikes.size(); ++i) {
    const SpikeRecord &x = a.spikes[i], &y = b.spikes[i];
    if (x.population != y.population || x.replica != y.replica || x.neuron != y.neuron ||
        x.time_ms != y.time_ms)
      return false;
  }
  return true;
}

// Per population: mean rates ideal vs mapped, their relative change, and the RMS over neurons
// of the difference of each neuron's rate (the spike-train distance used here).
nlohmann::ordered_json comparison_json(const Network& network, const RunResult& ideal,
                                       const RunResult& mapped) {
  const Rates ri = rates_of(network, ideal), rm = rates_of(network, mapped);
  nlohmann::ordered_json pops = nlohmann::ordered_json::array();
  for (size_t p = 0; p < network.populations.size(); ++p) {
    double sq = 0.0;
    for (size_t n = 0; n < ri.neuron[p].size(); ++n)
      sq += std::pow(rm.neuron[p][n] - ri.neuron[p][n], 2);
    const double count = std::max<double>(1.0, static_cast<double>(ri.neuron[p].size()));
    nlohmann::ordered_json e;
    e["name"] = network.populations[p].name;
    e["rate_ideal_hz"] = ri.population[p];
    e["rate_mapped_hz"] = rm.population[p];
    if (ri.population[p] > 0.0)
      e["rate_relative_change"] = (rm.population[p] - ri.population[p]) / ri.population[p];
    else
      e["rate_relative_change"] = nullptr;  // no ideal spikes to compare with
    e["rate_rms_difference_hz"] = std::sqrt(sq / count);
    pops.push_back(e);
  }
  nlohmann::ordered_json j;
  j["spikes_ideal"] = ideal.spikes.size();
  j["spikes_mapped"] = mapped.spikes.size();
  j["identical_spikes"] = same_spikes(ideal, mapped);
  j["populations"] = pops;
  return j;
}

void run_wafer(const RunArgs& args) {
  Network network = load_network_toml(args.network_file);
  if (args.seed) network.simulation.seed = *args.seed;
  const std::optional<OutputLock> lock = lock_output(args.out_dir);
  // --compare needs every population's spikes, in both runs.
  if (args.compare)
    for (auto& pop : network.populations) pop.record.spikes = true;

  wafer::MappingOptions mopts = wafer::checked_mapping_options(
      args.wafers, args.neuron_size, args.neurons_per_chip, "shortest-path", args.speedup,
      network.simulation.seed);
  mopts.delays = wafer::delay_model_from_name(args.delays);
  if (parallel::is_output_process()) mopts.say = say;
  const auto start = std::chrono::steady_clock::now();
  const wafer::MappingResult mapping = wafer::map_network(network, mopts);
  const double map_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (parallel::is_output_process()) {
    std::cerr << "spikewafer: mapped " << mapping.drawn.neurons() << " neurons onto "
              << mapping.placement.hicanns_used << " HICANNs, " << mapping.total.realised << " of "
              << mapping.total.requested << " synapses realised\n";
    for (const std::string& line : wafer::attempt_lines(mapping))
      std::cerr << "spikewafer: " << line << "\n";
    for (const wafer::RangeViolation& v : mapping.neuron_ranges)
      std::cerr << "spikewafer: warning: " << wafer::range_violation_text(v, network, mopts.speedup)
                << "\n";
    for (const wafer::StdpHardwareReport& s : mapping.stdp)
      std::cerr << "spikewafer: note: " << wafer::stdp_hardware_text(s) << "\n";
  }
  const nlohmann::json map_json = wafer::mapping_summary(network, mapping, map_seconds);

  wafer::MappedNetworkOptions vopts;
  vopts.variation = args.variation;
  vopts.seed = network.simulation.seed;
  const Network mapped = wafer::mapped_network(network, mapping, vopts);
  const Partition partition = wafer::wafer_partition(mapping.placement, parallel::mpi_exchange());
  const RunResult result = simulate(mapped, args, args.network_file + " (mapped)", partition);
  std::optional<RunResult> ideal;
  if (args.compare) ideal = simulate(network, args, args.network_file + " (ideal)", partition);
  if (!parallel::is_output_process()) return;

  const RunSummary& s = result.summary;
  const double hardware_ms = s.bio_time_ms / args.speedup;
  nlohmann::ordered_json w;
  w["speedup"] = args.speedup;
  w["bio_time_ms"] = s.bio_time_ms;
  w["hardware_time_ms"] = hardware_ms;
  w["wall_over_hardware"] = hardware_ms > 0.0 ? s.wall_s * 1000.0 / hardware_ms : 0.0;
  w["wafers_available"] = mopts.wafers;
  for (const char* key : {"wafers_used", "hicanns_used", "neuron_size", "synapses_requested",
                          "synapses_realized", "synapse_loss", "weight_quantization_error_mean",
                          "weight_quantization_error_max", "weights_rounded_to_zero"})
    w[key] = map_json[key];
  w["variation"] = args.variation;
  w["delays"] = wafer::delay_model_name(mapping.delay_model);
  for (const char* key : {"delay_ms_mean", "delay_ms_min", "delay_ms_max"})
    if (map_json.contains(key)) w[key] = map_json[key];
  if (partition.distributed()) w["processes"] = partition.exchange->ranks();
  if (ideal) w["comparison"] = comparison_json(network, *ideal, result);

  // mapping.json first, then the run's files; summary.json (with its wafer block) last.
  create_output_directory(args.out_dir);
  write_file_atomically(args.out_dir + "/mapping.json", wafer::mapping_text(map_json));
  if (ideal) write_run_output(*ideal, OutputOptions{args.out_dir + "/ideal", args.csv});
  nlohmann::ordered_json extra;
  extra["wafer"] = w;
  write_run_output(result, OutputOptions{args.out_dir, args.csv}, extra.dump());
  std::cout << summary_json(s, extra.dump());
  std::cerr << "spikewafer: wrote " << args.out_dir << "/mapping.json, spikes.h5"
            << (result.learned.empty() ? "" : ", weights.h5")
            << (args.csv ? ", spikes.csv" : "") << (ideal ? ", ideal/" : "")
            << " and summary.json\n";
}

}  // namespace

void add_run_command(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand("run", "Simulate a network description (NET.toml)");
  args->command = cmd;
  cmd->add_option("network", args->network_file, "Network description (TOML)")->required();
  cmd->add_option("--out", args->out_dir, "Output folder (created if missing)")->required();
  cmd->add_option("--backend", args->backend, "cpu, cuda or auto (CUDA where a GPU is found)")
      ->check(CLI::IsMember({"cpu", "cuda", "auto"}));
  cmd->add_option("--threads", args->threads, "CPU threads (default: all cores)")
      ->check(kThreadCount);
  cmd->add_option("--seed", args->seed, "Override [simulation].seed")->check(kSeed);
  cmd->add_flag("--csv", args->csv, "Also write spikes.csv");
  cmd->add_flag("--wafer", args->wafer,
                "Run the network as mapped onto the emulated BrainScaleS-1 hardware "
                "(docs/wafer.md, \"Running the mapped network\")");
  cmd->add_option("--wafers", args->wafers, "With --wafer: wafers of the system, 1 to 20 (default 20)");
  add_mapping_choice_options(cmd, args->neuron_size, args->neurons_per_chip, "With --wafer: ");
  cmd->add_option("--speedup", args->speedup,
                  "With --wafer: hardware speed-up over biology, 1e3 to 1e5 (default 1e4)");
  cmd->add_option("--variation", args->variation,
                  "With --wafer: fixed-pattern variation, relative std of each neuron's "
                  "threshold distance, tau_m, tau_syn_E/I and tau_refrac (default 0)");
  cmd->add_option("--delays", args->delays,
                  "With --wafer: hardware (default: each route's delay at the speed-up, "
                  "docs/wafer.md) or ideal (the network's own delays)");
  cmd->add_flag("--compare", args->compare,
                "With --wafer: also run the ideal network and compare firing rates");
  cmd->callback([args] {
    check_wafer_args(*args);
    if (args->wafer) {
      run_wafer(*args);
    } else {
      run(*args);
    }
  });
}

}  // namespace spikewafer::cli
