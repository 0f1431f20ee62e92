// Reading back the scan.csv that `spikewafer ising-scan` writes (host/ising/scan_table.cpp), for
// analyses that run after a scan, such as the Curie fit. One row per grid point of one sampler
// and one lattice size.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace spikewafer::ising {

struct ScanRow {
  std::string sampler;
  uint32_t L = 0;
  uint32_t point = 0;
  double T = 0, h = 0, W = 0, b_f = 0;
  double m = 0, m_err = 0, abs_m = 0, abs_m_err = 0, chi = 0, chi_err = 0;
  double energy = 0, energy_err = 0, heat_capacity = 0, heat_capacity_err = 0;
  double binder = 0, binder_err = 0, tau_int = 0, tau_int_err = 0;
  uint32_t replicas = 0;
  uint64_t samples = 0;
};

// The header line scan_table.cpp writes; read_scan_csv accepts exactly this one.
extern const char* const kScanCsvHeader;

// Throws input_error naming the file (and the line, 1-based, for a bad row): a missing or
// unreadable file, a header other than kScanCsvHeader, a row with the wrong number of fields or a
// field that is not a number ("nan" is accepted: the tables write it for undefined errors).
// Blank lines and a trailing carriage return (a file saved on Windows) are tolerated.
std::vector<ScanRow> read_scan_csv(const std::string& path);
std::vector<ScanRow> parse_scan_csv(const std::string& text, const std::string& source);

}  // namespace spikewafer::ising
