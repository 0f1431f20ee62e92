// Reads NET.toml into a Network. This file checks keys, types and structure, with file positions
// (via io/toml_values.hpp); ranges and cross-references are validate()'s, and its messages get
// their position here by looking up the key path they name in the document.
#include "io/network_config.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "io/toml_values.hpp"
#include "network/layout.hpp"
#include "network/validate.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer {

namespace {

using toml_values::as_array;
using toml_values::as_bool;
using toml_values::as_choice;
using toml_values::as_distribution;
using toml_values::as_indices;
using toml_values::as_number;
using toml_values::as_numbers;
using toml_values::as_string;
using toml_values::as_unsigned;
using toml_values::element;
using toml_values::fail;
using toml_values::require_choice;
using toml_values::Table;
using toml_values::Value;

// --- populations -------------------------------------------------------------------------------

struct ParamField {
  const char* name;
  double NeuronParams::*member;
  bool conductance_only;  // reversal potentials: IF_curr_exp has none
};
constexpr ParamField kParamFields[] = {
    {"tau_m", &NeuronParams::tau_m, false},
    {"cm", &NeuronParams::cm, false},
    {"v_rest", &NeuronParams::v_rest, false},
    {"v_thresh", &NeuronParams::v_thresh, false},
    {"v_reset", &NeuronParams::v_reset, false},
    {"tau_refrac", &NeuronParams::tau_refrac, false},
    {"tau_syn_E", &NeuronParams::tau_syn_E, false},
    {"tau_syn_I", &NeuronParams::tau_syn_I, false},
    {"e_rev_E", &NeuronParams::e_rev_E, true},
    {"e_rev_I", &NeuronParams::e_rev_I, true},
    {"i_offset", &NeuronParams::i_offset, false},
};

struct NoiseField {
  const char* name;
  double PoissonNoise::*member;
};
constexpr NoiseField kNoiseFields[] = {{"rate_E", &PoissonNoise::rate_E},
                                       {"weight_E", &PoissonNoise::weight_E},
                                       {"rate_I", &PoissonNoise::rate_I},
                                       {"weight_I", &PoissonNoise::weight_I}};

// The synaptic state variables are conductances (gsyn_*) or currents (isyn_*) by model.
std::string syn_name(Model model, const char* receptor) {
  return std::string(is_conductance_based(model) ? "gsyn_" : "isyn_") + receptor;
}

std::string for_model(Model model) { return std::string("for ") + model_name(model); }

struct Trace {
  std::string name;
  std::vector<uint32_t> RecordSpec::*member;
};
std::vector<Trace> traces(Model model) {
  if (is_spike_source(model)) return {};
  return {{"v", &RecordSpec::v},
          {syn_name(model, "exc"), &RecordSpec::syn_exc},
          {syn_name(model, "inh"), &RecordSpec::syn_inh}};
}

std::vector<std::string> population_keys(Model model) {
  std::vector<std::string> keys = {"size", "model"};
  if (model == Model::kSpikeSourceArray) keys.push_back("spike_times");
  if (model == Model::kSpikeSourcePoisson) keys.push_back("rate");
  if (!is_spike_source(model)) keys.insert(keys.end(), {"params", "initial", "noise", "dc"});
  keys.push_back("record");
  for (const Trace& trace : traces(model)) keys.push_back("record_" + trace.name);
  if (!is_spike_source(model)) keys.push_back("sampling_interval");
  keys.push_back("rate_bin");
  return keys;
}

NeuronParams read_params(const Table& population, Model model) {
  NeuronParams params;
  auto value = population.get("params");
  if (!value) return params;
  Table table(*value);
  std::vector<std::string> names;
  for (const ParamField& field : kParamFields)
    if (is_conductance_based(model) || !field.conductance_only) names.push_back(field.name);
  table.allow_only(names, for_model(model));
  for (const ParamField& field : kParamFields)
    if (auto v = table.get(field.name)) params.*field.member = as_number(*v);
  return params;
}

InitialValues read_initial(const Table& population, Model model) {
  InitialValues initial;
  auto value = population.get("initial");
  if (!value) return initial;
  Table table(*value);
  const std::string exc = syn_name(model, "exc"), inh = syn_name(model, "inh");
  table.allow_only({"v", exc, inh}, for_model(model));
  if (auto v = table.get("v")) initial.v = as_distribution(*v);
  if (auto v = table.get(exc)) initial.syn_exc = as_distribution(*v);
  if (auto v = table.get(inh)) initial.syn_inh = as_distribution(*v);
  return initial;
}

PoissonNoise read_noise(const Table& population) {
  PoissonNoise noise;
  auto value = population.get("noise");
  if (!value) return noise;
  Table table(*value);
  std::vector<std::string> names;
  for (const NoiseField& field : kNoiseFields) names.push_back(field.name);
  table.allow_only(names);
  for (const NoiseField& field : kNoiseFields)
    if (auto v = table.get(field.name)) noise.*field.member = as_number(*v);
  return noise;
}

std::vector<uint32_t> all_neurons(uint32_t size) {
  std::vector<uint32_t> indices(size);
  std::iota(indices.begin(), indices.end(), 0u);
  return indices;
}

RecordSpec read_record(const Table& population, Model model, uint32_t size) {
  RecordSpec record;
  const std::vector<Trace> model_traces = traces(model);
  if (auto list = population.get("record")) {
    std::vector<std::string> names = {"spikes", "rate"};
    for (const Trace& trace : model_traces) names.push_back(trace.name);
    const size_t n = as_array(*list, "an array of variable names").size();
    for (size_t i = 0; i < n; ++i) {
      const size_t k = toml_values::choice_index(element(*list, i), "variable", names);
      if (k == 0) record.spikes = true;
      if (k == 1) record.rate = true;
      // A trace variable in `record` means every neuron of the population.
      if (k >= 2) record.*model_traces[k - 2].member = all_neurons(size);
    }
  }
  for (const Trace& trace : model_traces) {
    auto v = population.get("record_" + trace.name);
    if (!v) continue;
    if (!(record.*trace.member).empty())
      fail(*v, "\"" + trace.name + "\" in record already records every neuron; keep one of them");
    record.*trace.member = as_indices(*v);
  }
  if (auto v = population.get("sampling_interval")) {
    record.sampling_interval = as_number(*v);
    // 0 is how RecordSpec says "every step"; in the file that is said by leaving the key out.
    if (!(record.sampling_interval > 0))
      fail(*v, "must be > 0 (got " + toml_values::toml_text(*v) +
                   "); leave it out to sample every step");
  }
  if (auto v = population.get("rate_bin")) record.rate_bin = as_number(*v);
  return record;
}

std::vector<DCSource> read_dc(const Table& population) {
  auto value = population.get("dc");
  if (!value) return {};
  const size_t n =
      as_array(*value, "an array of tables { amplitude, start, stop, neurons }").size();
  std::vector<DCSource> sources(n);
  for (size_t i = 0; i < n; ++i) {
    Table table(element(*value, i));
    table.allow_only({"amplitude", "start", "stop", "neurons"});
    sources[i].amplitude = as_number(table.require("amplitude", "a number (nA)"));
    if (auto v = table.get("start")) sources[i].start = as_number(*v);
    if (auto v = table.get("stop")) sources[i].stop = as_number(*v);
    if (auto v = table.get("neurons")) sources[i].neurons = as_indices(*v);
  }
  return sources;
}

// [t1, t2, ...] is one list shared by all neurons; [[...], [...]] one list per neuron.
std::vector<std::vector<double>> read_spike_times(const Value& value) {
  const toml::array& array = as_array(value, "an array of times, or one array of times per neuron");
  if (array.empty() || !array[0].is_array()) return {as_numbers(value)};
  std::vector<std::vector<double>> lists;
  for (size_t i = 0; i < array.size(); ++i) lists.push_back(as_numbers(element(value, i)));
  return lists;
}

toml_values::Options<Model> model_options() {
  toml_values::Options<Model> options;
  for (Model m :
       {Model::kIfCurrExp, Model::kIfCondExp, Model::kSpikeSourceArray, Model::kSpikeSourcePoisson})
    options.emplace_back(model_name(m), m);
  return options;
}

Population read_population(const std::string& name, const Value& value) {
  Table table(value);
  Population population;
  population.name = name;
  const Model model = population.model = require_choice(table, "model", "model", model_options());
  table.allow_only(population_keys(model), for_model(model));
  population.size = as_unsigned<uint32_t>(table.require("size", "an integer >= 1"), 1);
  if (model == Model::kSpikeSourceArray)
    population.spike_times =
        read_spike_times(table.require("spike_times", "an array of spike times (ms)"));
  if (model == Model::kSpikeSourcePoisson)
    population.rate = as_number(table.require("rate", "a rate (Hz)"));
  if (!is_spike_source(model)) {
    population.params = read_params(table, model);
    population.initial = read_initial(table, model);
    population.noise = read_noise(table);
    population.dc_sources = read_dc(table);
  }
  population.record = read_record(table, model, population.size);
  return population;
}

std::vector<Population> read_populations(const Table& root) {
  Table table(root.require("populations", "a table [populations.NAME] per population"));
  std::vector<Population> populations;
  for (const auto& [name, value] : table.entries_in_file_order())
    populations.push_back(read_population(name, value));
  if (populations.empty())
    fail(table.value(), "no populations; define at least one [populations.NAME]");
  return populations;
}

// --- projections -------------------------------------------------------------------------------

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
  table.allow_only({"source", "target", "receptor", "connector", "weight", "delay"});
  Projection projection;
  projection.source = as_string(table.require("source", "a population name"));
  projection.target = as_string(table.require("target", "a population name"));
  if (auto v = table.get("receptor"))
    projection.receptor = as_choice<Receptor>(
        *v, "receptor",
        {{"excitatory", Receptor::kExcitatory}, {"inhibitory", Receptor::kInhibitory}});
  const size_t list_width = read_connector(table.require("connector", "a table { kind = ... }"),
                                           projection, network, table.path());
  read_weight_delay(table, projection, list_width, network.simulation.dt);
  return projection;
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

// --- simulation and overrides ------------------------------------------------------------------

SimulationSettings read_simulation(const Table& root) {
  SimulationSettings settings;
  auto value = root.get("simulation");
  if (!value) return settings;
  Table table(*value);
  table.allow_only({"dt", "duration", "seed", "replicas"});
  if (auto v = table.get("dt")) settings.dt = as_number(*v);
  if (auto v = table.get("duration")) settings.duration = as_number(*v);
  if (auto v = table.get("seed")) settings.seed = as_unsigned<uint64_t>(*v);
  if (auto v = table.get("replicas")) settings.replicas = as_unsigned<uint32_t>(*v, 1);
  return settings;
}

ReplicaOverrides read_overrides(const Table& root) {
  ReplicaOverrides overrides;
  auto value = root.get("overrides");
  if (!value) return overrides;
  Table table(*value);
  struct Field {
    const char* name;
    std::vector<double> ReplicaOverrides::*member;
  };
  const Field fields[] = {{"rate_E", &ReplicaOverrides::rate_E},
                          {"rate_I", &ReplicaOverrides::rate_I},
                          {"i_offset", &ReplicaOverrides::i_offset},
                          {"weight_scale", &ReplicaOverrides::weight_scale}};
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
  network.populations = read_populations(root);
  network.projections = read_projections(root, network);
  network.overrides = read_overrides(root);
  return network;
}

// Reads a whole file; returns 0 or the errno of the failure.
int read_file(const std::string& path, std::string& text) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) return errno;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) text.append(buffer, n);
  return std::ferror(file.get()) ? (errno != 0 ? errno : EIO) : 0;
}

}  // namespace

Network parse_network_toml(std::string_view text, const std::string& source) {
  toml::table document;
  try {
    document = toml::parse(text, std::string_view(source));
  } catch (const toml::parse_error& e) {
    throw input_error(toml_values::location(source, e.source().begin) +
                      ": invalid TOML: " + std::string(e.description()));
  }
  try {
    Network network = read_network(document, source);
    validate(network);
    return network;
  } catch (const Error& e) {
    throw toml_values::with_position(e, document, source);
  }
}

Network load_network_toml(const std::string& path) {
  std::string text;
  errno = 0;
  if (const int error = read_file(path, text); error != 0)
    throw input_error("cannot read network file '" + path + "': " + std::strerror(error));
  return parse_network_toml(text, path);
}

}  // namespace spikewafer
