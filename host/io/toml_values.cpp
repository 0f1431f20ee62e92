#include "io/toml_values.hpp"

#include <algorithm>
#include <charconv>
#include <sstream>
#include <tuple>

#include "spikewafer/error.hpp"
#include "spikewafer/simulator.hpp"

namespace spikewafer::toml_values {

namespace {

constexpr const char* kDistributionForms =
    "a number, { uniform = [low, high] }, { normal = [mean, sd] } or "
    "{ normal_clipped_to_boundary = [mean, sd] }";

bool before(const toml::source_position& a, const toml::source_position& b) {
  return std::tie(a.line, a.column) < std::tie(b.line, b.column);
}

// The two numbers of a [a, b] pair, named for the message ("[low, high]").
std::pair<double, double> as_pair(const Value& value, std::string_view form) {
  const std::string expected = "an array " + std::string(form) + " of two numbers";
  const toml::array& array = as_array(value, expected);
  if (array.size() != 2)
    fail(value, "expected " + expected + ", got " + std::to_string(array.size()) + " entries");
  return {as_number(element(value, 0)), as_number(element(value, 1))};
}

// The deepest node of a key path ("projections[0].connector.connections[5]") that the document
// has; a key that was left out (a default) resolves to the table it would be in.
const toml::node* find_path(const toml::table& document, std::string_view path) {
  const toml::node* node = &document;
  size_t i = 0;
  while (i < path.size()) {
    const toml::node* next = nullptr;
    if (path[i] == '[') {
      const size_t close = path.find(']', i);
      if (close == std::string_view::npos) break;
      size_t index = 0;
      const auto [end, error] = std::from_chars(path.data() + i + 1, path.data() + close, index);
      if (error != std::errc() || end != path.data() + close) break;
      if (const auto* array = node->as_array()) next = array->get(index);
      i = close + 1;
    } else {
      if (path[i] == '.') ++i;
      const size_t end = std::min(path.find_first_of(".[", i), path.size());
      if (const auto* table = node->as_table()) next = table->get(path.substr(i, end - i));
      i = end;
    }
    if (next == nullptr) break;
    node = next;
  }
  return node;
}

}  // namespace

std::string location(std::string_view source, const toml::source_position& where) {
  std::string text(source);
  if (where.line == 0) return text;
  return text + ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
}

void fail_at(std::string_view source, const toml::source_position& where, const std::string& path,
             const std::string& problem) {
  throw input_error(location(source, where) + ": " + path + ": " + problem);
}

void fail(const Value& value, const std::string& problem) {
  fail_at(value.source, value.node->source().begin, value.path, problem);
}

const char* type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::string toml_text(const Value& value) {
  std::ostringstream text;
  value.node->visit([&text](const auto& node) { text << node; });
  return text.str();
}

std::string join(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

double as_number(const Value& value) {
  // Integers are accepted where floats are expected: "size = 20" and "tau_m = 20" read alike.
  if (const auto* i = value.node->as_integer()) return static_cast<double>(i->get());
  if (const auto* f = value.node->as_floating_point()) return f->get();
  fail(value, std::string("expected a number, got ") + type_name(*value.node));
}

double as_positive(const Value& value) {
  const double x = as_number(value);
  if (!(x > 0) || !std::isfinite(x)) fail(value, "must be a positive number");
  return x;
}

double as_duration(const Value& value, bool zero_allowed) {
  const double x = as_number(value);
  if (!(zero_allowed ? x >= 0 : x > 0) || !std::isfinite(x))
    fail(value, zero_allowed ? "must be >= 0" : "must be a positive number");
  if (x > kLongestDuration)
    fail(value, "must be at most 1e9 (ms or sweeps: 1e9 ms of emulation takes 1e10 steps of "
                "0.1 ms, a day or more of computing)");
  return x;
}

int64_t as_integer(const Value& value, int64_t min, int64_t max) {
  // The upper bound is the C++ type's and rarely matters, so messages name it only when hit.
  const std::string expected = "expected an integer >= " + std::to_string(min);
  const auto* i = value.node->as_integer();
  if (i == nullptr) fail(value, expected + ", got " + type_name(*value.node));
  if (i->get() < min) fail(value, expected + ", got " + std::to_string(i->get()));
  if (i->get() > max)
    fail(value,
         "expected an integer <= " + std::to_string(max) + ", got " + std::to_string(i->get()));
  return i->get();
}

bool as_bool(const Value& value) {
  if (const auto* b = value.node->as_boolean()) return b->get();
  fail(value, std::string("expected true or false, got ") + type_name(*value.node));
}

const std::string& as_string(const Value& value) {
  if (const auto* s = value.node->as_string()) return s->get();
  fail(value, std::string("expected a string, got ") + type_name(*value.node));
}

const toml::array& as_array(const Value& value, std::string_view expected) {
  if (const auto* a = value.node->as_array()) return *a;
  fail(value, "expected " + std::string(expected) + ", got " + type_name(*value.node));
}

Value element(const Value& array_value, size_t index) {
  const toml::node& node = (*array_value.node->as_array())[index];
  return {&node, array_value.path + "[" + std::to_string(index) + "]", array_value.source};
}

std::vector<double> as_numbers(const Value& value) {
  const size_t n = as_array(value, "an array of numbers").size();
  std::vector<double> numbers;
  numbers.reserve(n);
  for (size_t i = 0; i < n; ++i) numbers.push_back(as_number(element(value, i)));
  return numbers;
}

std::vector<uint32_t> as_indices(const Value& value) {
  const size_t n = as_array(value, "an array of neuron indices").size();
  std::vector<uint32_t> indices;
  indices.reserve(n);
  for (size_t i = 0; i < n; ++i) indices.push_back(as_unsigned<uint32_t>(element(value, i)));
  return indices;
}

Distribution as_distribution(const Value& value) {
  if (value.node->is_number()) return Distribution::constant(as_number(value));
  if (!value.node->is_table())
    fail(value, std::string("expected ") + kDistributionForms + ", got " + type_name(*value.node));
  Table table(value);
  table.allow_only({"uniform", "normal", "normal_clipped_to_boundary"}, "in a distribution");
  if (table.get("uniform") && table.get("normal"))
    fail(value, "give uniform or normal, not both");
  if (auto clipped = table.get("normal_clipped_to_boundary")) {
    if (table.get("uniform") || table.get("normal"))
      fail(value, "give one of uniform, normal and normal_clipped_to_boundary");
    auto [mean, sd] = as_pair(*clipped, "[mean, sd]");
    return Distribution::normal_clipped_to_boundary(mean, sd);
  }
  if (auto uniform = table.get("uniform")) {
    auto [low, high] = as_pair(*uniform, "[low, high]");
    return Distribution::uniform(low, high);
  }
  if (auto normal = table.get("normal")) {
    auto [mean, sd] = as_pair(*normal, "[mean, sd]");
    return Distribution::normal(mean, sd);
  }
  fail(value, std::string("empty distribution; expected ") + kDistributionForms);
}

size_t choice_index(const Value& value, std::string_view what,
                    const std::vector<std::string>& names) {
  const std::string allowed = "; allowed: " + join(names);
  if (!value.node->is_string())
    fail(value, std::string("expected a string, got ") + type_name(*value.node) + allowed);
  const std::string& name = as_string(value);
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return i;
  fail(value, "unknown " + std::string(what) + " '" + name + "'" + allowed);
}

Table::Table(Value value) : table_(value.node->as_table()), value_(std::move(value)) {
  if (table_ == nullptr)
    fail(value_, std::string("expected a table, got ") + type_name(*value_.node));
}

void Table::allow_only(const std::vector<std::string>& allowed, const std::string& context) const {
  const toml::key* first_unknown = nullptr;
  for (auto&& [key, node] : *table_) {
    if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
    if (first_unknown == nullptr || before(key.source().begin, first_unknown->source().begin))
      first_unknown = &key;
  }
  if (first_unknown == nullptr) return;
  const std::string what = context.empty() ? "unknown key" : "unknown key " + context;
  fail_at(value_.source, first_unknown->source().begin, child_path(first_unknown->str()),
          what + "; allowed: " + join(allowed));
}

std::optional<Value> Table::get(std::string_view key) const {
  const toml::node* node = table_->get(key);
  if (node == nullptr) return std::nullopt;
  return child(key, *node);
}

std::optional<Table> Table::get_table(std::string_view key) const {
  if (auto value = get(key)) return Table(*value);
  return std::nullopt;
}

Value Table::require(std::string_view key, const std::string& expected) const {
  if (auto value = get(key)) return *value;
  fail_at(value_.source, table_->source().begin, child_path(key),
          "missing required key; expected " + expected);
}

std::vector<std::pair<std::string, Value>> Table::entries_in_file_order() const {
  std::vector<std::pair<std::string, Value>> entries;
  for (auto&& [key, node] : *table_)
    entries.emplace_back(std::string(key.str()), child(key.str(), node));
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return before(a.second.node->source().begin, b.second.node->source().begin);
  });
  return entries;
}

std::string Table::child_path(std::string_view key) const {
  return value_.path.empty() ? std::string(key) : value_.path + "." + std::string(key);
}

Value Table::child(std::string_view key, const toml::node& node) const {
  return {&node, child_path(key), value_.source};
}

// validate() and population_index() say "source: key.path: problem" without lines; add the
// position of that key in the document.
Error with_position(const Error& error, const toml::table& document, const std::string& source) {
  const std::string message = error.what();
  const std::string prefix = source + ": ";
  if (message.compare(0, prefix.size(), prefix) != 0) return error;  // already positioned
  const size_t path_end = message.find(": ", prefix.size());
  if (path_end == std::string::npos) return error;
  const std::string_view path(message.data() + prefix.size(), path_end - prefix.size());
  const toml::node* node = find_path(document, path);
  if (node == &document) return error;
  return input_error(toml_values::location(source, node->source().begin) +
                     message.substr(source.size()));
}

}  // namespace spikewafer::toml_values
