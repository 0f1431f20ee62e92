// Reads NET.toml into a Network. These files check keys, types and structure, with file positions
// (via io/toml_values.hpp); ranges and cross-references are validate()'s, and its messages get
// their position here by looking up the key path they name in the document.
//
// This file holds the entry points and the top-level table with its small sections (simulation,
// overrides); the populations and projections are read in population_config.cpp and
// projection_config.cpp (io/config_readers.hpp).
#include "io/network_config.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include "io/config_readers.hpp"
#include "io/toml_document.hpp"
#include "io/toml_values.hpp"
#include "network/validate.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer {

namespace {

using toml_values::as_array;
using toml_values::as_number;
using toml_values::as_numbers;
using toml_values::as_unsigned;
using toml_values::element;
using toml_values::Table;
using toml_values::Value;

// --- simulation and overrides ------------------------------------------------------------------

SimulationSettings read_simulation(const Table& root) {
  SimulationSettings settings;
  const auto found = root.get_table("simulation");
  if (!found) return settings;
  const Table& table = *found;
  table.allow_only({"dt", "duration", "seed", "replicas"});
  if (auto v = table.get("dt")) settings.dt = as_number(*v);
  if (auto v = table.get("duration")) settings.duration = as_number(*v);
  if (auto v = table.get("seed")) settings.seed = as_unsigned<uint64_t>(*v);
  if (auto v = table.get("replicas")) settings.replicas = as_unsigned<uint32_t>(*v, 1);
  return settings;
}

ReplicaOverrides read_overrides(const Table& root) {
  ReplicaOverrides overrides;
  const auto found = root.get_table("overrides");
  if (!found) return overrides;
  const Table& table = *found;
  struct Field {
    const char* name;
    std::vector<double> ReplicaOverrides::*member;
  };
  const Field fields[] = {{"rate_E", &ReplicaOverrides::rate_E},
                          {"rate_I", &ReplicaOverrides::rate_I},
                          {"i_offset", &ReplicaOverrides::i_offset},
                          {"weight_scale", &ReplicaOverrides::weight_scale},
                          {"dc_scale", &ReplicaOverrides::dc_scale}};
  std::vector<std::string> names = {"seed"};
  for (const Field& field : fields) names.push_back(field.name);
  table.allow_only(names);
  if (auto v = table.get("seed")) {
    const size_t n = as_array(*v, "an array of seeds, one per replica").size();
    for (size_t i = 0; i < n; ++i) overrides.seed.push_back(as_unsigned<uint64_t>(element(*v, i)));
  }
  for (const Field& field : fields)
    if (auto v = table.get(field.name)) overrides.*field.member = as_numbers(*v);
  return overrides;
}

Network read_network(const toml::table& document, const std::string& source) {
  Table root(Value{&document, "", source});
  root.allow_only({"simulation", "populations", "projections", "overrides"});
  Network network;
  network.source = source;
  network.simulation = read_simulation(root);
  network.populations = config_readers::read_populations(root);
  network.projections = config_readers::read_projections(root, network);
  network.overrides = read_overrides(root);
  return network;
}

Network network_from_document(const toml::table& document, const std::string& source) {
  try {
    Network network = read_network(document, source);
    validate(network);
    return network;
  } catch (const Error& e) {
    throw toml_values::with_position(e, document, source);
  }
}

}  // namespace

Network parse_network_toml(std::string_view text, const std::string& source) {
  return network_from_document(toml_values::parse_document(text, source), source);
}

Network load_network_toml(const std::string& path) {
  return network_from_document(toml_values::load_document(path, "network"), path);
}

}  // namespace spikewafer
