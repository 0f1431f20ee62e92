// Sampling throughput of the spiking sampler (LIF networks that sample a Boltzmann machine) and of
// its Gibbs reference, over units N x replicas R (benchmarks/README.md, "Sampling and Ising
// throughput").
//
// Per cell: a random Boltzmann machine of N units (W_ij ~ N(0, (2/sqrt(N))^2), b_i ~ N(0, 1),
// couplings below 0.01 of that std set to 0; see benchmark_graph), R replicas of its LIF network
// (one calibration per run, reused), 100 ms warm-up, then run(1 ms) and states() repeated for
// T ms, as `spikewafer sample` does; T is chosen from a pilot so that the timed part takes about
// --target-s. Then R Gibbs chains (heat bath, sequential order, as the reference of `spikewafer
// sample`), one sweep and states() per step.
//
// Output: CSV on stdout, a "# machine: ..." comment line first and a "# settings: ..." line;
// progress on stderr. Not a test: never run by ctest.
#include <omp.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_report.hpp"
#include "kernels/random.hpp"
#include "sampling/boltzmann_machine.hpp"
#include "sampling/calibration.hpp"
#include "sampling/coupling_graph.hpp"
#include "sampling/gibbs_sampler.hpp"
#include "sampling/spiking_sampler.hpp"
#include "spikewafer/error.hpp"
#include "spikewafer/simulator.hpp"

