#include "ising/scan_runner.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "engine/host_model.hpp"
#include "ising/chain_sampler.hpp"
#include "ising/sublattice_gauge.hpp"
#include "kernels/random.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

using Clock = std::chrono::steady_clock;

// Seeds depend only on (scan seed, sampler, L, point, replica), never on how points were batched,
// so a resumed scan reproduces an uninterrupted one.
uint64_t chain_seed(const ScanRun& run, uint32_t point, uint32_t replica, uint32_t stream) {
  const uint64_t scan = kernels::replica_seed(run.config.seed, run.L * 4 + stream);
  const uint64_t kind = kernels::replica_seed(scan, static_cast<uint32_t>(run.sampler));
  return kernels::replica_seed(kind, point * run.config.replicas + replica);
}

// A chain at a grid point, on the axes the scan was given in.
sampling::ChainParams params_at(const ScanConfig& c, const Lattice& lattice, const GridPoint& g,
                                uint64_t seed) {
  return c.axes == Axes::kTemperatureField ? chain_params_from_T_h(lattice, g.T, g.h, seed)
                                           : chain_params_from_W_bf(lattice, g.W, g.b_f, seed);
}


std::vector<uint8_t> initial_states(const ScanRun& run, const Lattice& lattice,
                                    const std::vector<uint32_t>& points,
                                    const std::vector<uint8_t>& previous_row) {
  const ScanConfig& c = run.config;
  std::vector<uint8_t> z;
  for (uint32_t p : points)
    for (uint32_t r = 0; r < c.replicas; ++r) {
      InitialPattern pattern = c.initial;
      if (pattern == InitialPattern::kPrevious) {
        const size_t at = (size_t{p % c.second.num} * c.replicas + r) * lattice.spins;
        if (previous_row.size() >= at + lattice.spins) {
          z.insert(z.end(), previous_row.begin() + at, previous_row.begin() + at + lattice.spins);
          continue;
        }
        pattern = InitialPattern::kRandom;  // the first row has no previous point
      }
      const auto s = initial_state(lattice, pattern, c.stripe_width, chain_seed(run, p, r, 1));
      z.insert(z.end(), s.begin(), s.end());
    }
  return z;
}

std::string percent(double fraction) {
  return std::to_string(static_cast<int>(std::lround(100.0 * fraction))) + "%";
}

