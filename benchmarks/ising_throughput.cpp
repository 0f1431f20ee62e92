// Ising throughput: Glauber sweeps (heat bath, checkerboard) and the spiking sampler on the 2D
// square lattice, L x chains, through the samplers `spikewafer ising-scan` runs
// (ising::make_chain_sampler with a ScanConfig; benchmarks/README.md, "Sampling and Ising
// throughput").
//
// Per (sampler, L, chains): chains = 8 temperatures around Tc (h = 0) x replicas, random start,
// burn-in (10 sweeps / 100 ms), then the same amount of sampler time in three modes:
//   advance  one advance() call for the whole amount (the sampler alone)
//   read     advance(sample interval) + states() per sample
//   measure  the same plus measure() of every chain each sample, as the scan's measuring loop
// The amount is chosen from a pilot so that each mode takes about --target-s.
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
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "ising/chain_sampler.hpp"
#include "ising/initial_state.hpp"
#include "ising/ising_map.hpp"
#include "ising/lattice.hpp"
#include "ising/observables.hpp"
#include "ising/scan_config.hpp"
#include "bench_report.hpp"
#include "kernels/random.hpp"
#include "sampling/calibration.hpp"
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
namespace is = spikewafer::ising;

void say(const std::string& line) { std::cerr << "ising_throughput: " << line << std::endl; }

struct Options {
  int threads = 0;
  std::string backend = "cpu";
  bool quick = false;
  std::vector<uint32_t> sizes;
  std::vector<uint32_t> chains;
  std::vector<std::string> samplers{"glauber", "spiking"};
  uint32_t points = 8;  // temperatures around Tc
  double t_low = 1.8, t_high = 2.8;
  double target_s = 0.0;        // per mode; 0: 1.5 s (0.1 s with --quick)
  double max_cell_s = 20.0;     // estimated burn-in + three shortest modes above this: skipped
  double max_units = 4e6;       // L^2 x chains above this: skipped
  double calibration_ms = 0.0;  // 0: 2000 ms (300 ms with --quick)
  uint64_t seed = 1;
};

struct ModeResult {
  double wall_s = NAN;
};

struct CellResult {
  std::string status = "ok";
  double setup_s = NAN, burn_in_s = NAN, amount = NAN;
  uint64_t samples = 0;
  ModeResult advance, read, measure;
};

// The scan's measuring loop (scan_runner.cpp): states, then measure() of every chain into its
// series, in parallel for big batches. Series are cleared when full instead of growing without
// bound (a long benchmark would otherwise hold every sample of every chain).
struct Measurer {
  const is::Lattice& lattice;
  const std::vector<std::vector<double>>& fields;  // h_i per point
  uint32_t replicas;
  std::vector<is::ReplicaSeries> series;
  size_t capacity;

  Measurer(const is::Lattice& l, const std::vector<std::vector<double>>& f, uint32_t r,
           size_t chains, uint64_t samples)
      : lattice(l),
        fields(f),
        replicas(r),
        series(chains),
        capacity(static_cast<size_t>(std::min<uint64_t>(samples, 1u << 14))) {
    for (auto& s : series) s.reserve(capacity);
  }
  void operator()(const std::vector<uint8_t>& z) {
    const uint32_t n = lattice.spins;
    if (!series.empty() && series[0].size() >= capacity)
      for (auto& s : series) s = is::ReplicaSeries(), s.reserve(capacity);
    const int64_t chains = static_cast<int64_t>(series.size());
#pragma omp parallel for schedule(static) if (series.size() * n > (1u << 16))
    for (int64_t ch = 0; ch < chains; ++ch)
      series[ch].push_back(is::measure(lattice, fields[ch / replicas], &z[ch * uint64_t{n}]));
  }
};

