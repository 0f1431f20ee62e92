// Runs the grid of one scan for one sampler and one lattice size: grid points and their
// replicas become chains of batched runs, each batch is burnt in and measured, and its points'
// statistics are handed on as soon as the batch finishes (so that they can be written at once).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ising/ising_map.hpp"
#include "ising/lattice.hpp"
#include "ising/observables.hpp"
#include "ising/scan_config.hpp"
#include "ising/chain_sampler.hpp"
#include "ising/translation_correction.hpp"

namespace spikewafer::ising {

struct PointResult {
  SamplerKind sampler = SamplerKind::kGlauber;
  std::string label;   // the sampler as the tables name it (scan_variants.hpp)
  uint32_t L = 0;
  uint32_t point = 0;  // index into the grid: first-axis index * second.num + second-axis index
  GridPoint grid;
  PointStats stats;                    // tau_int in sweeps (Glauber) or ms (spiking)
  std::vector<uint8_t> configuration;  // final z of replica 0, lattice order
  std::optional<PointCorrection> correction;  // spiking with translation = "corrected"
};

struct FinishedBatch {
  std::vector<PointResult> points;
  // Final z of every chain of the batch (point-major, then replica), for "previous" starts.
  std::vector<uint8_t> final_states;
};

struct ScanRun {
  const ScanConfig& config;
  SamplerKind sampler;
  std::string label;  // the sampler as the tables name it (scan_variants.hpp)
  uint32_t L;
  const SpikingCalibration* calibration = nullptr;  // spiking only
  int threads = 0;
  std::set<uint32_t> finished;  // points done in an earlier run (--resume)
  // For initial = "previous" after a resume: the final states of the last finished row.
  std::vector<uint8_t> previous_row;
  std::function<void(const FinishedBatch&)> on_batch;
  std::function<void(const std::string&)> say;  // progress lines
};

void run_scan(const ScanRun& run);

// Refuses (a resource error, exit 3) a scan whose largest batch does not fit in free memory,
// before anything is allocated or written: 2^32 replicas ended in std::bad_alloc with the tables
// half made.
void refuse_scans_that_do_not_fit(const ScanConfig& config);

// The batches run_scan runs, as grid point indices (the points not finished yet). For
// "previous" starts, whole rows of the first axis; otherwise whole columns along the first axis
// (every T at one h), as many as fit in about batch_units chains x spins, a longer column cut
// into equal parts, so that a corrected point's neighbours along T share its batch.
std::vector<std::vector<uint32_t>> scan_batches(const ScanRun& run, uint32_t spins);

// The lattice a scan uses at size L, and its grid points in index order.
Lattice scan_lattice(const ScanConfig& config, uint32_t L);
std::vector<GridPoint> scan_grid(const ScanConfig& config, const Lattice& lattice);

}  // namespace spikewafer::ising
