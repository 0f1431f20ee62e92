#include "ising/scan_table.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/atomic_file.hpp"
#include "io/number_text.hpp"
#include "ising/config_sections.hpp"
#include "ising/scan_variants.hpp"
#include "ising/translation_correction.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

namespace fs = std::filesystem;

const char* const kScanHeader =
    "sampler,L,point,T,h,W,b_f,m,m_err,abs_m,abs_m_err,chi,chi_err,energy,energy_err,"
    "heat_capacity,heat_capacity_err,binder,binder_err,tau_int,tau_int_err,replicas,samples";
const char* const kConfigurationHeader = "sampler,L,point,T,h,W,b_f,dims,state";
const char* const kTranslationHeader =
    "sampler,L,point,T,h,W,b_f,weight_factor,bias_offset,residual_weight,residual_bias";

std::string key(const std::string& sampler, uint32_t L, uint32_t point) {
  return sampler + "," + std::to_string(L) + "," + std::to_string(point);
}

std::string point_prefix(const PointResult& r) {
  const GridPoint& g = r.grid;
  return key(r.label, r.L, r.point) + "," + table_number(g.T) + "," + table_number(g.h) + "," +
         table_number(g.W) + "," + table_number(g.b_f);
}

std::string scan_row(const PointResult& r) {
  const PointStats& s = r.stats;
  std::string row = point_prefix(r);
  for (double x : {s.m, s.m_err, s.abs_m, s.abs_m_err, s.chi, s.chi_err, s.energy, s.energy_err,
                   s.heat_capacity, s.heat_capacity_err, s.binder, s.binder_err, s.tau_int,
                   s.tau_int_err})
    row += "," + table_number(x);
  return row + "," + std::to_string(s.replicas) + "," + std::to_string(s.samples) + "\n";
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    lines.push_back(text.substr(start, end - start));
  return lines;  // a torn last line (no newline) is left out
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

// The first three fields of a row: "sampler,L,point".
std::string row_key(const std::string& line) {
  size_t at = 0;
  for (int comma = 0; comma < 3 && at != std::string::npos; ++comma) at = line.find(',', at + 1);
  return line.substr(0, at);
}

std::string previous_path(const std::string& dir, const std::string& label, uint32_t L,
                          uint32_t row) {
  return dir + "/.previous_" + label_file_name(label) + "_L" + std::to_string(L) + "_row" +
         std::to_string(row) + ".bin";
}

}  // namespace

std::string describe_settings(const ScanConfig& c) {
  std::ostringstream s;
  s << "lattice.kind = " << lattice_kind_name(c.lattice.kind) << "\n"
    << "lattice.J = " << table_number(c.lattice.J) << "\n"
    << "lattice.couplings = " << couplings_name(c.lattice.couplings) << "\n"
    << "lattice.disorder_seed = " << c.lattice.disorder_seed << "\n"
    << "scan.axes = " << (c.axes == Axes::kTemperatureField ? "T,h" : "W,b_f") << "\n"
    << "scan.first = " << table_number(c.first.from) << " " << table_number(c.first.to) << " "
    << c.first.num << "\n"
    << "scan.second = " << table_number(c.second.from) << " " << table_number(c.second.to) << " "
    << c.second.num << "\n"
    << "scan.replicas = " << c.replicas << "\n"
    << "scan.burn_in = " << table_number(c.burn_in) << "\n"
    << "scan.measure = " << table_number(c.measure) << "\n"
    << "scan.initial = " << initial_pattern_name(c.initial) << "\n"
    << "scan.stripe_width = " << c.stripe_width << "\n"
    << "sampler.seed = " << c.seed << "\n"
    << "glauber.rule = " << static_cast<int>(c.glauber.rule) << "\n"
    << "glauber.order = " << static_cast<int>(c.glauber.order) << "\n"
    << "spiking.model = " << model_name(c.spiking.model) << "\n"
    << "spiking.synapse = "
    << (c.spiking.dynamics == SynapseDynamics::kRenewing ? "renewing" : "additive") << "\n"
    << "spiking.tau_syn_ratio = " << table_number(c.spiking.tau_syn_ratio) << "\n"
    << "spiking.dt = " << table_number(c.spiking.dt) << "\n"
    << "spiking.sample_interval = " << table_number(c.spiking.sample_interval) << "\n"
    << "spiking.calibration_duration = " << table_number(c.spiking.calibration_duration) << "\n"
    << "spiking.temperature = "
    << (c.spiking.temperature == TemperatureMode::kNoise ? "noise" : "scale") << "\n"
    << "spiking.noise_max_factor = " << table_number(c.spiking.noise_max_factor) << "\n"
    << "spiking.translation = " << translation_name(c.spiking.translation) << "\n"
    << "spiking.gauge = " << gauge_name(c.spiking.gauge) << "\n";
  if (c.spiking.translation == Translation::kCorrected) {
    // The loop's fixed settings too, so that a scan begun by a version with other ones is not
    // resumed by this one (its rows would mix two loops).
    const CorrectionSettings loop =
        correction_settings(c.spiking.correction_rounds, c.spiking.correction_window);
    s << "spiking.correction_rounds = " << c.spiking.correction_rounds << "\n"
      << "spiking.correction_window = " << table_number(c.spiking.correction_window) << "\n"
      << "spiking.correction_sweeps = " << loop.sweeps << "\n"
      << "spiking.burn_in_after_correction = "
      << table_number(burn_in_after_correction(c.burn_in, loop)) << "\n";
  }
  for (SamplerKind kind : {SamplerKind::kGlauber, SamplerKind::kSpiking}) {
    s << "compare." << sampler_kind_name(kind) << " =";
    for (const ScanVariant& v : scan_variants(c, kind)) s << " " << v.label;
    s << "\n";
  }
  return s.str();
}