CellResult time_cell(is::SamplerKind kind, const is::Lattice& lattice, const is::ScanConfig& config,
                     const is::SpikingCalibration* cal, sw::Backend backend, int threads,
                     const Options& o) {
  CellResult res;
  const uint32_t replicas = config.replicas;
  const std::vector<double> temps = config.first.values();
  std::vector<smp::ChainParams> chains;
  std::vector<std::vector<double>> fields;
  std::vector<uint8_t> z0;
  for (uint32_t p = 0; p < temps.size(); ++p) {
    for (uint32_t r = 0; r < replicas; ++r) {
      const uint32_t c = p * replicas + r;
      chains.push_back(is::chain_params_from_T_h(lattice, temps[p], 0.0,
                                                 sw::kernels::replica_seed(o.seed, 2 * c)));
      const auto s = is::initial_state(lattice, is::InitialPattern::kRandom, 2,
                                       sw::kernels::replica_seed(o.seed, 2 * c + 1));
      z0.insert(z0.end(), s.begin(), s.end());
    }
    fields.push_back(is::site_fields(lattice, chains.back()));
  }

  auto t0 = Clock::now();
  const std::unique_ptr<is::ChainSampler> sampler =
      is::make_chain_sampler(kind, lattice, chains, config, cal, threads, backend);
  sampler->set_states(z0);
  res.setup_s = seconds_since(t0);

  const double interval = sampler->sample_interval();
  const double burn_in = config.burn_in;
  const double min_amount = 10 * interval;
  // The fastest of up to three sample intervals (one stall on a busy machine should not skip a
  // cell) decides whether the cell fits in max_cell_s at all.
  double probe = INFINITY, probed = 0.0;  // wall s per sweep or ms; sweeps or ms probed
  const auto p0 = Clock::now();
  for (int k = 0; k < 3 && seconds_since(p0) < 0.1 * o.max_cell_s; ++k) {
    t0 = Clock::now();
    sampler->advance(interval);
    (void)sampler->states();
    probe = std::min(probe, seconds_since(t0) / interval);
    probed += interval;
  }
  const double estimate = probe * (burn_in + 3 * min_amount);
  if (estimate > o.max_cell_s) {
    res.status = "skipped: estimated " + num(estimate) + " s for burn-in + 3 x " + num(min_amount) +
                 " > " + num(o.max_cell_s) + " s limit";
    return res;
  }
  sampler->advance(burn_in - probed);
  res.burn_in_s = seconds_since(p0);

  // Pilot in the most expensive mode (measure) for about a tenth of the target.
  Measurer pilot_measure(lattice, fields, replicas, chains.size(), 1u << 10);
  t0 = Clock::now();
  uint64_t pilot = 0;
  do {
    sampler->advance(interval);
    pilot_measure(sampler->states());
    ++pilot;
  } while (seconds_since(t0) < 0.1 * o.target_s);
  const double per_unit = seconds_since(t0) / (pilot * interval);
  const double budget = (o.max_cell_s - res.setup_s - res.burn_in_s - seconds_since(t0)) / 3.0;
  const uint64_t samples = std::max<uint64_t>(
      static_cast<uint64_t>(min_amount / interval),
      static_cast<uint64_t>(
          std::llround(std::min(o.target_s, std::max(budget, 0.0)) / (per_unit * interval))));
  res.samples = samples;
  res.amount = samples * interval;

  t0 = Clock::now();
  sampler->advance(res.amount);
  res.advance.wall_s = seconds_since(t0);

  std::vector<uint8_t> z;
  t0 = Clock::now();
  for (uint64_t k = 0; k < samples; ++k) {
    sampler->advance(interval);
    z = sampler->states();
  }
  res.read.wall_s = seconds_since(t0);

  Measurer measure(lattice, fields, replicas, chains.size(), samples);
  t0 = Clock::now();
  for (uint64_t k = 0; k < samples; ++k) {
    sampler->advance(interval);
    z = sampler->states();
    measure(z);
  }
  res.measure.wall_s = seconds_since(t0);
  return res;
}