FinishedBatch run_batch(const ScanRun& run, const Lattice& lattice,
                        const std::vector<uint32_t>& points,
                        const std::vector<uint8_t>& previous_row, const std::string& label) {
  const ScanConfig& c = run.config;
  const uint32_t n = lattice.spins, replicas = c.replicas;
  std::vector<sampling::ChainParams> chains;
  const std::vector<GridPoint> grid = scan_grid(c, lattice);
  std::vector<std::vector<double>> fields;  // h_i per point
  for (uint32_t p : points) {
    for (uint32_t r = 0; r < replicas; ++r)
      chains.push_back(params_at(c, lattice, grid[p], chain_seed(run, p, r, 0)));
    fields.push_back(site_fields(lattice, chains.back()));
  }
  auto sampler = make_chain_sampler(run.sampler, lattice, chains, c, run.calibration, run.threads);
  if (run.say && run.sampler == SamplerKind::kSpiking && c.spiking.gauge == Gauge::kSublattice &&
      (c.spiking.temperature == TemperatureMode::kNoise || !sublattice_gauge(lattice)))
    run.say(label + ": no sublattice gauge here (" +
            (c.spiking.temperature == TemperatureMode::kNoise
                 ? std::string("temperature = \"noise\"")
                 : std::string("the lattice has no two sublattices with equal biases")) +
            "); the network runs the spins as they are");
  sampler->set_states(initial_states(run, lattice, points, previous_row));
  std::vector<PointCorrection> corrections;
  if (run.sampler == SamplerKind::kSpiking && c.spiking.translation == Translation::kCorrected) {
    if (run.say) run.say(label + ": correcting the translation");
    // Each point's neighbours along the first axis (index -+ second.num), where in this batch.
    std::vector<std::array<int32_t, 2>> neighbours(points.size(), {-1, -1});
    for (size_t k = 0; k < points.size(); ++k)
      for (size_t j = 0; j < points.size(); ++j) {
        if (points[j] + c.second.num == points[k]) neighbours[k][0] = static_cast<int32_t>(j);
        if (points[k] + c.second.num == points[j]) neighbours[k][1] = static_cast<int32_t>(j);
      }
    const CorrectionSettings settings =
        correction_settings(c.spiking.correction_rounds, c.spiking.correction_window);
    corrections = correct_translation(*sampler, lattice, chains, replicas, settings, neighbours);
    sampler->advance(burn_in_after_correction(c.burn_in, settings));
  } else {
    sampler->advance(c.burn_in);
  }

  const double interval = sampler->sample_interval();
  const uint64_t samples = std::max<uint64_t>(1, std::llround(c.measure / interval));
  std::vector<ReplicaSeries> series(chains.size());
  for (auto& s : series) s.reserve(samples);
  auto last_report = Clock::now();
  std::vector<uint8_t> z;
  for (uint64_t k = 0; k < samples; ++k) {
    sampler->advance(interval);
    z = sampler->states();
#pragma omp parallel for schedule(static) if (chains.size() * n > (1u << 16))
    for (int64_t ch = 0; ch < static_cast<int64_t>(chains.size()); ++ch)
      series[ch].push_back(measure(lattice, fields[ch / replicas], &z[ch * uint64_t{n}]));
    if (run.say && Clock::now() - last_report > std::chrono::seconds(10)) {
      last_report = Clock::now();
      run.say(label + ": measuring, " + percent(static_cast<double>(k + 1) / samples));
    }
  }

  FinishedBatch done;
  for (size_t i = 0; i < points.size(); ++i) {
    PointResult result;
    result.sampler = run.sampler;
    result.label = run.label;
    result.L = run.L;
    result.point = points[i];
    const sampling::ChainParams& params = chains[i * replicas];
    result.grid = grid[points[i]];
    const std::vector<ReplicaSeries> of_point(series.begin() + i * replicas,
                                              series.begin() + (i + 1) * replicas);
    result.stats = point_stats(of_point, n, temperature(params));
    result.stats.tau_int *= interval;
    result.stats.tau_int_err *= interval;
    result.configuration.assign(z.begin() + i * replicas * uint64_t{n},
                                z.begin() + (i * replicas + 1) * uint64_t{n});
    if (!corrections.empty()) result.correction = corrections[i];
    done.points.push_back(std::move(result));
  }
  done.final_states = std::move(z);
  return done;
}

}  // namespace

Lattice scan_lattice(const ScanConfig& config, uint32_t L) {
  LatticeSpec spec = config.lattice;
  spec.size = L;
  return make_lattice(spec);
}

std::vector<GridPoint> scan_grid(const ScanConfig& c, const Lattice& lattice) {
  std::vector<GridPoint> grid;
  for (double x : c.first.values())
    for (double y : c.second.values())
      grid.push_back(c.axes == Axes::kTemperatureField ? grid_point_from_T_h(lattice, x, y)
                                                       : grid_point_from_W_bf(lattice, x, y));
  return grid;
}

// The most points one batch holds: about batch_units chains x spins, at least one point.
uint64_t points_per_batch(const ScanConfig& c, uint32_t spins) {
  return std::max<uint64_t>(1, c.batch_units / (uint64_t{c.replicas} * spins));
}