namespace {

using spikewafer::bench::Clock;
using spikewafer::bench::cpu_model;
using spikewafer::bench::iso_date_utc;
using spikewafer::bench::load_average;
using spikewafer::bench::num;
using spikewafer::bench::seconds_since;
namespace sw = spikewafer;
namespace smp = spikewafer::sampling;

void say(const std::string& line) { std::cerr << "sampling_throughput: " << line << std::endl; }

struct Options {
  int threads = 0;
  std::string backend = "cpu";
  bool quick = false;
  std::vector<int> units;
  std::vector<uint32_t> replicas;
  double target_s = 0.0;        // timed part of a cell; 0: 2.5 s (0.2 s with --quick)
  double max_cell_s = 20.0;     // estimated warm-up + shortest run above this: skipped
  double max_neurons = 2e6;     // N x R above this: skipped
  double calibration_ms = 0.0;  // 0: 2000 ms (300 ms with --quick)
  bool gibbs = true;
  uint64_t seed = 1;
};

constexpr double kWarmupMs = 100.0;
constexpr double kSampleMs = 1.0;   // states read every 1 ms, as `spikewafer sample` does
constexpr double kMinBioMs = 10.0;  // shortest timed run
constexpr uint64_t kMinSweeps = 10;

struct SpikingResult {
  std::string status = "ok";
  double setup_s = NAN, warmup_s = NAN, bio_ms = NAN, wall_s = NAN, mean_z = NAN;
};

struct GibbsResult {
  std::string status = "ok";
  double setup_s = NAN, wall_s = NAN, mean_z = NAN;
  uint64_t sweeps = 0;
};

uint64_t ones(const std::vector<uint8_t>& z) {
  uint64_t n = 0;
  for (uint8_t v : z) n += v != 0;
  return n;
}

std::vector<smp::ChainParams> chains_for(uint32_t replicas, uint64_t seed) {
  std::vector<smp::ChainParams> chains(replicas);
  for (uint32_t r = 0; r < replicas; ++r) chains[r].seed = sw::kernels::replica_seed(seed, r);
  return chains;
}

SpikingResult time_spiking(const smp::CouplingGraph& graph, uint32_t replicas,
                           const smp::Calibration& cal, const sw::SimulatorOptions& sim_options,
                           const Options& o) {
  SpikingResult res;
  auto t0 = Clock::now();
  smp::SamplingNetworkSettings settings;  // renewing synapses, the sampling default
  settings.seed = o.seed;
  smp::SpikingSampler sampler(graph, chains_for(replicas, o.seed), cal, settings, sim_options);
  res.setup_s = seconds_since(t0);

  // Probe: the fastest of up to three sample intervals (one stall on a busy machine should not
  // skip a cell), to decide whether the cell fits in max_cell_s at all.
  double probe = INFINITY, probed = 0.0;  // wall s per bio ms; bio ms probed
  const auto p0 = Clock::now();
  for (int k = 0; k < 3 && seconds_since(p0) < 0.1 * o.max_cell_s; ++k) {
    t0 = Clock::now();
    sampler.run(kSampleMs);
    (void)sampler.states();
    probe = std::min(probe, seconds_since(t0) / kSampleMs);
    probed += kSampleMs;
  }
  const double estimate = probe * (kWarmupMs + kMinBioMs);
  if (estimate > o.max_cell_s) {
    res.status = "skipped: estimated " + num(estimate) + " s for " + num(kWarmupMs) +
                 " ms warm-up + " + num(kMinBioMs) + " ms > " + num(o.max_cell_s) + " s limit";
    return res;
  }
  t0 = Clock::now();
  sampler.run(kWarmupMs - probed);
  res.warmup_s = seconds_since(p0);

  // Pilot in the timed form (run + states per ms) for about a tenth of the target.
  t0 = Clock::now();
  uint64_t pilot = 0;
  do {
    sampler.run(kSampleMs);
    (void)sampler.states();
    ++pilot;
  } while (seconds_since(t0) < 0.1 * o.target_s);
  const double per_ms = seconds_since(t0) / (pilot * kSampleMs);
  double budget = o.max_cell_s - res.setup_s - res.warmup_s - seconds_since(t0);
  double bio = std::min(o.target_s, std::max(budget, 0.0)) / per_ms;
  bio = std::max(kMinBioMs, std::round(bio / kSampleMs) * kSampleMs);
  const uint64_t samples = static_cast<uint64_t>(std::llround(bio / kSampleMs));

  uint64_t on = 0;
  double wall = 0.0;
  for (uint64_t k = 0; k < samples; ++k) {
    const auto s0 = Clock::now();
    sampler.run(kSampleMs);
    const std::vector<uint8_t> z = sampler.states();
    wall += seconds_since(s0);
    on += ones(z);  // outside the timed span
  }
  res.bio_ms = samples * kSampleMs;
  res.wall_s = wall;
  res.mean_z = static_cast<double>(on) / (static_cast<double>(samples) * replicas * graph.size);
  return res;
}

GibbsResult time_gibbs(const smp::CouplingGraph& graph, uint32_t replicas,
                       const smp::GibbsOptions& gibbs_options, const Options& o) {
  GibbsResult res;
  auto t0 = Clock::now();
  smp::GibbsSampler gibbs(graph, chains_for(replicas, o.seed), gibbs_options);
  res.setup_s = seconds_since(t0);

  double probe = INFINITY;  // wall s per sweep, the fastest of up to three
  const auto p0 = Clock::now();
  for (int k = 0; k < 3 && seconds_since(p0) < 0.1 * o.max_cell_s; ++k) {
    t0 = Clock::now();
    gibbs.sweep(1);
    (void)gibbs.states();
    probe = std::min(probe, seconds_since(t0));
  }
  if (probe * kMinSweeps > o.max_cell_s) {
    res.status = "skipped: estimated " + num(probe * kMinSweeps) + " s for " +
                 std::to_string(kMinSweeps) + " sweeps > " + num(o.max_cell_s) + " s limit";
    return res;
  }
  t0 = Clock::now();
  uint64_t pilot = 0;
  do {
    gibbs.sweep(1);
    (void)gibbs.states();
    ++pilot;
  } while (seconds_since(t0) < 0.1 * o.target_s);
  const double per_sweep = seconds_since(t0) / pilot;
  const double budget = o.max_cell_s - res.setup_s - seconds_since(p0);
  const uint64_t sweeps = std::max<uint64_t>(
      kMinSweeps,
      static_cast<uint64_t>(std::llround(std::min(o.target_s, std::max(budget, 0.0)) / per_sweep)));

  uint64_t on = 0;
  double wall = 0.0;
  for (uint64_t s = 0; s < sweeps; ++s) {
    const auto s0 = Clock::now();
    gibbs.sweep(1);
    const std::vector<uint8_t> z = gibbs.states();
    wall += seconds_since(s0);
    on += ones(z);
  }
  res.sweeps = sweeps;
  res.wall_s = wall;
  res.mean_z = static_cast<double>(on) / (static_cast<double>(sweeps) * replicas * graph.size);
  return res;
}

// A CSV-safe status for a cell that failed.
std::string error_status(const std::exception& e) {
  std::string text = std::string("error: ") + e.what();
  for (char& c : text)
    if (c == ',' || c == '\n' || c == '"') c = ';';
  return text;
}

// The cells' target: W_ij ~ N(0, w_std^2) with w_std = 2 / sqrt(N), b_i ~ N(0, 1); couplings with
// |W_ij| < kPrune w_std are set to 0. Without that, the engine refuses N of about 400 and more:
// the fixed-point synaptic input (host/engine/input_scale.cpp) resolves weights down to 2^-18 of
// one neuron's summed input, and among N^2/2 Gaussian draws the smallest is ~ w_std / N^2.
constexpr double kPrune = 0.01;

smp::CouplingGraph benchmark_graph(int n, uint64_t seed) {
  const double w_std = 2.0 / std::sqrt(static_cast<double>(n));
  smp::BoltzmannMachine bm = smp::random_boltzmann_machine(n, w_std, 1.0, seed);
  bm.W = (bm.W.array().abs() < kPrune * w_std).select(0.0, bm.W);
  return smp::coupling_graph(bm);
}

int run(const Options& opt) {
  Options o = opt;
  if (o.target_s <= 0) o.target_s = o.quick ? 0.2 : 2.5;
  if (o.calibration_ms <= 0) o.calibration_ms = o.quick ? 300.0 : 2000.0;
  if (o.units.empty())
    o.units = o.quick ? std::vector<int>{5, 20} : std::vector<int>{5, 20, 100, 1000};
  if (o.replicas.empty())
    o.replicas =
        o.quick ? std::vector<uint32_t>{1, 100} : std::vector<uint32_t>{1, 10, 100, 1000, 10000};

  const sw::Backend backend = o.backend == "cuda" ? sw::Backend::kCuda : sw::Backend::kCpu;
  if (backend == sw::Backend::kCuda) {
    std::string why;
    if (!sw::cuda_usable(&why)) {
      std::cerr << "sampling_throughput: --backend cuda: " << why << "\n";
      return 2;
    }
  }
  if (o.threads > 0) omp_set_num_threads(o.threads);
  const int threads = o.threads > 0 ? o.threads : omp_get_max_threads();
  const sw::SimulatorOptions sim_options{backend, threads, {}, {}};
  smp::GibbsOptions gibbs_options;
  gibbs_options.rule = smp::UpdateRule::kHeatBath;
  gibbs_options.order = smp::SweepOrder::kSequential;
  gibbs_options.backend = backend;
  gibbs_options.threads = threads;

  std::cout << "# machine: " << cpu_model() << ", " << std::thread::hardware_concurrency()
            << " cores, threads " << threads << ", backend " << o.backend << ", date "
            << iso_date_utc() << std::endl;

  say("calibrating (" + num(o.calibration_ms) + " ms per bias value)");
  const auto c0 = Clock::now();
  smp::CalibrationSettings cal_settings;
  cal_settings.duration = o.calibration_ms;
  cal_settings.seed = o.seed;
  const smp::Calibration cal = smp::calibrate(smp::default_sampling_neuron(sw::Model::kIfCondExp),
                                              cal_settings, sim_options, say);
  const double cal_s = seconds_since(c0);
  const double dt = cal.neuron.dt;

  std::cout << "# settings: IF_cond_exp sampling neuron, dt " << num(dt) << " ms, tau_refrac "
            << num(cal.neuron.params.tau_refrac) << " ms, renewing synapses; calibration "
            << num(o.calibration_ms) << " ms per bias value (" << num(cal_s) << " s, u0 "
            << num(cal.u0) << " mV, alpha " << num(cal.alpha)
            << " mV); BM W_ij ~ N(0, (2/sqrt(N))^2),"
            << " b_i ~ N(0, 1), |W_ij| < " << num(kPrune) << " w_std set to 0, seed " << o.seed
            << "; warm-up " << num(kWarmupMs) << " ms; states read every " << num(kSampleMs)
            << " ms; target " << num(o.target_s) << " s per timed run; skipped: N x R > "
            << num(o.max_neurons) << " or estimated > " << num(o.max_cell_s)
            << " s; gibbs: heat bath sequential"
            << " states read every sweep" << std::endl;
  std::cout << "# load average at start: " << load_average() << std::endl;
  std::cout << "units,replicas,neurons,status,setup_s,warmup_s,bio_ms_per_replica,wall_s,"
               "samples_per_s,bio_speedup,vs_brainscales,neuron_updates_per_s,mean_z,"
               "gibbs_status,gibbs_setup_s,gibbs_sweeps,gibbs_wall_s,gibbs_sweeps_per_s,"
               "gibbs_spin_updates_per_s,gibbs_samples_per_s,gibbs_mean_z"
            << std::endl;

  for (int n : o.units) {
    const smp::CouplingGraph graph = benchmark_graph(n, o.seed);
    for (uint32_t r : o.replicas) {
      const double neurons = static_cast<double>(n) * r;
      SpikingResult s;
      GibbsResult g;
      if (neurons > o.max_neurons) {
        s.status = g.status = "skipped: N x R = " + num(neurons) + " > " + num(o.max_neurons);
      } else {
        say("N = " + std::to_string(n) + ", R = " + std::to_string(r) + ": spiking");
        try {
          s = time_spiking(graph, r, cal, sim_options, o);
        } catch (const std::exception& e) {
          s = SpikingResult();
          s.status = error_status(e);
          say(s.status);
        }
        if (o.gibbs) {
          say("N = " + std::to_string(n) + ", R = " + std::to_string(r) + ": gibbs");
          try {
            g = time_gibbs(graph, r, gibbs_options, o);
          } catch (const std::exception& e) {
            g = GibbsResult();
            g.status = error_status(e);
            say(g.status);
          }
        } else {
          g.status = "skipped: --no-gibbs";
        }
      }
      const bool s_ok = s.status == "ok", g_ok = g.status == "ok";
      const double samples = s_ok ? r * s.bio_ms / kSampleMs : NAN;
      const double speedup = s_ok ? r * (s.bio_ms * 1e-3) / s.wall_s : NAN;
      std::cout << n << ',' << r << ',' << num(neurons) << ',' << s.status << ',' << num(s.setup_s)
                << ',' << num(s.warmup_s) << ',' << num(s.bio_ms) << ',' << num(s.wall_s) << ','
                << num(samples / s.wall_s) << ',' << num(speedup) << ',' << num(speedup / 1e4)
                << ',' << num(s_ok ? neurons * (s.bio_ms / dt) / s.wall_s : NAN) << ','
                << num(s.mean_z) << ',' << g.status << ',' << num(g.setup_s) << ','
                << (g_ok ? std::to_string(g.sweeps) : "") << ',' << num(g.wall_s) << ','
                << num(g_ok ? g.sweeps / g.wall_s : NAN) << ','
                << num(g_ok ? neurons * g.sweeps / g.wall_s : NAN) << ','
                << num(g_ok ? r * static_cast<double>(g.sweeps) / g.wall_s : NAN) << ','
                << num(g.mean_z) << std::endl;
    }
  }
  std::cout << "# load average at end: " << load_average() << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Sampling throughput: spiking sampler and Gibbs reference over units x replicas"};
  Options o;
  app.add_option("--threads", o.threads, "CPU threads (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--backend", o.backend, "cpu or cuda")->check(CLI::IsMember({"cpu", "cuda"}));
  app.add_flag("--quick", o.quick, "Small subset with short times (smoke test)");
  app.add_option("--units", o.units, "Override the unit counts N");
  app.add_option("--replicas", o.replicas, "Override the replica counts R");
  app.add_option("--target-s", o.target_s, "Wall time of each timed run (default 2.5, quick 0.2)");
  app.add_option("--max-cell-s", o.max_cell_s, "Skip cells estimated to take longer (default 20)");
  app.add_option("--max-neurons", o.max_neurons, "Skip cells with N x R above this (default 2e6)");
  app.add_option("--calibration-ms", o.calibration_ms,
                 "Calibration ms per bias value (default 2000, quick 300)");
  app.add_flag("!--no-gibbs", o.gibbs, "Do not time the Gibbs reference");
  app.add_option("--seed", o.seed, "Seed of the Boltzmann machines and chains");
  CLI11_PARSE(app, argc, argv);
  try {
    return run(o);
  } catch (const std::exception& e) {
    std::cerr << "sampling_throughput: " << e.what() << "\n";
    return 1;
  }
}
