#include "ising/scan_driver.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

#include "io/atomic_file.hpp"
#include "ising/chain_sampler.hpp"
#include "ising/scan_runner.hpp"
#include "ising/scan_table.hpp"
#include "ising/scan_variants.hpp"

namespace spikewafer::ising {
namespace {

// The lowest T of the grid over every lattice size (T = 4 J / W on the (W, b_f) axes).
double coldest_temperature(const ScanConfig& config) {
  double coldest = INFINITY;
  for (uint32_t L : config.sizes)
    for (const GridPoint& p : scan_grid(config, scan_lattice(config, L)))
      coldest = std::min(coldest, p.T);
  return coldest;
}

// Where a spiking variant's calibration goes: the output folder itself without a comparison,
// else a folder per variant.
std::string calibration_dir(const std::string& dir, const ScanVariant& variant) {
  if (variant.label == sampler_kind_name(SamplerKind::kSpiking)) return dir;
  const std::string sub = dir + "/calibration_" + label_file_name(variant.label);
  create_output_directory(sub);
  return sub;
}

}  // namespace

void scan_to_directory(const ScanConfig& config, const ScanOptions& options) {
  for (uint32_t L : config.sizes) scan_lattice(config, L);  // bad sizes fail before any work
  refuse_scans_that_do_not_fit(config);
  ScanTables tables(options.dir, config, options.resume);
  const uint32_t points = config.first.num * config.second.num;
  if (options.say)
    options.say(std::string(options.resume ? "resuming" : "starting") + " scan " + config.source +
                " into " + options.dir + " (" + std::to_string(points) + " grid points x " +
                std::to_string(config.replicas) + " replicas per lattice size)");
  nlohmann::ordered_json summary;
  summary["scan"] = config.source;
  const uint32_t row_size = config.second.num;
  const double coldest = coldest_temperature(config);
  for (SamplerKind kind : config.samplers)
    for (const ScanVariant& variant : scan_variants(config, kind)) {
      const ScanConfig& c = variant.config;
      const std::string& label = variant.label;
      bool work_left = false;
      for (uint32_t L : c.sizes) work_left = work_left || tables.finished(label, L).size() < points;
      if (!work_left) continue;  // a finished variant needs no calibration either
      std::unique_ptr<SpikingCalibration> calibration;
      if (kind == SamplerKind::kSpiking)
        calibration = std::make_unique<SpikingCalibration>(
            calibrate_spiking(c.spiking, c.seed, coldest, calibration_dir(options.dir, variant),
                              options.threads, options.say));
      const bool previous = c.initial == InitialPattern::kPrevious;
      const auto start = std::chrono::steady_clock::now();
      for (uint32_t L : c.sizes) {
        const uint32_t dims = scan_lattice(c, L).dims;
        ScanRun run{c, kind, label, L, calibration.get(), options.threads,
                    tables.finished(label, L), {}, {}, options.say};
        if (previous && !run.finished.empty())
          run.previous_row = tables.previous_row(
              label, L, static_cast<uint32_t>(run.finished.size()) / row_size - 1);
        run.on_batch = [&](const FinishedBatch& batch) {
          if (previous)
            tables.save_previous_row(label, L, batch.points.front().point / row_size,
                                     batch.final_states);
          tables.append(batch, dims);
          if (options.after_batch) options.after_batch();
        };
        run_scan(run);
        if (previous) tables.remove_previous_rows(label, L);
      }
      summary[label + "_wall_s"] =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
  write_file_atomically(options.dir + "/scan.json", summary.dump(2) + "\n");
}

}  // namespace spikewafer::ising
