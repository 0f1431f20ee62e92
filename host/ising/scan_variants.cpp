#include "ising/scan_variants.hpp"

#include <cctype>
#include <functional>

#include "io/number_text.hpp"
#include "ising/config_sections.hpp"
#include "ising/initial_state.hpp"

namespace spikewafer::ising {
namespace {

// One compared setting: its name, how many values it lists, and how to apply value k.
struct Axis {
  std::string key;
  size_t count;
  std::function<std::string(ScanConfig&, size_t)> apply;  // returns the value's name
};

std::vector<Axis> compared_axes(const Comparison& c, SamplerKind kind) {
  std::vector<Axis> axes;
  if (!c.initial.empty())
    axes.push_back({"initial", c.initial.size(), [&c](ScanConfig& s, size_t k) {
                      s.initial = c.initial[k];
                      return initial_pattern_name(c.initial[k]);
                    }});
  if (kind == SamplerKind::kGlauber) return axes;
  if (!c.synapse.empty())
    axes.push_back({"synapse", c.synapse.size(), [&c](ScanConfig& s, size_t k) {
                      s.spiking.dynamics = c.synapse[k];
                      return std::string(c.synapse[k] == SynapseDynamics::kRenewing ? "renewing"
                                                                                  : "additive");
                    }});
  if (!c.tau_syn_ratio.empty())
    axes.push_back({"tau_syn_ratio", c.tau_syn_ratio.size(), [&c](ScanConfig& s, size_t k) {
                      s.spiking.tau_syn_ratio = c.tau_syn_ratio[k];
                      return number_text(c.tau_syn_ratio[k]);
                    }});
  if (!c.temperature.empty())
    axes.push_back({"temperature", c.temperature.size(), [&c](ScanConfig& s, size_t k) {
                      s.spiking.temperature = c.temperature[k];
                      return std::string(c.temperature[k] == TemperatureMode::kNoise ? "noise"
                                                                                     : "scale");
                    }});
  if (!c.translation.empty())
    axes.push_back({"translation", c.translation.size(), [&c](ScanConfig& s, size_t k) {
                      s.spiking.translation = c.translation[k];
                      return translation_name(c.translation[k]);
                    }});
  if (!c.gauge.empty())
    axes.push_back({"gauge", c.gauge.size(), [&c](ScanConfig& s, size_t k) {
                      s.spiking.gauge = c.gauge[k];
                      return gauge_name(c.gauge[k]);
                    }});
  return axes;
}

}  // namespace

std::vector<ScanVariant> scan_variants(const ScanConfig& config, SamplerKind kind) {
  const std::vector<Axis> axes = compared_axes(config.compare, kind);
  ScanConfig base = config;
  base.compare = Comparison{};
  if (axes.empty()) return {{sampler_kind_name(kind), base}};
  // Every combination, the last axis fastest.
  std::vector<size_t> index(axes.size(), 0);
  std::vector<ScanVariant> variants;
  for (;;) {
    ScanVariant v{"", base};
    for (size_t a = 0; a < axes.size(); ++a)
      v.label += (a ? " " : "") + axes[a].key + "=" + axes[a].apply(v.config, index[a]);
    v.label = sampler_kind_name(kind) + "[" + v.label + "]";
    variants.push_back(std::move(v));
    size_t a = axes.size();
    while (a > 0 && ++index[a - 1] == axes[a - 1].count) index[--a] = 0;
    if (a == 0) return variants;
  }
}

std::string label_file_name(const std::string& label) {
  std::string name = label;
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '.' && ch != '_' && ch != '-' &&
        ch != '=')
      ch = '_';
  return name;
}

}  // namespace spikewafer::ising
