// A whole Ising scan into an output folder: every sampler and lattice size of the config, the
// spiking sampler's calibration, the tables written batch by batch (scan_table.hpp), resume.
#pragma once

#include <functional>
#include <string>

#include "ising/scan_config.hpp"

namespace spikewafer::ising {

struct ScanOptions {
  std::string dir;
  bool resume = false;
  int threads = 0;
  std::function<void(const std::string&)> say;  // progress lines (may be empty)
  // Called after each batch is on disk; a test throws here to simulate an interruption.
  std::function<void()> after_batch;
};

void scan_to_directory(const ScanConfig& config, const ScanOptions& options);

}  // namespace spikewafer::ising
