#include "ising/scan_driver.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>

#include "io/atomic_file.hpp"
#include "ising/chain_sampler.hpp"
#include "ising/scan_runner.hpp"
#include "ising/scan_table.hpp"

namespace spikewafer::ising {
void scan_to_directory(const ScanConfig& config, const ScanOptions& options) {
  for (uint32_t L : config.sizes) scan_lattice(config, L);  // bad sizes fail before any work
  ScanTables tables(options.dir, config, options.resume);
  if (options.say)
    options.say(std::string(options.resume ? "resuming" : "starting") + " scan " + config.source +
                " into " + options.dir + " (" +
                std::to_string(config.first.num * config.second.num) + " grid points x " +
                std::to_string(config.replicas) + " replicas per lattice size)");
  nlohmann::ordered_json summary;
  summary["scan"] = config.source;
  const uint32_t row_size = config.second.num;
  const bool previous = config.initial == InitialPattern::kPrevious;
  for (SamplerKind kind : config.samplers) {
    const uint32_t points = config.first.num * config.second.num;
    bool work_left = false;
    for (uint32_t L : config.sizes) work_left = work_left || tables.finished(kind, L).size() < points;
    if (!work_left) continue;  // a finished sampler needs no calibration either
    std::unique_ptr<sampling::Calibration> calibration;
    if (kind == SamplerKind::kSpiking)
      calibration = std::make_unique<sampling::Calibration>(calibrate_spiking(
          config.spiking, config.seed, options.dir, options.threads, options.say));
    const auto start = std::chrono::steady_clock::now();
    for (uint32_t L : config.sizes) {
      const uint32_t dims = scan_lattice(config, L).dims;
      ScanRun run{config, kind, L, calibration.get(), options.threads,
                  tables.finished(kind, L), {}, {}, options.say};
      if (previous && !run.finished.empty())
        run.previous_row =
            tables.previous_row(kind, L, static_cast<uint32_t>(run.finished.size()) / row_size - 1);
      run.on_batch = [&](const FinishedBatch& batch) {
        if (previous)
          tables.save_previous_row(kind, L, batch.points.front().point / row_size,
                                   batch.final_states);
        tables.append(batch, dims);
        if (options.after_batch) options.after_batch();
      };
      run_scan(run);
    }
    summary[sampler_kind_name(kind) + "_wall_s"] =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  write_file_atomically(options.dir + "/scan.json", summary.dump(2) + "\n");
}

}  // namespace spikewafer::ising
