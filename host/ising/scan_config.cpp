// Reads SCAN.toml. Keys are checked with positions (io/toml_values.hpp); every key and its
// default is listed in docs/ising-scan.md.
#include "ising/scan_config.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "io/toml_document.hpp"
#include "ising/config_sections.hpp"
#include "io/toml_values.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

using toml_values::as_number;
using toml_values::as_positive;
using toml_values::as_unsigned;
using toml_values::fail;
using toml_values::Table;
using toml_values::Value;

std::vector<double> evenly(double from, double to, uint32_t num) {
  std::vector<double> v;
  for (uint32_t k = 0; k < num; ++k)
    v.push_back(num == 1 ? from : from + (to - from) * k / (num - 1));
  return v;
}

void read_scan(const Table& root, ScanConfig& c) {
  const auto found = root.get_table("scan");
  if (!found) return;
  const Table& t = *found;
  t.allow_only({"T", "h", "W", "b_f", "replicas", "burn_in", "measure", "initial",
                "stripe_width", "batch_units"});
  const bool thermal = t.get("T") || t.get("h");
  const bool literature = t.get("W") || t.get("b_f");
  if (thermal && literature)
    fail(t.value(), "give the grid either as T and h or as W and b_f, not both");
  if (literature) {
    c.axes = Axes::kWeightBias;
    c.first = {1.0, 1.0, 1};
    c.second = {1.0, 1.0, 1};
  }
  if (auto v = t.get(literature ? "W" : "T")) c.first = read_range(*v);
  if (auto v = t.get(literature ? "b_f" : "h")) c.second = read_range(*v);
  for (double x : c.first.values())
    if (!(x > 0))
      fail(*t.get(literature ? "W" : "T"),
           std::string(literature ? "W" : "T") + " must be > 0 everywhere in the range");
  if (auto v = t.get("replicas")) c.replicas = as_unsigned<uint32_t>(*v, 1);
  if (auto v = t.get("burn_in")) c.burn_in = as_duration(*v, true);
  if (auto v = t.get("measure")) c.measure = as_duration(*v);
  if (auto v = t.get("initial")) c.initial = read_initial_pattern(*v);
  if (auto v = t.get("stripe_width")) c.stripe_width = as_unsigned<uint32_t>(*v, 1);
  if (auto v = t.get("batch_units")) c.batch_units = as_unsigned<uint32_t>(*v, 1);
}

// A [compare] key: a list of at least two distinct values, each read like the single setting.
template <class T, class Read>
std::vector<T> read_list(const Table& t, const char* key, Read read) {
  std::vector<T> values;
  const auto v = t.get(key);
  if (!v) return values;
  const size_t count = toml_values::as_array(*v, "a list of values to compare").size();
  for (size_t k = 0; k < count; ++k) {
    const Value item = toml_values::element(*v, k);
    values.push_back(read(item));
    for (size_t j = 0; j + 1 < values.size(); ++j)
      if (values[j] == values.back()) fail(item, "is listed twice");
  }
  if (values.size() < 2) fail(*v, "list at least two values to compare");
  return values;
}

void read_compare(const Table& root, Comparison& c) {
  const auto found = root.get_table("compare");
  if (!found) return;
  const Table& t = *found;
  t.allow_only({"initial", "synapse", "tau_syn_ratio", "temperature", "translation", "gauge"});
  c.initial = read_list<InitialPattern>(t, "initial", read_initial_pattern);
  c.synapse = read_list<SynapseDynamics>(t, "synapse", read_synapse_dynamics);
  c.tau_syn_ratio = read_list<double>(t, "tau_syn_ratio", as_positive);
  c.temperature = read_list<TemperatureMode>(t, "temperature", read_temperature_mode);
  c.translation = read_list<Translation>(t, "translation", read_translation);
  c.gauge = read_list<Gauge>(t, "gauge", read_gauge);
}

ScanConfig scan_from_document(const toml::table& document, const std::string& source) {
  const Table root(Value{&document, "", source});
  root.allow_only({"lattice", "scan", "sampler", "compare"});
  ScanConfig c;
  c.source = source;
  read_lattice_table(root, c.lattice, c.sizes, true);
  read_scan(root, c);
  read_sampler_table(root, c.samplers, c.seed, c.glauber, c.spiking);
  read_compare(root, c.compare);
  // The statistics need samples: tau_int, the errors and the Binder cumulant were NaN in a
  // table written with exit 0 from one sample per replica. A sample is a sweep (Glauber) or
  // sample_interval ms (spiking); the larger decides.
  const double interval = std::max(
      1.0, std::find(c.samplers.begin(), c.samplers.end(), SamplerKind::kSpiking) != c.samplers.end()
               ? c.spiking.sample_interval
               : 1.0);
  if (c.measure < kMinMeasuredSamples * interval) {
    const auto scan = root.get_table("scan");
    const auto v = scan ? scan->get("measure") : std::nullopt;
    const auto g = [](double x) {
      char text[32];
      std::snprintf(text, sizeof text, "%g", x);
      return std::string(text);
    };
    const std::string problem = g(c.measure) + " gives fewer than " + g(kMinMeasuredSamples) +
                                " samples per replica (one every " + g(interval) +
                                " sweeps or ms); give measure >= " +
                                g(kMinMeasuredSamples * interval);
    if (v) fail(*v, problem);
    throw input_error(source + ": scan.measure: " + problem);
  }
  return c;
}

}  // namespace

std::vector<double> Range::values() const { return evenly(from, to, num); }

std::vector<SamplerKind> sampler_kinds(const std::string& name) {
  if (name == "glauber") return {SamplerKind::kGlauber};
  if (name == "spiking") return {SamplerKind::kSpiking};
  if (name == "both") return {SamplerKind::kGlauber, SamplerKind::kSpiking};
  return {};
}

void override_samplers(ScanConfig& config, const std::string& name) {
  if (name.empty()) return;
  config.samplers = sampler_kinds(name);
  if (config.samplers.empty())
    throw input_error("sampler '" + name + "': unknown; allowed: glauber, spiking, both");
}

std::string sampler_kind_name(SamplerKind kind) {
  return kind == SamplerKind::kGlauber ? "glauber" : "spiking";
}

ScanConfig parse_scan_config(const std::string& text, const std::string& source) {
  return scan_from_document(toml_values::parse_document(text, source), source);
}

ScanConfig read_scan_config(const std::string& path) {
  return scan_from_document(toml_values::load_document(path, "scan"), path);
}

ScanConfig default_scan_config() {
  ScanConfig c;
  c.sizes = {8, 16};
  c.first = {1.5, 3.5, 21};
  // Fields on both sides of 0, wide enough to show where each sampler's m changes sign: the
  // spiking sampler's symmetric line lies near h = -1 J (docs/ising-scan.md).
  c.second = {-1.5, 1.5, 7};
  c.replicas = 8;
  c.burn_in = 500;   // sweeps or ms: a few autocorrelation times of L = 16 near Tc
  c.measure = 3000;
  c.samplers = {SamplerKind::kGlauber, SamplerKind::kSpiking};
  c.seed = 3;
  return c;
}

}  // namespace spikewafer::ising
