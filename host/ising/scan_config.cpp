// Reads SCAN.toml. Keys are checked with positions (io/toml_values.hpp); every key and its
// default is listed in docs/ising-scan.md.
#include "ising/scan_config.hpp"

#include <cmath>

#include "io/toml_document.hpp"
#include "io/toml_values.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

using toml_values::as_choice;
using toml_values::as_number;
using toml_values::as_string;
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

// { from = a, to = b, num = n } or a single number.
Range read_range(const Value& value) {
  if (value.node->is_number()) {
    const double x = as_number(value);
    return {x, x, 1};
  }
  Table t(value);
  t.allow_only({"from", "to", "num"});
  Range r;
  r.from = as_number(t.require("from", "a number"));
  r.to = as_number(t.require("to", "a number"));
  r.num = as_unsigned<uint32_t>(t.require("num", "an integer >= 1"), 1);
  if (r.num == 1 && r.to != r.from)
    fail(t.value(), "num = 1 with from != to; give num >= 2 or make from and to equal");
  return r;
}

double positive(const Value& value) {
  const double x = as_number(value);
  if (!(x > 0) || !std::isfinite(x)) fail(value, "must be a positive number");
  return x;
}

void read_lattice(const Table& root, ScanConfig& c) {
  const auto found = root.get_table("lattice");
  if (!found) return;
  const Table& t = *found;
  t.allow_only({"kind", "size", "J", "couplings", "disorder_seed"});
  if (auto v = t.get("kind"))
    c.lattice.kind = as_choice<LatticeKind>(*v, "lattice kind",
                                             {{"square", LatticeKind::kSquare},
                                              {"chain", LatticeKind::kChain},
                                              {"cubic", LatticeKind::kCubic},
                                              {"complete", LatticeKind::kComplete}});
  if (auto v = t.get("size")) {
    c.sizes.clear();
    if (v->node->is_array()) {
      const size_t n = toml_values::as_array(*v, "an integer L or an array of them").size();
      for (size_t i = 0; i < n; ++i)
        c.sizes.push_back(as_unsigned<uint32_t>(toml_values::element(*v, i), 2));
      if (c.sizes.empty()) fail(*v, "give at least one lattice size");
    } else {
      c.sizes.push_back(as_unsigned<uint32_t>(*v, 2));
    }
  }
  if (auto v = t.get("J")) c.lattice.J = positive(*v);
  if (auto v = t.get("couplings"))
    c.lattice.couplings = as_choice<Couplings>(*v, "couplings",
                                               {{"uniform", Couplings::kUniform},
                                                {"pm_J", Couplings::kPlusMinusJ},
                                                {"gaussian", Couplings::kGaussian}});
  if (auto v = t.get("disorder_seed")) c.lattice.disorder_seed = as_unsigned<uint64_t>(*v);
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
  if (auto v = t.get("burn_in")) {
    c.burn_in = as_number(*v);
    if (!(c.burn_in >= 0)) fail(*v, "must be >= 0");
  }
  if (auto v = t.get("measure")) c.measure = positive(*v);
  if (auto v = t.get("initial")) {
    c.initial = as_choice<InitialPattern>(*v, "initial state",
                                          {{"random", InitialPattern::kRandom},
                                           {"up", InitialPattern::kUp},
                                           {"down", InitialPattern::kDown},
                                           {"previous", InitialPattern::kPrevious},
                                           {"checkerboard", InitialPattern::kCheckerboard},
                                           {"stripes", InitialPattern::kStripes},
                                           {"domains", InitialPattern::kDomains}});
  }
  if (auto v = t.get("stripe_width")) c.stripe_width = as_unsigned<uint32_t>(*v, 1);
  if (auto v = t.get("batch_units")) c.batch_units = as_unsigned<uint32_t>(*v, 1);
}

void read_sampler(const Table& root, ScanConfig& c) {
  const auto found = root.get_table("sampler");
  if (!found) return;
  const Table& t = *found;
  t.allow_only({"kind", "seed", "rule", "order", "model", "synapse", "tau_syn_ratio", "dt",
                "sample_interval", "calibration_duration"});
  if (auto v = t.get("kind")) {
    const std::string& kind = as_string(*v);
    if (kind == "glauber") c.samplers = {SamplerKind::kGlauber};
    else if (kind == "spiking") c.samplers = {SamplerKind::kSpiking};
    else if (kind == "both") c.samplers = {SamplerKind::kGlauber, SamplerKind::kSpiking};
    else fail(*v, "unknown sampler '" + kind + "'; allowed: glauber, spiking, both");
  }
  if (auto v = t.get("seed")) c.seed = as_unsigned<uint64_t>(*v);
  using sampling::SweepOrder;
  using sampling::UpdateRule;
  if (auto v = t.get("rule"))
    c.glauber.rule = as_choice<UpdateRule>(
        *v, "update rule",
        {{"heat_bath", UpdateRule::kHeatBath}, {"metropolis", UpdateRule::kMetropolis}});
  if (auto v = t.get("order"))
    c.glauber.order = as_choice<SweepOrder>(*v, "sweep order",
                                            {{"checkerboard", SweepOrder::kColoured},
                                             {"random", SweepOrder::kRandom},
                                             {"sequential", SweepOrder::kSequential}});
  SpikingSettings& s = c.spiking;
  if (auto v = t.get("model"))
    s.model = as_choice<Model>(*v, "sampling neuron model",
                               {{"IF_cond_exp", Model::kIfCondExp},
                                {"IF_curr_exp", Model::kIfCurrExp}});
  if (auto v = t.get("synapse"))
    s.dynamics = as_choice<SynapseDynamics>(
        *v, "synapse dynamics",
        {{"renewing", SynapseDynamics::kRenewing}, {"additive", SynapseDynamics::kAdditive}});
  if (auto v = t.get("tau_syn_ratio")) s.tau_syn_ratio = positive(*v);
  if (auto v = t.get("dt")) s.dt = positive(*v);
  if (auto v = t.get("sample_interval")) s.sample_interval = positive(*v);
  if (auto v = t.get("calibration_duration")) s.calibration_duration = positive(*v);
  const double steps = s.sample_interval / s.dt;
  if (std::fabs(steps - std::round(steps)) > 1e-6) {
    const auto where = t.get("sample_interval") ? t.get("sample_interval") : t.get("dt");
    fail(*where, "sample_interval must be a whole number of steps dt");  // one of them was given
  }
}

ScanConfig scan_from_document(const toml::table& document, const std::string& source) {
  const Table root(Value{&document, "", source});
  root.allow_only({"lattice", "scan", "sampler"});
  ScanConfig c;
  c.source = source;
  read_lattice(root, c);
  read_scan(root, c);
  read_sampler(root, c);
  return c;
}

}  // namespace

std::vector<double> Range::values() const { return evenly(from, to, num); }

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
  c.replicas = 8;
  c.burn_in = 500;   // sweeps or ms: a few autocorrelation times of L = 16 near Tc
  c.measure = 3000;
  c.samplers = {SamplerKind::kGlauber, SamplerKind::kSpiking};
  c.seed = 3;
  return c;
}

}  // namespace spikewafer::ising
