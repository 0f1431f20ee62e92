// Reads the [[projections]] tables of NET.toml: the connector of each kind, and which of the
// projection's weight and delay keys apply to it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/config_readers.hpp"
#include "io/toml_values.hpp"
#include "network/layout.hpp"

namespace spikewafer::config_readers {

namespace {

using toml_values::as_array;
using toml_values::as_bool;
using toml_values::as_choice;
using toml_values::as_distribution;
using toml_values::as_number;
using toml_values::as_numbers;
using toml_values::as_string;
using toml_values::as_unsigned;
using toml_values::element;
using toml_values::fail;
using toml_values::require_choice;
using toml_values::Table;
using toml_values::Value;

struct ConnectorKind {
  const char* name;
  Connector::Kind kind;
  std::vector<std::string> keys;
};
const std::vector<ConnectorKind>& connector_kinds() {
  static const std::vector<ConnectorKind> kinds = {
      {"all_to_all", Connector::Kind::kAllToAll, {"kind", "allow_self"}},
      {"one_to_one", Connector::Kind::kOneToOne, {"kind"}},
      {"fixed_probability", Connector::Kind::kFixedProbability, {"kind", "p", "allow_self"}},
      {"fixed_in_degree", Connector::Kind::kFixedInDegree, {"kind", "n", "allow_self"}},
      {"fixed_total_number", Connector::Kind::kFixedTotalNumber,
       {"kind", "n", "allow_self", "with_replacement"}},
      {"from_list", Connector::Kind::kFromList, {"kind", "connections"}},
      {"dense_matrix", Connector::Kind::kDenseMatrix, {"kind", "matrix"}},
  };
  return kinds;
}

// Rows are [pre, post] (the projection's weight and delay apply) or [pre, post, weight, delay];
// returns the row width, 0 for an empty list.
size_t read_connections(const Value& value, std::vector<Connection>& list) {
  const std::string rows = "[pre, post] or [pre, post, weight, delay]";
  const size_t n = as_array(value, "an array of " + rows + " rows").size();
  size_t width = 0;
  for (size_t i = 0; i < n; ++i) {
    const Value row = element(value, i);
    const size_t size = as_array(row, rows).size();
    if (size != 2 && size != 4)
      fail(row, "expected " + rows + ", got " + std::to_string(size) + " entries");
    if (width != 0 && size != width)
      fail(row, "expected " + std::to_string(width) +
                    " entries like the first row; give every row a weight and delay, or none");
    width = size;
    Connection connection;
    connection.pre = as_unsigned<uint32_t>(element(row, 0));
    connection.post = as_unsigned<uint32_t>(element(row, 1));
    if (width == 4) {
      connection.weight = as_number(element(row, 2));
      connection.delay = as_number(element(row, 3));
    }
    list.push_back(connection);
  }
  return width;
}

// Rows are source neurons, columns target neurons; stored row-major.
std::vector<double> read_matrix(const Value& value, const Population& source,
                                const Population& target) {
  const size_t rows = as_array(value, "an array of rows, one per source neuron").size();
  if (rows != source.size)
    fail(value, "expected " + std::to_string(source.size) + " rows (one per neuron of source '" +
                    source.name + "'), got " + std::to_string(rows));
  std::vector<double> matrix;
  matrix.reserve(size_t{source.size} * target.size);
  for (size_t r = 0; r < rows; ++r) {
    const Value row = element(value, r);
    const std::vector<double> entries = as_numbers(row);
    if (entries.size() != target.size)
      fail(row, "expected " + std::to_string(target.size) + " entries (one per neuron of target '" +
                    target.name + "'), got " + std::to_string(entries.size()));
    matrix.insert(matrix.end(), entries.begin(), entries.end());
  }
  return matrix;
}

// Reads the connector; returns the width of from_list rows (0 for other kinds).
size_t read_connector(const Value& value, Projection& projection, const Network& network,
                      const std::string& projection_path) {
  Table table(value);
  toml_values::Options<const ConnectorKind*> options;
  for (const ConnectorKind& kind : connector_kinds()) options.emplace_back(kind.name, &kind);
  const ConnectorKind& kind = *require_choice(table, "kind", "connector kind", options);
  table.allow_only(kind.keys, std::string("for kind '") + kind.name + "'");

  Connector& connector = projection.connector;
  connector.kind = kind.kind;
  if (auto v = table.get("allow_self")) connector.allow_self = as_bool(*v);
  switch (kind.kind) {
    case Connector::Kind::kFixedProbability:
      connector.p = as_number(table.require("p", "a probability in [0, 1]"));
      break;
    case Connector::Kind::kFixedInDegree:
      connector.n = as_unsigned<uint32_t>(table.require("n", "an integer >= 0"));
      break;
    case Connector::Kind::kFixedTotalNumber:
      connector.n = as_unsigned<uint32_t>(table.require("n", "an integer >= 0 (synapses in all)"));
      // Distinct pairs would need every unit to know the others' draws; PyNN's generic path or
      // fixed_probability serve where multapses must not occur.
      if (auto v = table.get("with_replacement"); v && !as_bool(*v))
        fail(*v, "only with_replacement = true (independent pairs, multapses possible) is "
                 "available; leave it out, or use fixed_probability for distinct pairs");
      break;
    case Connector::Kind::kFromList:
      return read_connections(table.require("connections", "an array of [pre, post] rows"),
                              connector.list);
    case Connector::Kind::kDenseMatrix: {
      // The matrix shape depends on the sizes, so look the populations up here already.
      const auto& pops = network.populations;
      const Population& source =
          pops[population_index(network, projection.source, projection_path + ".source")];
      const Population& target =
          pops[population_index(network, projection.target, projection_path + ".target")];
      connector.matrix =
          read_matrix(table.require("matrix", "an array of rows of weights"), source, target);
      break;
    }
    case Connector::Kind::kAllToAll:
    case Connector::Kind::kOneToOne:
      break;
  }
  return 0;
}

enum class KeyUse { kRequired, kOptional, kUnused };

std::optional<Value> key_if_used(const Table& table, const char* key, KeyUse use,
                                 const std::string& expected, const std::string& unused_why) {
  auto value = table.get(key);
  if (use == KeyUse::kRequired && !value) table.require(key, expected);  // throws
  if (use == KeyUse::kUnused && value) fail(*value, "not used: " + unused_why + "; remove it");
  return value;
}

// Where the projection's weight and delay keys apply: not to a dense matrix's weights, not to a
// from_list whose rows carry their own; a from_list with [pre, post] rows takes them as constants.
void read_weight_delay(const Table& table, Projection& projection, size_t list_width, double dt) {
  const Connector::Kind kind = projection.connector.kind;
  const bool from_list = kind == Connector::Kind::kFromList;
  const bool own_values = from_list && list_width == 4;
  const bool empty_list = from_list && list_width == 0;
  KeyUse weight_use = KeyUse::kRequired;
  if (empty_list) weight_use = KeyUse::kOptional;
  if (own_values || kind == Connector::Kind::kDenseMatrix) weight_use = KeyUse::kUnused;
  const std::string unused_why = own_values
                                     ? "every row of connections gives its own weight and delay"
                                     : "the dense_matrix entries are the weights";
  auto weight =
      key_if_used(table, "weight", weight_use,
                  "a weight magnitude (uS or nA), a number or a distribution", unused_why);
  auto delay =
      key_if_used(table, "delay", own_values ? KeyUse::kUnused : KeyUse::kOptional, "", unused_why);
  if (weight) projection.weight = as_distribution(*weight);
  projection.delay = delay ? as_distribution(*delay) : Distribution::constant(dt);
  if (!from_list || list_width != 2) return;
  // Connection has room for one value each, so [pre, post] rows need constant ones.
  const char* vary = "; give [pre, post, weight, delay] rows to vary them";
  if (projection.weight.kind != Distribution::Kind::kConstant)
    fail(*weight, std::string("must be a number with [pre, post] connections") + vary);
  if (projection.delay.kind != Distribution::Kind::kConstant)
    fail(*delay, std::string("must be a number with [pre, post] connections") + vary);
  for (Connection& connection : projection.connector.list) {
    connection.weight = projection.weight.a;
    connection.delay = projection.delay.a;
  }
}

Projection read_projection(const Value& value, const Network& network) {
  Table table(value);
  table.allow_only(
      {"source", "target", "receptor", "connector", "weight", "delay", "synapse", "stp", "stdp",
       "release_probability"});
  Projection projection;
  projection.source = as_string(table.require("source", "a population name"));
  projection.target = as_string(table.require("target", "a population name"));
  if (auto v = table.get("receptor"))
    projection.receptor = as_choice<Receptor>(
        *v, "receptor",
        {{"excitatory", Receptor::kExcitatory}, {"inhibitory", Receptor::kInhibitory}});
  read_synapse_dynamics(table, projection.dynamics, projection.stp);
  if (auto v = table.get("stdp")) projection.stdp = read_stdp(*v);
  if (auto v = table.get("release_probability")) {
    projection.release_probability = as_number(*v);
    if (!(projection.release_probability >= 0 && projection.release_probability <= 1))
      fail(*v, "must be a probability in [0, 1]");
  }
  const size_t list_width = read_connector(table.require("connector", "a table { kind = ... }"),
                                           projection, network, table.path());
  read_weight_delay(table, projection, list_width, network.simulation.dt);
  return projection;
}

}  // namespace

void read_synapse_dynamics(const Table& table, SynapseDynamics& dynamics,
                           ShortTermPlasticity& stp) {
  if (auto v = table.get("synapse"))
    dynamics = as_choice<SynapseDynamics>(*v, "synapse dynamics",
                                          {{"additive", SynapseDynamics::kAdditive},
                                           {"renewing", SynapseDynamics::kRenewing},
                                           {"tsodyks_markram", SynapseDynamics::kTsodyksMarkram}});
  const auto v = table.get("stp");
  if (!v) return;
  if (dynamics != SynapseDynamics::kTsodyksMarkram)
    fail(*v, "stp needs synapse = \"tsodyks_markram\"");
  stp = read_stp(*v, stp);
}

ShortTermPlasticity read_stp(const Value& value, ShortTermPlasticity stp) {
  const Table t(value);
  t.allow_only({"U", "tau_rec", "tau_fac"});
  if (auto x = t.get("U")) {
    stp.U = as_number(*x);
    if (!(stp.U > 0 && stp.U <= 1)) fail(*x, "must be in (0, 1]");
  }
  if (auto x = t.get("tau_rec")) stp.tau_rec = toml_values::as_positive(*x);
  if (auto x = t.get("tau_fac")) {
    stp.tau_fac = as_number(*x);
    if (!(stp.tau_fac >= 0)) fail(*x, "must be >= 0 ms (0: no facilitation)");
  }
  return stp;
}

// [projections.stdp]: PyNN's SpikePairRule parameters and weight dependence; validate() checks
// the ranges against the weights.
Stdp read_stdp(const Value& value) {
  const Table t(value);
  t.allow_only({"weight_dependence", "pairing", "tau_plus", "tau_minus", "A_plus", "A_minus",
                "w_min", "w_max"});
  Stdp s;
  s.enabled = true;
  if (auto x = t.get("weight_dependence"))
    s.dependence = as_choice<WeightDependence>(*x, "weight dependence",
                                               {{"additive", WeightDependence::kAdditive},
                                                {"multiplicative", WeightDependence::kMultiplicative}});
  if (auto x = t.get("pairing"))
    s.pairing = as_choice<StdpPairing>(
        *x, "pairing", {{"all_to_all", StdpPairing::kAllToAll}, {"nearest", StdpPairing::kNearest}});
  if (auto x = t.get("tau_plus")) s.tau_plus = toml_values::as_positive(*x);
  if (auto x = t.get("tau_minus")) s.tau_minus = toml_values::as_positive(*x);
  if (auto x = t.get("A_plus")) s.A_plus = as_number(*x);
  if (auto x = t.get("A_minus")) s.A_minus = as_number(*x);
  if (auto x = t.get("w_min")) s.w_min = as_number(*x);
  if (auto x = t.get("w_max")) s.w_max = as_number(*x);
  return s;
}

std::vector<Projection> read_projections(const Table& root, const Network& network) {
  auto value = root.get("projections");
  if (!value) return {};
  const size_t n = as_array(*value, "an array of tables [[projections]]").size();
  std::vector<Projection> projections;
  for (size_t i = 0; i < n; ++i)
    projections.push_back(read_projection(element(*value, i), network));
  return projections;
}

}  // namespace spikewafer::config_readers