void refuse_scans_that_do_not_fit(const ScanConfig& c) {
  const uint64_t points = uint64_t{c.first.num} * c.second.num;
  for (uint32_t L : c.sizes) {
    const uint32_t spins = scan_lattice(c, L).spins;
    const uint64_t batch = std::min(points, points_per_batch(c, spins));
    const double chains = static_cast<double>(batch) * c.replicas;
    for (SamplerKind kind : c.samplers) {
      const double interval = kind == SamplerKind::kGlauber ? 1.0 : c.spiking.sample_interval;
      // Per chain its parameters, two copies of its states and its series of samples (kept
      // whole: tau_int needs their order); per point the fields of its spins.
      const double bytes =
          chains * (sizeof(sampling::ChainParams) + 2.0 * spins +
                    c.measure / interval * sizeof(Sample)) +
          static_cast<double>(batch) * spins * sizeof(double);
      char what[200];
      std::snprintf(what, sizeof what, "%s at L = %u: batches of %llu points x %u replicas",
                    sampler_kind_name(kind).c_str(), L, static_cast<unsigned long long>(batch),
                    c.replicas);
      refuse_unless_it_fits(bytes, what,
                            "lower scan.replicas or scan.measure, or scan.batch_units where a "
                            "batch holds more than one point");
    }
  }
}

// Why columns: a corrected point shares its correction with its neighbours along the first
// axis, which must then be in its batch (with rows, a batch's edge fell between T = 2.3 and 2.4
// at L = 16, each point there kept one neighbour, and the mean of two is off by half a grid
// step's change, which moved |m| near Tc by 0.05).
std::vector<std::vector<uint32_t>> scan_batches(const ScanRun& run, uint32_t spins) {
  const ScanConfig& c = run.config;
  const uint32_t rows = c.first.num, columns = c.second.num;
  std::vector<std::vector<uint32_t>> out;
  if (c.initial == InitialPattern::kPrevious) {
    for (uint32_t p = 0; p < rows * columns; ++p) {
      if (run.finished.count(p)) continue;
      if (out.empty() || out.back().front() / columns != p / columns) out.emplace_back();
      out.back().push_back(p);
    }
    return out;
  }
  const uint64_t most = points_per_batch(c, spins);
  for (uint32_t column = 0; column < columns; ++column) {
    std::vector<uint32_t> todo;
    for (uint32_t row = 0; row < rows; ++row)
      if (!run.finished.count(row * columns + column)) todo.push_back(row * columns + column);
    if (todo.empty()) continue;
    if (!out.empty() && out.back().size() + todo.size() <= most) {
      out.back().insert(out.back().end(), todo.begin(), todo.end());
      continue;
    }
    const uint64_t parts = (todo.size() + most - 1) / most;
    const uint64_t each = (todo.size() + parts - 1) / parts;
    for (size_t k = 0; k < todo.size(); ++k) {
      if (k % each == 0) out.emplace_back();
      out.back().push_back(todo[k]);
    }
  }
  return out;
}

void run_scan(const ScanRun& run) {
  const Lattice lattice = scan_lattice(run.config, run.L);
  const auto planned = scan_batches(run, lattice.spins);
  const uint32_t total = run.config.first.num * run.config.second.num;
  uint32_t done = static_cast<uint32_t>(run.finished.size());
  std::vector<uint8_t> previous_row = run.previous_row;
  const std::string name = run.label + " L=" + std::to_string(run.L);
  const auto start = Clock::now();
  for (size_t b = 0; b < planned.size(); ++b) {
    const std::string label = name + " batch " + std::to_string(b + 1) + "/" +
                              std::to_string(planned.size()) + " (" +
                              std::to_string(planned[b].size()) + " points x " +
                              std::to_string(run.config.replicas) + " replicas)";
    if (run.say) run.say(label + ": burn-in and measurement");
    FinishedBatch finished = run_batch(run, lattice, planned[b], previous_row, label);
    done += static_cast<uint32_t>(planned[b].size());
    if (run.config.initial == InitialPattern::kPrevious) previous_row = finished.final_states;
    if (run.on_batch) run.on_batch(finished);
    if (run.say) {
      const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
      run.say(name + ": " + std::to_string(done) + " of " + std::to_string(total) +
              " points done, " + std::to_string(static_cast<int>(elapsed)) + " s");
    }
  }
}

}  // namespace spikewafer::ising
