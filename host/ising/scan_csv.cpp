#include "ising/scan_csv.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "spikewafer/error.hpp"

namespace spikewafer::ising {

const char* const kScanCsvHeader =
    "sampler,L,point,T,h,W,b_f,m,m_err,abs_m,abs_m_err,chi,chi_err,energy,energy_err,"
    "heat_capacity,heat_capacity_err,binder,binder_err,tau_int,tau_int_err,replicas,samples";

namespace {

constexpr size_t kFields = 23;

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> fields;
  size_t start = 0;
  for (size_t end; (end = line.find(',', start)) != std::string::npos; start = end + 1)
    fields.push_back(line.substr(start, end - start));
  fields.push_back(line.substr(start));
  return fields;
}

// One row being read: every failure names the file, the line and the column's name.
class RowReader {
 public:
  RowReader(const std::string& source, size_t line_number, const std::string& line)
      : source_(source), line_number_(line_number), fields_(split(line)) {
    if (fields_.size() != kFields)
      fail("expected " + std::to_string(kFields) + " comma-separated fields, got " +
           std::to_string(fields_.size()) + "; a scan.csv row has one field per header column");
  }

  const std::string& text(size_t column) const { return fields_[column]; }

  // strtod accepts "nan", "-nan" and "inf", which %g writes for undefined values.
  double number(size_t column) const {
    const std::string& field = fields_[column];
    char* end = nullptr;
    errno = 0;
    const double x = std::strtod(field.c_str(), &end);
    if (field.empty() || *end != '\0' || errno == ERANGE) bad(column, "a number");
    return x;
  }

  uint64_t integer(size_t column) const {
    const std::string& field = fields_[column];
    char* end = nullptr;
    errno = 0;
    const unsigned long long x = std::strtoull(field.c_str(), &end, 10);
    if (field.empty() || field[0] == '-' || *end != '\0' || errno == ERANGE)
      bad(column, "a whole number >= 0");
    return x;
  }

  uint32_t integer32(size_t column) const {
    const uint64_t x = integer(column);
    if (x > UINT32_MAX) bad(column, "a whole number below 2^32");
    return static_cast<uint32_t>(x);
  }

 private:
  [[noreturn]] void fail(const std::string& problem) const {
    throw input_error(source_ + ":" + std::to_string(line_number_) + ": " + problem);
  }
  [[noreturn]] void bad(size_t column, const std::string& expected) const {
    const std::vector<std::string> names = split(kScanCsvHeader);
    fail("column " + names[column] + ": '" + fields_[column] + "' is not " + expected +
         "; fix or remove this row");
  }

  const std::string& source_;
  size_t line_number_;
  std::vector<std::string> fields_;
};

ScanRow parse_row(const RowReader& r) {
  ScanRow row;
  row.sampler = r.text(0);
  row.L = r.integer32(1);
  row.point = r.integer32(2);
  // Columns 3 (T) to 20 (tau_int_err), in header order (unformatted: one a line hides that).
  // clang-format off
  double* numbers[] = {&row.T, &row.h, &row.W, &row.b_f, &row.m, &row.m_err, &row.abs_m,
                       &row.abs_m_err, &row.chi, &row.chi_err, &row.energy, &row.energy_err,
                       &row.heat_capacity, &row.heat_capacity_err, &row.binder, &row.binder_err,
                       &row.tau_int, &row.tau_int_err};
  // clang-format on
  for (size_t k = 0; k < sizeof numbers / sizeof numbers[0]; ++k) *numbers[k] = r.number(3 + k);
  row.replicas = r.integer32(21);
  row.samples = r.integer(22);
  return row;
}

}  // namespace

std::vector<ScanRow> parse_scan_csv(const std::string& text, const std::string& source) {
  std::vector<ScanRow> rows;
  std::istringstream in(text);
  std::string line;
  size_t number = 0;
  bool header = false;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (!header) {
      if (line != kScanCsvHeader)
        throw input_error(source + ":" + std::to_string(number) +
                          ": not the header of a scan table; expected '" + kScanCsvHeader +
                          "' (the scan.csv that `spikewafer ising-scan` writes)");
      header = true;
      continue;
    }
    rows.push_back(parse_row(RowReader(source, number, line)));
  }
  if (!header)
    throw input_error(source + ": empty file; expected a scan table with the header '" +
                      std::string(kScanCsvHeader) + "'");
  return rows;
}

std::vector<ScanRow> read_scan_csv(const std::string& path) {
  if (std::filesystem::is_directory(path))
    throw input_error("'" + path + "' is a folder; give the scan.csv inside it");
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw input_error("cannot read scan table '" + path + "': " + std::strerror(errno) +
                      "; give the scan.csv of a `spikewafer ising-scan` output folder");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_scan_csv(text.str(), path);
}

}  // namespace spikewafer::ising
