#include "ising/config_sections.hpp"

#include <cmath>
#include <string>

#include "sampling/sample_config.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::ising {

using toml_values::as_choice;
using toml_values::as_number;
using toml_values::as_positive;
using toml_values::as_string;
using toml_values::as_unsigned;
using toml_values::fail;
using toml_values::Table;
using toml_values::Value;

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

void read_lattice_table(const Table& root, LatticeSpec& lattice, std::vector<uint32_t>& sizes,
                        bool several_sizes) {
  const auto found = root.get_table("lattice");
  if (!found) return;
  const Table& t = *found;
  t.allow_only({"kind", "size", "J", "couplings", "disorder_seed"});
  if (auto v = t.get("kind"))
    lattice.kind = as_choice<LatticeKind>(*v, "lattice kind",
                                             {{"square", LatticeKind::kSquare},
                                              {"chain", LatticeKind::kChain},
                                              {"cubic", LatticeKind::kCubic},
                                              {"complete", LatticeKind::kComplete}});
  if (auto v = t.get("size")) {
    sizes.clear();
    if (v->node->is_array() && !several_sizes)
      fail(*v, "this run takes one lattice size; give one integer L (run the file once per size)");
    if (v->node->is_array()) {
      const size_t n = toml_values::as_array(*v, "an integer L or an array of them").size();
      for (size_t i = 0; i < n; ++i)
        sizes.push_back(as_unsigned<uint32_t>(toml_values::element(*v, i), 2));
      if (sizes.empty()) fail(*v, "give at least one lattice size");
    } else {
      sizes.push_back(as_unsigned<uint32_t>(*v, 2));
    }
  }
  if (auto v = t.get("J")) lattice.J = as_positive(*v);
  if (auto v = t.get("couplings"))
    lattice.couplings = as_choice<Couplings>(*v, "couplings",
                                               {{"uniform", Couplings::kUniform},
                                                {"pm_J", Couplings::kPlusMinusJ},
                                                {"gaussian", Couplings::kGaussian}});
  if (auto v = t.get("disorder_seed")) lattice.disorder_seed = as_unsigned<uint64_t>(*v);
}

InitialPattern read_initial_pattern(const Value& value) {
  return as_choice<InitialPattern>(value, "initial state",
                                   {{"random", InitialPattern::kRandom},
                                    {"up", InitialPattern::kUp},
                                    {"down", InitialPattern::kDown},
                                    {"previous", InitialPattern::kPrevious},
                                    {"checkerboard", InitialPattern::kCheckerboard},
                                    {"stripes", InitialPattern::kStripes},
                                    {"domains", InitialPattern::kDomains}});
}

SynapseDynamics read_synapse_dynamics(const Value& value) {
  return as_choice<SynapseDynamics>(
      value, "synapse dynamics",
      {{"renewing", SynapseDynamics::kRenewing}, {"additive", SynapseDynamics::kAdditive}});
}

TemperatureMode read_temperature_mode(const Value& value) {
  return as_choice<TemperatureMode>(
      value, "temperature mode",
      {{"scale", TemperatureMode::kScale}, {"noise", TemperatureMode::kNoise}});
}

Translation read_translation(const Value& value) {
  return as_choice<Translation>(
      value, "translation",
      {{"corrected", Translation::kCorrected}, {"open", Translation::kOpen}});
}

std::string translation_name(Translation translation) {
  return translation == Translation::kOpen ? "open" : "corrected";
}

Gauge read_gauge(const Value& value) {
  return as_choice<Gauge>(value, "gauge",
                          {{"sublattice", Gauge::kSublattice}, {"none", Gauge::kNone}});
}

std::string gauge_name(Gauge gauge) { return gauge == Gauge::kNone ? "none" : "sublattice"; }

void read_sampler_table(const Table& root, std::vector<SamplerKind>& samplers, uint64_t& seed,
                        GlauberSettings& glauber, SpikingSettings& spiking) {
  const auto found = root.get_table("sampler");
  if (!found) return;
  const Table& t = *found;
  t.allow_only({"kind", "seed", "rule", "order", "model", "synapse", "tau_syn_ratio", "dt",
                "sample_interval", "calibration_duration", "temperature",
                "noise_max_factor", "translation", "gauge", "correction_rounds",
                "correction_window"});
  if (auto v = t.get("kind")) {
    const std::string& kind = as_string(*v);
    samplers = sampler_kinds(kind);
    if (samplers.empty())
      fail(*v, "unknown sampler '" + kind + "'; allowed: glauber, spiking, both");
  }
  if (auto v = t.get("seed")) seed = as_unsigned<uint64_t>(*v);
  using sampling::SweepOrder;
  using sampling::UpdateRule;
  if (auto v = t.get("rule"))
    glauber.rule = as_choice<UpdateRule>(
        *v, "update rule",
        {{"heat_bath", UpdateRule::kHeatBath}, {"metropolis", UpdateRule::kMetropolis}});
  if (auto v = t.get("order"))
    glauber.order = as_choice<SweepOrder>(*v, "sweep order",
                                            {{"checkerboard", SweepOrder::kColoured},
                                             {"random", SweepOrder::kRandom},
                                             {"sequential", SweepOrder::kSequential}});
  SpikingSettings& s = spiking;
  if (auto v = t.get("model"))
    s.model = as_choice<Model>(*v, "sampling neuron model",
                               {{"IF_cond_exp", Model::kIfCondExp},
                                {"IF_curr_exp", Model::kIfCurrExp}});
  if (auto v = t.get("synapse")) s.dynamics = read_synapse_dynamics(*v);
  if (auto v = t.get("tau_syn_ratio")) s.tau_syn_ratio = as_positive(*v);
  if (auto v = t.get("dt")) s.dt = as_positive(*v);
  if (auto v = t.get("sample_interval")) s.sample_interval = as_positive(*v);
  if (auto v = t.get("calibration_duration")) s.calibration_duration = as_duration(*v);
  if (auto v = t.get("temperature")) s.temperature = read_temperature_mode(*v);
  if (auto v = t.get("noise_max_factor")) {
    s.noise_max_factor = as_positive(*v);
    if (!(s.noise_max_factor > 1.0)) fail(*v, "noise_max_factor must be > 1 (e.g. 16)");
  }
  if (auto v = t.get("translation")) s.translation = read_translation(*v);
  if (auto v = t.get("gauge")) s.gauge = read_gauge(*v);
  if (auto v = t.get("correction_rounds"))
    s.correction_rounds =
        sampling::read_correction_rounds(*v, SpikingSettings{}.correction_rounds);
  if (auto v = t.get("correction_window")) s.correction_window = as_duration(*v);
  const double steps = s.sample_interval / s.dt;
  if (std::fabs(steps - std::round(steps)) > 1e-6) {
    const auto where = t.get("sample_interval") ? t.get("sample_interval") : t.get("dt");
    fail(*where, "sample_interval must be a whole number of steps dt");  // one of them was given
  }
}

}  // namespace spikewafer::ising
