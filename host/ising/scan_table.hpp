// The files of a scan's output folder that grow as batches finish, and what --resume reads back:
//   scan.csv            one row per finished grid point (the record of what is done)
//   configurations.csv  the final spin configuration of replica 0 of each point
//   translation.csv     the closed-loop correction of each spiking point (translation.hpp)
//   scan_settings.txt   the settings the rows were made with; a resume must match them
//   .previous_<sampler>_L<L>_row<k>.bin  final states of row k, for initial = "previous"
// A row is appended (and flushed to disk) only when its batch is complete, configurations
// before scan.csv, so an interruption loses at most the batch that was running.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "ising/scan_config.hpp"
#include "ising/scan_runner.hpp"
#include "io/output_lock.hpp"

namespace spikewafer::ising {

// Every setting that changes the numbers of a row, one "key = value" per line.
std::string describe_settings(const ScanConfig& config);

class ScanTables {
 public:
  // Fresh (resume = false): fails if DIR/scan.csv has rows, naming --resume; a table without
  // rows is started over (also on --resume). Resume: checks the
  // settings, drops a torn last line and configuration rows of points not in scan.csv.
  ScanTables(const std::string& dir, const ScanConfig& config, bool resume);

  // `label`: the sampler as the tables name it (scan_variants.hpp).
  std::set<uint32_t> finished(const std::string& label, uint32_t L) const;
  void append(const FinishedBatch& batch, uint32_t dims);

  // Final states of row `row` of the first axis (initial = "previous"); empty if not saved.
  std::vector<uint8_t> previous_row(const std::string& label, uint32_t L, uint32_t row) const;
  // Removes the saved rows of (label, L) once its scan is finished: a finished scan leaves no
  // hidden files behind.
  void remove_previous_rows(const std::string& label, uint32_t L) const;
  void save_previous_row(const std::string& label, uint32_t L, uint32_t row,
                         const std::vector<uint8_t>& z) const;

  std::string scan_csv() const { return dir_ + "/scan.csv"; }
  std::string translation_csv() const { return dir_ + "/translation.csv"; }

 private:
  OutputLock lock_;  // first: no other scan writes into the folder while this one reads it
  std::string dir_;
  std::set<std::string> finished_;  // "sampler,L,point"
};

}  // namespace spikewafer::ising
