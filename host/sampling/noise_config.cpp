#include "sampling/noise_config.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace spikewafer::sampling {
namespace {

using toml_values::as_number;
using toml_values::as_positive;
using toml_values::as_unsigned;
using toml_values::fail;
using toml_values::Table;
using toml_values::Value;

enum class Source { kPoisson, kNetwork, kEnsemble };

const std::vector<std::string> kNetworkKeys = {"size",     "connectivity", "weight",   "g",
                                               "drive",    "delay",        "in_degree", "weight_E",
                                               "weight_I", "seed"};
const std::vector<std::string> kEnsembleKeys = {"networks", "in_degree", "weight_E", "weight_I",
                                                "rate",     "delay",     "seed"};

// Keys of the other sources are errors that say which source uses them.
void refuse_other_keys(const Table& t, Source source) {
  const std::vector<std::string> none;
  const std::vector<std::string>& own =
      source == Source::kNetwork ? kNetworkKeys : source == Source::kEnsemble ? kEnsembleKeys : none;
  const auto refuse = [&](const std::vector<std::string>& keys, const std::string& what,
                          const std::string& name) {
    for (const std::string& key : keys)
      if (std::find(own.begin(), own.end(), key) == own.end())
        if (auto v = t.get(key))
          fail(*v, "configures " + what + ", which only source = \"" + name +
                       "\" uses; remove it or set noise.source = \"" + name + "\"");
  };
  refuse(kNetworkKeys, "the background network", "network");
  refuse(kEnsembleKeys, "the ensemble", "ensemble");
}

BackgroundNetworkSettings read_network(const Table& t, Model model) {
  BackgroundNetworkSettings s = default_background(model);
  if (auto v = t.get("size")) s.size = as_unsigned<uint32_t>(*v, 10);
  if (auto v = t.get("connectivity")) s.connectivity = as_positive(*v);
  if (auto v = t.get("weight")) s.weight = as_positive(*v);
  if (auto v = t.get("g")) s.g = as_positive(*v);
  if (auto v = t.get("drive")) s.drive = as_number(*v);
  if (auto v = t.get("delay")) s.delay = as_positive(*v);
  if (auto v = t.get("in_degree")) s.in_degree = as_unsigned<uint32_t>(*v, 1);
  if (auto v = t.get("weight_E")) s.weight_E = as_positive(*v);
  if (auto v = t.get("weight_I")) s.weight_I = as_positive(*v);
  if (auto v = t.get("seed")) s.seed = as_unsigned<uint64_t>(*v);
  // "source: noise.key: ...", which the caller's with_position() gives a line and column.
  check_background(s, std::string(t.value().source) + ": " + t.path());
  return s;
}

EnsembleSettings read_ensemble(const Table& t, Model model) {
  EnsembleSettings s = default_ensemble(model);
  if (auto v = t.get("networks")) s.networks = as_unsigned<uint32_t>(*v, 2);
  if (auto v = t.get("in_degree")) s.in_degree = as_unsigned<uint32_t>(*v, 1);
  if (auto v = t.get("weight_E")) s.weight_E = as_positive(*v);
  if (auto v = t.get("weight_I")) s.weight_I = as_positive(*v);
  if (auto v = t.get("rate")) s.rate = as_positive(*v);
  if (auto v = t.get("delay")) s.delay = as_positive(*v);
  if (auto v = t.get("seed")) s.seed = as_unsigned<uint64_t>(*v);
  check_ensemble(s, std::string(t.value().source) + ": " + t.path());
  return s;
}

}  // namespace

BackgroundNetworkSettings default_background(Model model) {
  BackgroundNetworkSettings s;
  if (model == Model::kIfCurrExp) s.weight_E = s.weight_I = 0.12;  // nA: 30x, as the Poisson defaults
  return s;
}

EnsembleSettings default_ensemble(Model model) {
  // Inhibition-dominated: at the activation's midpoint the inhibitory input's mean is about twice
  // the excitatory one's, so that a silent ensemble, whose units then lack that net inhibition,
  // starts firing again (with balanced noise a unit at b = 0 sits just below threshold without
  // it, and the ensemble fell silent within 100 ms). At 40 x 30 Hz per receptor the free
  // membrane potential is about as wide as with the Poisson default.
  EnsembleSettings s;
  if (model == Model::kIfCurrExp) {
    s.weight_E = 0.08;  // nA
    s.weight_I = 0.16;
  } else {
    s.weight_E = 0.0025;  // uS; driving forces about 52 and 38 mV at u0
    s.weight_I = 0.007;
  }
  return s;
}

NoiseSource read_noise_source(const Table& t, Model model) {
  std::vector<std::string> allowed = kNetworkKeys;
  allowed.insert(allowed.end(), kEnsembleKeys.begin(), kEnsembleKeys.end());
  allowed.push_back("source");
  t.allow_only(allowed);
  Source source = Source::kPoisson;
  if (auto v = t.get("source"))
    source = toml_values::as_choice<Source>(*v, "noise source",
                                            {{"poisson", Source::kPoisson},
                                             {"network", Source::kNetwork},
                                             {"ensemble", Source::kEnsemble}});
  refuse_other_keys(t, source);
  NoiseSource found;
  if (source == Source::kNetwork) found.background = read_network(t, model);
  if (source == Source::kEnsemble) found.ensemble = read_ensemble(t, model);
  return found;
}

void read_noise_table(const Table& t, const std::optional<Table>& neuron_table,
                      SamplingNeuron& neuron) {
  const NoiseSource source = read_noise_source(t, neuron.model);
  neuron.background = source.background;
  neuron.ensemble = source.ensemble;
  if (!neuron.background && !neuron.ensemble) return;
  if (neuron_table)
    if (auto v = neuron_table->get("noise"))
      fail(*v, std::string("[noise] source = \"") + (neuron.background ? "network" : "ensemble") +
                   "\" replaces the Poisson background; remove this key or set noise.source = "
                   "\"poisson\"");
  neuron.noise = neuron.ensemble ? ensemble_equivalent_noise(*neuron.ensemble) : PoissonNoise{};
}

}  // namespace spikewafer::sampling