ScanTables::ScanTables(const std::string& dir, const ScanConfig& config, bool resume)
    : lock_(dir), dir_(dir) {
  create_output_directory(dir);
  const std::string settings_path = dir + "/scan_settings.txt";
  const std::string settings = describe_settings(config);
  // A table without rows holds no finished point (a scan that failed before its first batch, in
  // its calibration for instance): it is started over, whatever settings it was begun with.
  const bool exists = fs::exists(scan_csv()) && read_lines(scan_csv()).size() > 1;
  if (exists && !resume)
    throw input_error(scan_csv() + " exists; pass --resume to continue that scan, or choose "
                      "another --out folder");
  if (!exists) {
    write_file_atomically(settings_path, settings);
    write_file_atomically(scan_csv(), std::string(kScanHeader) + "\n");
    write_file_atomically(dir + "/configurations.csv", std::string(kConfigurationHeader) + "\n");
    write_file_atomically(translation_csv(), std::string(kTranslationHeader) + "\n");
    return;
  }
  std::ifstream in(settings_path, std::ios::binary);
  const std::string before((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (before != settings)
    throw input_error("--resume: the settings differ from those " + dir +
                      " was started with (scan_settings.txt); resume with the same scan file "
                      "and options, or choose another --out folder");
  std::vector<std::string> rows = read_lines(scan_csv());
  if (rows.empty() || rows.front() != kScanHeader)
    throw input_error("--resume: " + scan_csv() + " is not a scan table of this version");
  for (size_t i = 1; i < rows.size(); ++i) finished_.insert(row_key(rows[i]));
  write_file_atomically(scan_csv(), join_lines(rows));  // drops a torn last line
  std::vector<std::string> kept{kConfigurationHeader};
  for (const std::string& line : read_lines(dir + "/configurations.csv"))
    if (finished_.count(row_key(line))) kept.push_back(line);
  write_file_atomically(dir + "/configurations.csv", join_lines(kept));
  std::vector<std::string> corrections{kTranslationHeader};
  for (const std::string& line : read_lines(translation_csv()))
    if (finished_.count(row_key(line))) corrections.push_back(line);
  write_file_atomically(translation_csv(), join_lines(corrections));
}

std::set<uint32_t> ScanTables::finished(const std::string& label, uint32_t L) const {
  std::set<uint32_t> points;
  const std::string prefix = label + "," + std::to_string(L) + ",";
  for (const std::string& k : finished_)
    if (k.compare(0, prefix.size(), prefix) == 0)
      points.insert(static_cast<uint32_t>(std::stoul(k.substr(prefix.size()))));
  return points;
}

void ScanTables::append(const FinishedBatch& batch, uint32_t dims) {
  std::string rows, configurations, corrections;
  for (const PointResult& r : batch.points) {
    if (const auto& c = r.correction)
      corrections += point_prefix(r) + "," + table_number(c->weight_factor) + "," +
                     table_number(c->bias_offset) + "," + table_number(c->residual_weight) + "," +
                     table_number(c->residual_bias) + "\n";
    rows += scan_row(r);
    std::string state(r.configuration.size(), '0');
    for (size_t i = 0; i < state.size(); ++i)
      if (r.configuration[i]) state[i] = '1';
    configurations += point_prefix(r) + "," + std::to_string(dims) + "," + state + "\n";
    finished_.insert(key(r.label, r.L, r.point));
  }
  append_durably(dir_ + "/configurations.csv", configurations);
  if (!corrections.empty()) append_durably(translation_csv(), corrections);
  append_durably(scan_csv(), rows);
}

std::vector<uint8_t> ScanTables::previous_row(const std::string& label, uint32_t L,
                                              uint32_t row) const {
  std::ifstream in(previous_path(dir_, label, L, row), std::ios::binary);
  return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
}

void ScanTables::remove_previous_rows(const std::string& label, uint32_t L) const {
  const std::string prefix = ".previous_" + label_file_name(label) + "_L" + std::to_string(L) + "_row";
  std::error_code ignored;
  for (const auto& entry : std::filesystem::directory_iterator(dir_, ignored))
    if (entry.path().filename().string().rfind(prefix, 0) == 0)
      std::filesystem::remove(entry.path(), ignored);
}

void ScanTables::save_previous_row(const std::string& label, uint32_t L, uint32_t row,
                                   const std::vector<uint8_t>& z) const {
  write_file_atomically(previous_path(dir_, label, L, row), std::string(z.begin(), z.end()));
}

}  // namespace spikewafer::ising
