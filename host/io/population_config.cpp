// Reads the [populations.NAME] tables of NET.toml: which keys each model takes, and their types.
#include <cstdint>
#include <iterator>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "io/config_readers.hpp"
#include "io/toml_values.hpp"
#include "spikewafer/parameter_fields.hpp"

namespace spikewafer::config_readers {

namespace {

using toml_values::as_array;
using toml_values::as_distribution;
using toml_values::as_indices;
using toml_values::as_number;
using toml_values::as_numbers;
using toml_values::as_unsigned;
using toml_values::element;
using toml_values::fail;
using toml_values::require_choice;
using toml_values::Table;
using toml_values::Value;

struct NoiseField {
  const char* name;
  double PoissonNoise::*member;
};
constexpr NoiseField kNoiseFields[] = {{"rate_E", &PoissonNoise::rate_E},
                                       {"weight_E", &PoissonNoise::weight_E},
                                       {"rate_I", &PoissonNoise::rate_I},
                                       {"weight_I", &PoissonNoise::weight_I}};

std::string for_model(Model model) { return std::string("for ") + model_name(model); }

struct Trace {
  std::string name;
  std::vector<uint32_t> RecordSpec::*member;
};
std::vector<Trace> traces(Model model) {
  std::vector<Trace> out;
  for (size_t code = 0; code < std::size(kTraceLists); ++code)
    if (has_trace(model, code)) out.push_back({trace_name(code, model), kTraceLists[code]});
  return out;
}

std::vector<std::string> population_keys(Model model) {
  std::vector<std::string> keys = {"size", "model"};
  if (model == Model::kSpikeSourceArray) keys.push_back("spike_times");
  if (model == Model::kSpikeSourcePoisson)
    for (const SourceParamField& field : kPoissonSourceFields) keys.push_back(field.name);
  if (!is_spike_source(model)) keys.insert(keys.end(), {"params", "initial", "noise", "dc"});
  keys.push_back("record");
  for (const Trace& trace : traces(model)) keys.push_back("record_" + trace.name);
  if (!is_spike_source(model)) keys.push_back("sampling_interval");
  keys.push_back("rate_bin");
  return keys;
}

}  // namespace

namespace {

// The `params` table of a model: its table, and the names it may hold.
std::optional<Table> params_table(const Table& parent, Model model) {
  auto found = parent.get_table("params");
  if (!found) return found;
  std::vector<std::string> names;
  for (const NeuronParamField& field : kNeuronParamFields)
    if (has_param(model, field)) names.push_back(field.name);
  found->allow_only(names, for_model(model));
  return found;
}

}  // namespace

NeuronParams read_params(const Table& parent, Model model, NeuronParams params) {
  if (const auto table = params_table(parent, model))
    for (const NeuronParamField& field : kNeuronParamFields)
      if (auto v = table->get(field.name)) params.*field.param = as_number(*v);
  return params;
}

namespace {

// A population's params: each a number, or an array of one value per neuron.
void read_population_params(const Table& parent, Population& population) {
  const auto table = params_table(parent, population.model);
  if (!table) return;
  for (const NeuronParamField& field : kNeuronParamFields) {
    auto v = table->get(field.name);
    if (!v) continue;
    std::vector<double>& list = field.per_neuron ? population.per_neuron.*field.per_neuron
                                                 : population.i_offset_per_neuron;
    if (v->node->is_array()) list = as_numbers(*v);
    else population.params.*field.param = as_number(*v);
  }
}

// SpikeSourcePoisson's rate, start, stop, dead_time and shape: each a number or one value per
// neuron.
void read_poisson_source(const Table& table, Population& population) {
  for (const SourceParamField& field : kPoissonSourceFields) {
    const bool required = field.value == &Population::rate;
    const std::optional<Value> v =
        required ? table.require(field.name, "a rate (Hz)") : table.get(field.name);
    if (!v) continue;
    if (v->node->is_array()) population.per_neuron.*field.per_neuron = as_numbers(*v);
    else population.*field.value = as_number(*v);
  }
}

// Each initial value: a number, a distribution, or an array of one value per neuron.
InitialValues read_initial(const Table& population, Model model) {
  InitialValues initial;
  const auto found = population.get_table("initial");
  if (!found) return initial;
  const Table& table = *found;
  // The initial values have the names of the traces (kTraceLists' order).
  using Entry = std::pair<std::optional<Distribution>*, std::vector<double>*>;
  const Entry entries[] = {{&initial.v, &initial.v_per_neuron},
                           {&initial.syn_exc, &initial.syn_exc_per_neuron},
                           {&initial.syn_inh, &initial.syn_inh_per_neuron},
                           {&initial.w, &initial.w_per_neuron}};
  std::vector<std::string> names;
  std::vector<Entry> fields;
  for (const Trace& trace : traces(model)) {  // a prefix of kTraceLists: v, syn_exc, syn_inh, w
    fields.push_back(entries[names.size()]);
    names.push_back(trace.name);
  }
  if (is_hodgkin_huxley(model)) {  // the gates, which are not recorded
    names.insert(names.end(), {"m", "h", "n"});
    fields.insert(fields.end(), {{&initial.m, &initial.m_per_neuron},
                                 {&initial.h, &initial.h_per_neuron},
                                 {&initial.n, &initial.n_per_neuron}});
  }
  table.allow_only(names, for_model(model));
  for (size_t code = 0; code < names.size(); ++code) {
    const auto [distribution, list] = fields[code];
    auto v = table.get(names[code]);
    if (!v) continue;
    if (v->node->is_array()) *list = as_numbers(*v);
    else *distribution = as_distribution(*v);
  }
  return initial;
}

}  // namespace

PoissonNoise read_noise(const Table& population, PoissonNoise noise) {
  const auto found = population.get_table("noise");
  if (!found) return noise;
  const Table& table = *found;
  std::vector<std::string> names;
  for (const NoiseField& field : kNoiseFields) names.push_back(field.name);
  table.allow_only(names);
  for (const NoiseField& field : kNoiseFields)
    if (auto v = table.get(field.name)) noise.*field.member = as_number(*v);
  return noise;
}

namespace {

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
      // A trace variable in `record` means every neuron of the population: its index list is
      // made here, before any check of the whole network, so its size is checked first (a
      // population of 2^32 - 1 neurons allocated 16 GB and ended in std::bad_alloc).
      if (k >= 2 && size > kMostTracedNeurons)
        fail(element(*list, i), "records every one of " + std::to_string(size) +
                                    " neurons; traces of at most " +
                                    std::to_string(kMostTracedNeurons) +
                                    " neurons per population are kept (give record_" +
                                    model_traces[k - 2].name + " = [indices])");
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
      as_array(*value, "an array of tables { amplitude, start, stop, neurons, ... }").size();
  std::vector<DCSource> sources(n);
  for (size_t i = 0; i < n; ++i) {
    Table table(element(*value, i));
    table.allow_only({"amplitude", "start", "stop", "neurons", "frequency", "phase", "offset",
                      "stdev", "noise_dt", "seed"});
    sources[i].amplitude = as_number(table.require("amplitude", "a number (nA)"));
    if (auto v = table.get("start")) sources[i].start = as_number(*v);
    if (auto v = table.get("stop")) sources[i].stop = as_number(*v);
    if (auto v = table.get("neurons")) sources[i].neurons = as_indices(*v);
    if (auto v = table.get("frequency")) sources[i].frequency = as_number(*v);
    if (auto v = table.get("phase")) sources[i].phase = as_number(*v);
    if (auto v = table.get("offset")) sources[i].offset = as_number(*v);
    if (auto v = table.get("stdev")) sources[i].stdev = as_number(*v);
    if (auto v = table.get("noise_dt")) sources[i].noise_dt = as_number(*v);
    if (auto v = table.get("seed")) sources[i].seed = as_unsigned<uint64_t>(*v);
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
  for (Model m : {Model::kIfCurrExp, Model::kIfCondExp, Model::kIfCurrAlpha, Model::kIfCondAlpha,
                  Model::kSpikeSourceArray, Model::kSpikeSourcePoisson, Model::kEifCondExpIsfaIsta,
                  Model::kEifCondAlphaIsfaIsta, Model::kHhCondExp})
    options.emplace_back(model_name(m), m);
  return options;
}

Population read_population(const std::string& name, const Value& value) {
  Table table(value);
  Population population;
  population.name = name;
  const Model model = population.model = require_choice(table, "model", "model", model_options());
  table.allow_only(population_keys(model), for_model(model));
  population.params = default_params(model);
  population.size = as_unsigned<uint32_t>(table.require("size", "an integer >= 1"), 1);
  if (model == Model::kSpikeSourceArray)
    population.spike_times =
        read_spike_times(table.require("spike_times", "an array of spike times (ms)"));
  if (model == Model::kSpikeSourcePoisson) read_poisson_source(table, population);
  if (!is_spike_source(model)) {
    read_population_params(table, population);
    population.initial = read_initial(table, model);
    population.noise = read_noise(table, PoissonNoise{});
    population.dc_sources = read_dc(table);
  }
  population.record = read_record(table, model, population.size);
  return population;
}

}  // namespace

std::vector<Population> read_populations(const Table& root) {
  Table table(root.require("populations", "a table [populations.NAME] per population"));
  std::vector<Population> populations;
  for (const auto& [name, value] : table.entries_in_file_order())
    populations.push_back(read_population(name, value));
  if (populations.empty())
    fail(table.value(), "no populations; define at least one [populations.NAME]");
  return populations;
}

}  // namespace spikewafer::config_readers
