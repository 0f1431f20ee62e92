// Semantic checks of a Network, whoever built it. Messages name the key path as the TOML format
// spells it ("populations.exc.params.tau_m", "projections[0].connector.p"): Python users can find
// the field, and the TOML parser looks the path up to add the line and column.
//
// This file holds the entry point, the shared helpers, and the simulation, name and override
// checks; the population and projection checks are in validate_populations.cpp and
// validate_projections.cpp, and the Checker they share in validate_detail.hpp.
#include "network/validate.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "network/layout.hpp"
#include "network/validate_detail.hpp"
#include "spikewafer/simulator.hpp"

namespace spikewafer {

namespace validate_detail {

std::string num(double x) {
  char text[32];
  const auto result = std::to_chars(text, text + sizeof text, x);
  return std::string(text, result.ptr);
}

const char* low_name(const Distribution& d) {
  switch (d.kind) {
    case Distribution::Kind::kUniform:
      return "uniform low ";
    case Distribution::Kind::kNormal:
    case Distribution::Kind::kNormalClippedToBoundary:
      return "normal mean ";
    case Distribution::Kind::kConstant:
      break;
  }
  return "";
}

void Checker::check() const {
  check_simulation();  // first: later checks measure times in dt
  check_names();
  for (const Population& population : network_.populations) check_population(population);
  for (size_t i = 0; i < network_.projections.size(); ++i) check_projection(i);
  check_overrides();
}

// --- simulation and names -----------------------------------------------------------------------

void Checker::check_simulation() const {
  const SimulationSettings& s = network_.simulation;
  greater("simulation.dt", s.dt, 0);
  at_least("simulation.duration", s.duration, 0);
  // duration = 1e300 was accepted and would have run 2^63 steps; 4294967295 ms ran for days.
  if (s.duration > kLongestDuration)
    fail("simulation.duration", "is " + num(s.duration) + " ms; at most 1e9 ms (run in parts)");
  if (s.duration / s.dt > kMostSteps)
    fail("simulation.duration", "gives " + num(s.duration / s.dt) +
                                    " steps of dt; at most 1e12 (split the run, or raise dt)");
  if (s.replicas < 1) fail("simulation.replicas", "must be >= 1 (got 0)");
}

// Names are TOML bare keys, which also keeps them usable in key paths and output file paths.
void Checker::check_names() const {
  const auto& populations = network_.populations;
  if (populations.empty()) fail("populations", "no populations; define at least one");
  for (size_t i = 0; i < populations.size(); ++i) {
    const std::string& name = populations[i].name;
    const bool bare = std::all_of(name.begin(), name.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
    });
    if (name.empty() || !bare)
      fail("populations[" + str(i) + "]",
           "invalid name '" + name + "'; names use letters, digits, '_' and '-'");
    for (size_t j = 0; j < i; ++j)
      if (populations[j].name == name)
        fail("populations." + name,
             "defined twice (populations " + str(j) + " and " + str(i) + ")");
  }
  // Global neuron indices are 32-bit (layout.hpp).
  uint64_t total = 0;
  for (const Population& p : populations) total += p.size;
  if (total > UINT32_MAX)
    fail("populations", "they hold " + str(total) + " neurons in all; at most " + str(UINT32_MAX) +
                            " are possible");
}

// --- overrides ----------------------------------------------------------------------------------

void Checker::check_overrides() const {
  const ReplicaOverrides& o = network_.overrides;
  const uint32_t replicas = network_.simulation.replicas;
  const auto length = [&](const std::string& path, size_t n) {
    if (n != 0 && n != replicas)
      fail(path, "expected " + str(replicas) +
                     " entries (one per replica, simulation.replicas), got " + str(n));
  };
  length("overrides.seed", o.seed.size());
  const std::pair<const char*, const std::vector<double>*> lists[] = {
      {"rate_E", &o.rate_E},
      {"rate_I", &o.rate_I},
      {"i_offset", &o.i_offset},
      {"weight_scale", &o.weight_scale},
      {"dc_scale", &o.dc_scale}};
  for (const auto& [name, values] : lists) {
    const std::string path = std::string("overrides.") + name;
    length(path, values->size());
    for (size_t r = 0; r < values->size(); ++r) {
      // i_offset and dc_scale may take either sign; rates and weight scales are not negative.
      if (values == &o.i_offset || values == &o.dc_scale) {
        finite(path + "[" + str(r) + "]", (*values)[r]);
      } else {
        at_least(path + "[" + str(r) + "]", (*values)[r], 0);
      }
    }
  }
  for (size_t c = 0; c < o.currents.size(); ++c) {
    const std::string path = "overrides.currents[" + str(c) + "]";
    const ReplicaCurrents& currents = o.currents[c];
    const uint32_t p = population_index(network_, currents.population, path + ".population");
    const uint64_t expected = uint64_t{replicas} * network_.populations[p].size;
    if (currents.values.size() != expected)
      fail(path + ".values", "expected " + str(expected) + " entries (replicas x the " + str(network_.populations[p].size) +
                                 " neurons of " + currents.population + "), got " + str(currents.values.size()));
    for (size_t k = 0; k < currents.values.size(); ++k)
      finite(path + ".values[" + str(k) + "]", currents.values[k]);
  }
}

}  // namespace validate_detail

void validate(const Network& network) { validate_detail::Checker(network).check(); }

}  // namespace spikewafer