int run(const Options& opt) {
  Options o = opt;
  if (o.target_s <= 0) o.target_s = o.quick ? 0.1 : 1.5;
  if (o.calibration_ms <= 0) o.calibration_ms = o.quick ? 300.0 : 2000.0;
  if (o.sizes.empty())
    o.sizes = o.quick ? std::vector<uint32_t>{8, 16} : std::vector<uint32_t>{8, 16, 32, 64};
  if (o.chains.empty())
    o.chains = o.quick ? std::vector<uint32_t>{8, 64} : std::vector<uint32_t>{8, 64, 512, 4096};
  std::vector<is::SamplerKind> kinds;
  for (const std::string& s : o.samplers)
    kinds.push_back(s == "glauber" ? is::SamplerKind::kGlauber : is::SamplerKind::kSpiking);

  const sw::Backend backend = o.backend == "cuda" ? sw::Backend::kCuda : sw::Backend::kCpu;
  if (backend == sw::Backend::kCuda) {
    std::string why;
    if (!sw::cuda_usable(&why)) {
      std::cerr << "ising_throughput: --backend cuda: " << why << "\n";
      return 2;
    }
  }
  if (o.threads > 0) omp_set_num_threads(o.threads);
  const int threads = o.threads > 0 ? o.threads : omp_get_max_threads();

  is::ScanConfig config;  // the scan defaults: heat bath checkerboard, IF_cond_exp, 1 ms samples
  config.lattice.kind = is::LatticeKind::kSquare;
  config.first = is::Range{o.t_low, o.t_high, o.points};
  config.second = is::Range{0.0, 0.0, 1};
  config.seed = o.seed;
  config.spiking.calibration_duration = o.calibration_ms;

  std::cout << "# machine: " << cpu_model() << ", " << std::thread::hardware_concurrency()
            << " cores, threads " << threads << ", backend " << o.backend << ", date "
            << iso_date_utc() << std::endl;

  std::unique_ptr<is::SpikingCalibration> cal;
  double cal_s = NAN;
  if (std::find(kinds.begin(), kinds.end(), is::SamplerKind::kSpiking) != kinds.end()) {
    say("calibrating (" + num(o.calibration_ms) + " ms per bias value)");
    const auto c0 = Clock::now();
    smp::CalibrationSettings settings;
    settings.duration = o.calibration_ms;
    settings.seed = o.seed;
    cal = std::make_unique<is::SpikingCalibration>();
    cal->reference = smp::calibrate(is::scan_neuron(config.spiking), settings,
                                    sw::SimulatorOptions{backend, threads, {}, {}}, say);
    cal_s = seconds_since(c0);
  }

  std::cout << "# settings: 2D square lattice J = 1, periodic; " << o.points << " temperatures "
            << num(o.t_low) << ".." << num(o.t_high) << " (Tc = 2.269), h = 0, replicas = chains / "
            << o.points << "; random start; burn-in 10 sweeps (glauber, heat bath checkerboard)"
            << " or 100 ms (spiking, IF_cond_exp, dt " << num(config.spiking.dt)
            << " ms, renewing synapses, states every " << num(config.spiking.sample_interval)
            << " ms); calibration " << num(o.calibration_ms) << " ms per bias value";
  if (cal)
    std::cout << " (" << num(cal_s) << " s, u0 " << num(cal->reference.u0) << " mV, alpha " << num(cal->reference.alpha)
              << " mV)";
  std::cout << "; samplers from ising::make_chain_sampler (as ising-scan)"
            << "; target " << num(o.target_s) << " s per mode; skipped: L^2 x chains > "
            << num(o.max_units) << " or estimated > " << num(o.max_cell_s) << " s" << std::endl;
  std::cout << "# load average at start: " << load_average() << std::endl;
  std::cout << "sampler,L,spins,points,replicas_per_point,chains,mode,status,setup_s,burn_in_s,"
               "unit,amount_per_chain,samples_per_chain,wall_s,updates_per_s,samples_per_s,"
               "bio_ms_per_wall_s,bio_speedup,vs_brainscales,slowdown_vs_advance"
            << std::endl;

  for (is::SamplerKind kind : kinds) {
    const bool spiking = kind == is::SamplerKind::kSpiking;
    // 100 ms lets the spiking networks' activity settle from the random start; a heat-bath
    // sweep costs the same in any state, so Glauber needs only a short warm-up (and 100 sweeps
    // of the largest cells would take longer than their measurement).
    config.burn_in = spiking ? 100.0 : 10.0;
    for (uint32_t L : o.sizes) {
      is::LatticeSpec spec = config.lattice;
      spec.size = L;
      const is::Lattice lattice = is::make_lattice(spec);
      for (uint32_t n_chains : o.chains) {
        const std::string head = is::sampler_kind_name(kind) + ',' + std::to_string(L) + ',' +
                                 std::to_string(lattice.spins) + ',' + std::to_string(o.points) +
                                 ',';
        const double units = static_cast<double>(lattice.spins) * n_chains;
        if (n_chains % o.points != 0) {
          std::cout << head << ',' << n_chains << ",-,skipped: chains not a multiple of "
                    << o.points << " points" << std::string(12, ',') << std::endl;
          continue;
        }
        config.replicas = n_chains / o.points;
        const std::string head2 =
            head + std::to_string(config.replicas) + ',' + std::to_string(n_chains) + ',';
        if (units > o.max_units) {
          std::cout << head2 << "-,skipped: L^2 x chains = " << num(units) << " > "
                    << num(o.max_units) << std::string(12, ',') << std::endl;
          continue;
        }
        say(is::sampler_kind_name(kind) + " L = " + std::to_string(L) + ", " +
            std::to_string(n_chains) + " chains");
        const CellResult r = time_cell(kind, lattice, config, cal.get(), backend, threads, o);
        if (r.status != "ok") {
          std::cout << head2 << "-," << r.status << ',' << num(r.setup_s) << std::string(11, ',')
                    << std::endl;
          continue;
        }
        const double dt = spiking ? config.spiking.dt : 1.0;
        const double updates = units * (r.amount / dt);  // per mode
        const std::pair<const char*, const ModeResult*> modes[] = {
            {"advance", &r.advance}, {"read", &r.read}, {"measure", &r.measure}};
        for (const auto& [name, m] : modes) {
          const double bio_rate = spiking ? r.amount / m->wall_s : NAN;  // bio ms per wall s
          const double speedup = spiking ? n_chains * bio_rate * 1e-3 : NAN;
          std::cout << head2 << name << ",ok," << num(r.setup_s) << ',' << num(r.burn_in_s) << ','
                    << (spiking ? "ms" : "sweeps") << ',' << num(r.amount) << ','
                    << (std::string(name) == "advance" ? "" : std::to_string(r.samples)) << ','
                    << num(m->wall_s) << ',' << num(updates / m->wall_s) << ','
                    << num(std::string(name) == "advance" ? NAN : n_chains * r.samples / m->wall_s)
                    << ',' << num(bio_rate) << ',' << num(speedup) << ',' << num(speedup / 1e4)
                    << ',' << num(m->wall_s / r.advance.wall_s) << std::endl;
        }
      }
    }
  }
  std::cout << "# load average at end: " << load_average() << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Ising throughput: Glauber and spiking samplers on the 2D square lattice"};
  Options o;
  app.add_option("--threads", o.threads, "CPU threads (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--backend", o.backend, "cpu or cuda")->check(CLI::IsMember({"cpu", "cuda"}));
  app.add_flag("--quick", o.quick, "Small subset with short times (smoke test)");
  app.add_option("--sizes", o.sizes, "Override the lattice sizes L");
  app.add_option("--chains", o.chains, "Override the chain counts (multiples of --points)");
  app.add_option("--samplers", o.samplers, "glauber and/or spiking")
      ->check(CLI::IsMember({"glauber", "spiking"}));
  app.add_option("--points", o.points, "Temperatures in the grid (default 8)")
      ->check(CLI::PositiveNumber);
  app.add_option("--target-s", o.target_s, "Wall time of each mode (default 1.5, quick 0.1)");
  app.add_option("--max-cell-s", o.max_cell_s, "Skip cells estimated to take longer (default 20)");
  app.add_option("--max-units", o.max_units,
                 "Skip cells with L^2 x chains above this (default 4e6)");
  app.add_option("--calibration-ms", o.calibration_ms,
                 "Calibration ms per bias value (default 2000, quick 300)");
  app.add_option("--seed", o.seed, "Seed of the chains and initial states");
  CLI11_PARSE(app, argc, argv);
  try {
    return run(o);
  } catch (const std::exception& e) {
    std::cerr << "ising_throughput: " << e.what() << "\n";
    return 1;
  }
}
