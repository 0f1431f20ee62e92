#include "sampling/noise_config.hpp"

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

enum class NoiseSource { kPoisson, kNetwork };

const std::vector<std::string> kNetworkKeys = {"size",     "connectivity", "weight",   "g",
                                               "drive",    "delay",        "in_degree", "weight_E",
                                               "weight_I", "seed"};

}  // namespace

BackgroundNetworkSettings default_background(Model model) {
  BackgroundNetworkSettings s;
  if (model == Model::kIfCurrExp) s.weight_E = s.weight_I = 0.12;  // nA: 30x, as the Poisson defaults
  return s;
}

std::optional<BackgroundNetworkSettings> read_noise_source(const Table& t, Model model) {
  std::vector<std::string> allowed = kNetworkKeys;
  allowed.push_back("source");
  t.allow_only(allowed);
  NoiseSource source = NoiseSource::kPoisson;
  if (auto v = t.get("source"))
    source = toml_values::as_choice<NoiseSource>(
        *v, "noise source", {{"poisson", NoiseSource::kPoisson}, {"network", NoiseSource::kNetwork}});
  if (source == NoiseSource::kPoisson) {
    for (const std::string& key : kNetworkKeys)
      if (auto v = t.get(key))
        fail(*v, "configures the background network, which only source = \"network\" uses; "
                 "remove it or set noise.source = \"network\"");
    return std::nullopt;
  }
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

}  // namespace spikewafer::sampling
