// Reads HYST.toml. [lattice] and [sampler] take the keys of a scan file (config_sections.hpp),
// with one lattice size only.
#include "ising/hysteresis_config.hpp"

#include <cmath>

#include "io/toml_document.hpp"
#include "io/toml_values.hpp"
#include "ising/config_sections.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

using toml_values::as_choice;
using toml_values::as_number;
using toml_values::as_positive;
using toml_values::as_unsigned;
using toml_values::fail;
using toml_values::Table;
using toml_values::Value;

// An array of numbers, a { from, to, num } range or one number; every value > 0.
std::vector<double> read_temperatures(const Value& value, const std::string& name) {
  if (!value.node->is_array() && !value.node->is_table() && !value.node->is_number())
    fail(value, std::string("expected an array of numbers, { from, to, num } or a number, got ") +
                    toml_values::type_name(*value.node));
  std::vector<double> values =
      value.node->is_array() ? toml_values::as_numbers(value) : read_range(value).values();
  if (values.empty()) fail(value, "give at least one " + name + " value");
  for (double x : values)
    if (!(x > 0) || !std::isfinite(x)) fail(value, name + " must be > 0 everywhere");
  return values;
}

void read_hysteresis(const Table& root, HysteresisConfig& c) {
  const auto found = root.get_table("hysteresis");
  if (!found) return;
  const Table& t = *found;
  t.allow_only({"T", "h", "W", "b_f", "replicas", "burn_in", "steps_per_field"});
  const bool thermal = t.get("T") || t.get("h");
  const bool literature = t.get("W") || t.get("b_f");
  if (thermal && literature)
    fail(t.value(), "give the axes either as T and h or as W and b_f, not both");
  const char* first = literature ? "W" : "T";
  const char* field = literature ? "b_f" : "h";
  if (literature) {  // no defaults on these axes: their useful ranges depend on the lattice
    c.axes = Axes::kWeightBias;
    t.require("W", "the BM weights, e.g. W = [1.6, 2.0, 2.7]");
    t.require("b_f", "the bias fractions of one branch, e.g. { from = 1.25, to = 0.75, num = 21 }");
  }
  if (auto v = t.get(first)) c.first = read_temperatures(*v, first);
  if (auto v = t.get(field)) {
    if (!v->node->is_table())
      fail(*v, "expected a range { from = a, to = b, num = n } (one branch of the loop)");
    c.field = read_range(*v);
    if (c.field.num < 2 || c.field.from == c.field.to)
      fail(*v,
           "a loop needs a sweep: give { from = a, to = b, num = n } with a != b and "
           "n >= 2");
  }
  if (auto v = t.get("replicas")) c.replicas = as_unsigned<uint32_t>(*v, 1);
  if (auto v = t.get("burn_in")) c.burn_in = as_duration(*v, true);
  if (auto v = t.get("steps_per_field")) {
    c.steps_per_field = as_duration(*v);
    if (c.steps_per_field < 2)
      fail(*v, "must be >= 2 (the second half of each field value is measured)");
  }
}

HysteresisConfig from_document(const toml::table& document, const std::string& source) {
  const Table root(Value{&document, "", source});
  root.allow_only({"lattice", "hysteresis", "sampler"});
  HysteresisConfig c;
  c.source = source;
  std::vector<uint32_t> sizes{c.lattice.size};
  read_lattice_table(root, c.lattice, sizes, false);  // before [hysteresis]: W depends on J
  c.lattice.size = sizes.front();
  read_hysteresis(root, c);
  read_sampler_table(root, c.samplers, c.seed, c.glauber, c.spiking);
  // Loops run the open translation unless asked: the correction is made at zero field, and in
  // the ordered phase it over-couples the lattice (docs/hysteresis-and-curie-fit.md).
  const auto sampler = root.get_table("sampler");
  if (!sampler || !sampler->get("translation")) c.spiking.translation = Translation::kOpen;
  return c;
}

}  // namespace

ScanConfig sampler_settings(const HysteresisConfig& config) {
  ScanConfig scan;
  scan.source = config.source;
  scan.lattice = config.lattice;
  scan.sizes = {config.lattice.size};
  scan.replicas = config.replicas;
  scan.samplers = config.samplers;
  scan.seed = config.seed;
  scan.glauber = config.glauber;
  scan.spiking = config.spiking;
  return scan;
}

HysteresisConfig parse_hysteresis_config(const std::string& text, const std::string& source) {
  return from_document(toml_values::parse_document(text, source), source);
}

HysteresisConfig read_hysteresis_config(const std::string& path) {
  return from_document(toml_values::load_document(path, "hysteresis"), path);
}

}  // namespace spikewafer::ising
