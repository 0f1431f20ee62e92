// Typed reading of TOML values for the network parser. Every getter checks the TOML type (and,
// for integers, a lower bound and the C++ type's range) and fails with the one message shape:
// "source:line:column: key.path: problem; what is allowed". Range checks on meaning (tau_m > 0)
// belong to validate(), which also serves networks that never were TOML.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "spikewafer/error.hpp"
#include "spikewafer/network.hpp"

namespace spikewafer::toml_values {

// A value of the document with what a message about it needs: its key path and the document's
// name (owned by the caller, who outlives every Value).
struct Value {
  const toml::node* node = nullptr;
  std::string path;  // "projections[0].connector.p"
  std::string_view source;
};

// "source:line:column", or "source" when toml++ recorded no position.
std::string location(std::string_view source, const toml::source_position& where);

// Throws spikewafer::Error (kInput) "source:line:column: path: problem".
[[noreturn]] void fail_at(std::string_view source, const toml::source_position& where,
                          const std::string& path, const std::string& problem);
[[noreturn]] void fail(const Value& value, const std::string& problem);

// validate() and population_index() say "source: key.path: problem" without lines: returns the
// error with the position of that key in the document, or unchanged when it has one already.
Error with_position(const Error& error, const toml::table& document, const std::string& source);

// "a string", "an integer", ...: the TOML type of a node, for "expected X, got Y".
const char* type_name(const toml::node& node);
// The value as TOML writes it ("-5.0", "\"ten\""), for "(got X)".
std::string toml_text(const Value& value);

// "a, b, c": the allowed names in a message.
std::string join(const std::vector<std::string>& names);

double as_number(const Value& value);  // a float, or an integer
double as_positive(const Value& value);  // a finite number > 0
// Times in ms or sweeps: > 0 (or >= 0 where `zero_allowed`) and at most kLongestDuration
// (spikewafer/simulator.hpp).
double as_duration(const Value& value, bool zero_allowed = false);
int64_t as_integer(const Value& value, int64_t min, int64_t max);
bool as_bool(const Value& value);
const std::string& as_string(const Value& value);
// `expected` describes what the array holds, for the wrong-type message ("an array of numbers").
const toml::array& as_array(const Value& value, std::string_view expected);
Value element(const Value& array_value, size_t index);  // path "key[index]"
std::vector<double> as_numbers(const Value& value);
std::vector<uint32_t> as_indices(const Value& value);  // neuron indices, integers >= 0
// A number, { uniform = [low, high] } or { normal = [mean, sd] }.
Distribution as_distribution(const Value& value);

// An integer that fits T and is at least `min`.
template <class T>
T as_unsigned(const Value& value, T min = 0) {
  constexpr auto kMax = std::numeric_limits<T>::max();
  constexpr int64_t kLimit = kMax > uint64_t{INT64_MAX} ? INT64_MAX : static_cast<int64_t>(kMax);
  return static_cast<T>(as_integer(value, static_cast<int64_t>(min), kLimit));
}

// The index of the string value in `names`; otherwise fails "unknown <what> 'x'; allowed: ...".
size_t choice_index(const Value& value, std::string_view what,
                    const std::vector<std::string>& names);

// The values a string key may take, and what each means.
template <class T>
using Options = std::vector<std::pair<std::string_view, T>>;

template <class T>
std::vector<std::string> option_names(const Options<T>& options) {
  std::vector<std::string> names;
  for (const auto& option : options) names.emplace_back(option.first);
  return names;
}

template <class T>
T as_choice(const Value& value, std::string_view what, const Options<T>& options) {
  return options[choice_index(value, what, option_names(options))].second;
}

// A TOML table being read: lookups by key that carry key paths and positions along.
class Table {
 public:
  explicit Table(Value value);  // fails unless the value is a table

  const Value& value() const { return value_; }
  const std::string& path() const { return value_.path; }

  // Fails on the first key, in file order, that `allowed` does not name; `context`
  // ("for IF_curr_exp") says why the list is what it is.
  void allow_only(const std::vector<std::string>& allowed, const std::string& context = "") const;
  std::optional<Value> get(std::string_view key) const;
  // An optional key whose value must be a table (fails if it is something else).
  std::optional<Table> get_table(std::string_view key) const;
  // Fails "missing required key; expected <expected>" at the table's position.
  Value require(std::string_view key, const std::string& expected) const;
  // The entries sorted by their position in the file: toml++ orders tables by key, but
  // population order (and thus neuron numbering) follows the file.
  std::vector<std::pair<std::string, Value>> entries_in_file_order() const;

 private:
  std::string child_path(std::string_view key) const;
  Value child(std::string_view key, const toml::node& node) const;

  const toml::table* table_;
  Value value_;
};

// A required key with a fixed set of values: the messages for missing and unknown values list them.
template <class T>
T require_choice(const Table& table, std::string_view key, std::string_view what,
                 const Options<T>& options) {
  const Value value = table.require(key, "one of " + join(option_names(options)));
  return as_choice(value, what, options);
}

}  // namespace spikewafer::toml_values
