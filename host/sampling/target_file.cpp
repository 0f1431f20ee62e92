#include "sampling/target_file.hpp"

#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/number_text.hpp"
#include "sampling/array_file.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::sampling {

namespace {

using toml_values::fail;
using toml_values::Table;
using toml_values::Value;

constexpr const char* kForms =
    "W and b (a Boltzmann machine) or J and h (a spin glass), each an inline array or a "
    ".npy/.csv file name, or random = { n, w_std, b_std, seed }, or trained = \"DIR\" (the "
    "output folder of spikewafer train)";
constexpr int kMaxRandomUnits = 1000;

// The form a key belongs to; keys of one form go together.
std::string form_of(const std::string& key) {
  if (key == "W" || key == "b") return "W and b";
  if (key == "J" || key == "h") return "J and h";
  return key;
}

NumberArray from_file(const Value& value, const std::filesystem::path& base_dir) {
  const std::filesystem::path path = base_dir / toml_values::as_string(value);
  std::error_code ignored;
  if (!std::filesystem::exists(path, ignored))
    fail(value, "'" + path.string() + "' does not exist; a relative path starts at the " +
                    "folder of the sampling file");
  try {
    return read_number_array(path);
  } catch (const Error& e) {
    fail(value, e.what());
  }
}

Eigen::MatrixXd read_matrix(const Value& value, const std::filesystem::path& base_dir,
                            const std::string& name) {
  if (value.node->is_string()) {
    const NumberArray array = from_file(value, base_dir);
    if (array.dims != 2)
      fail(value, "'" + toml_values::as_string(value) + "' is 1-D with " +
                      std::to_string(array.values.rows()) + " entries; " + name +
                      " needs a 2-D N x N array");
    return array.values;
  }
  const size_t rows =
      toml_values::as_array(value, "a matrix (an array of rows) or a .npy/.csv file name").size();
  std::vector<std::vector<double>> numbers;
  for (size_t r = 0; r < rows; ++r) {
    const Value row = toml_values::element(value, r);
    if (!row.node->is_array())
      fail(row, std::string("expected a row (an array of numbers), got ") +
                    toml_values::type_name(*row.node) + "; " + name + " = [[...], [...], ...]");
    numbers.push_back(toml_values::as_numbers(row));
    if (numbers.back().size() != numbers[0].size())
      fail(row, "has " + std::to_string(numbers.back().size()) + " entries but " + name +
                    "[0] has " + std::to_string(numbers[0].size()) + "; every row needs as many");
  }
  const auto cols = static_cast<Eigen::Index>(rows == 0 ? 0 : numbers[0].size());
  Eigen::MatrixXd matrix(static_cast<Eigen::Index>(rows), cols);
  for (size_t r = 0; r < rows; ++r)
    for (Eigen::Index c = 0; c < cols; ++c)
      matrix(static_cast<Eigen::Index>(r), c) = numbers[r][static_cast<size_t>(c)];
  return matrix;
}

Eigen::VectorXd read_vector(const Value& value, const std::filesystem::path& base_dir,
                            const std::string& name) {
  if (value.node->is_string()) {
    const NumberArray array = from_file(value, base_dir);
    // A .csv file may hold the vector as one line or as one number per line.
    if (array.values.cols() == 1) return array.values.col(0);
    if (array.values.rows() == 1) return array.values.row(0).transpose();
    fail(value, "'" + toml_values::as_string(value) + "' is " +
                    std::to_string(array.values.rows()) + " x " +
                    std::to_string(array.values.cols()) + "; " + name +
                    " needs a 1-D array (or a single row or column)");
  }
  if (!value.node->is_array())
    fail(value, std::string("expected an array of numbers or a .npy/.csv file name, got ") +
                    toml_values::type_name(*value.node));
  const std::vector<double> numbers = toml_values::as_numbers(value);
  return Eigen::Map<const Eigen::VectorXd>(numbers.data(),
                                           static_cast<Eigen::Index>(numbers.size()));
}

double read_std(const Table& random, const std::string& key, const std::string& what) {
  const Value value = random.require(key, what + ", a number >= 0");
  const double x = toml_values::as_number(value);
  if (!(x >= 0.0) || !std::isfinite(x))
    fail(value,
         "expected a finite number >= 0 (" + what + "), got " + toml_values::toml_text(value));
  return x;
}

BoltzmannMachine read_random(const Value& value) {
  const Table random(value);
  random.allow_only({"n", "w_std", "b_std", "seed"}, "in random");
  const Value n = random.require("n", "the number of units, 1.." + std::to_string(kMaxRandomUnits));
  const auto units = static_cast<int>(toml_values::as_integer(n, 1, kMaxRandomUnits));
  const double w_std = read_std(random, "w_std", "the standard deviation of the weights");
  const double b_std = read_std(random, "b_std", "the standard deviation of the biases");
  uint64_t seed = 1;
  if (auto s = random.get("seed")) seed = toml_values::as_unsigned<uint64_t>(*s);
  return random_boltzmann_machine(units, w_std, b_std, seed);
}

// The RBM of a `spikewafer train` folder: rbm.json gives the layers, W.csv, b.csv and c.csv
// the parameters (host/learning/trainer.hpp).
Target read_trained(const Value& value, const std::filesystem::path& base_dir) {
  const std::filesystem::path dir = base_dir / toml_values::as_string(value);
  const std::filesystem::path json_path = dir / "rbm.json";
  std::ifstream in(json_path);
  if (!in)
    fail(value, "'" + json_path.string() + "' cannot be read; trained = DIR names the output "
                    "folder of `spikewafer train` (a relative path starts at the folder of the "
                    "sampling file)");
  std::stringstream text;
  text << in.rdbuf();
  Rbm rbm;
  Target result;
  try {
    const nlohmann::json j = nlohmann::json::parse(text.str());
    rbm.visible = j.at("visible").get<uint32_t>();
    rbm.labels = j.at("labels").get<uint32_t>();
    rbm.hidden = j.at("hidden").get<uint32_t>();
    if (j.contains("label_frequencies"))
      result.label_frequencies = j.at("label_frequencies").get<std::vector<double>>();
  } catch (const nlohmann::json::exception& e) {
    fail(value, "'" + json_path.string() + "' is not the rbm.json of spikewafer train (" +
                    e.what() + "); train again into that folder");
  }
  const auto read = [&](const char* name, Eigen::Index rows, Eigen::Index cols) {
    const std::filesystem::path path = dir / name;
    NumberArray array;
    try {
      array = read_number_array(path);
    } catch (const Error& e) {
      fail(value, e.what());
    }
    Eigen::MatrixXd m = array.values;
    if (cols == 1 && m.rows() == 1) m.transposeInPlace();  // a vector on one line
    if (m.rows() != rows || m.cols() != cols)
      fail(value, "'" + path.string() + "' is " + std::to_string(m.rows()) + " x " +
                      std::to_string(m.cols()) + " but rbm.json's layers make it " +
                      std::to_string(rows) + " x " + std::to_string(cols) +
                      "; the folder mixes two trainings: train again into an empty folder");
    return m;
  };
  rbm.W = read("W.csv", rbm.inputs(), rbm.hidden);
  rbm.b = read("b.csv", rbm.inputs(), 1).col(0);
  rbm.c = read("c.csv", rbm.hidden, 1).col(0);
  if (!result.label_frequencies.empty() && result.label_frequencies.size() != rbm.labels)
    fail(value, "'" + json_path.string() + "' has " +
                    std::to_string(result.label_frequencies.size()) + " label frequencies for " +
                    std::to_string(rbm.labels) + " labels; train again into that folder");
  result.bm = as_boltzmann_machine(rbm);
  result.visible = static_cast<int>(rbm.inputs());
  result.trained = std::move(rbm);
  return result;
}

// validate() says "<where>.<key>: problem"; say it again at the position of that key.
[[noreturn]] void fail_at_key(const Error& error, const Table& target, const std::string& where) {
  const std::string message = error.what();
  const std::string prefix = where + ".";
  const size_t key_end = message.find(": ", prefix.size());
  if (message.compare(0, prefix.size(), prefix) == 0 && key_end != std::string::npos) {
    std::optional<Value> value = target.get(message.substr(prefix.size(), key_end - prefix.size()));
    if (!value) value = target.get("random");
    if (value) fail(*value, message.substr(key_end + 2));
  }
  throw error;
}

// An RBM couples only a visible unit (0..visible-1) with a hidden one (visible..N-1).
void check_restricted(const Eigen::MatrixXd& pair, int visible, const Value& value,
                      const std::string& name) {
  const auto n = static_cast<int>(pair.rows());
  for (int i = 0; i < n; ++i) {
    for (int j = i + 1; j < n; ++j) {
      if ((i < visible) != (j < visible) || pair(i, j) == 0.0) continue;
      fail(value, name + "[" + std::to_string(i) + "][" + std::to_string(j) +
                      "] = " + number_text(pair(i, j)) + " couples two " +
                      (i < visible ? "visible" : "hidden") +
                      " units, but with visible = " + std::to_string(visible) +
                      " only a visible unit (0.." + std::to_string(visible - 1) +
                      ") and a hidden one (" + std::to_string(visible) + ".." +
                      std::to_string(n - 1) + ") may be coupled; set it to 0 or remove visible");
    }
  }
}

}  // namespace

Target read_target(const Table& target, const std::filesystem::path& base_dir) {
  target.allow_only({"W", "b", "J", "h", "random", "trained", "visible"}, "in [target]");
  std::string first_key;
  for (const std::string key : {"W", "b", "J", "h", "random", "trained"}) {
    const std::optional<Value> value = target.get(key);
    if (!value) continue;
    if (first_key.empty()) first_key = key;
    if (form_of(key) != form_of(first_key))
      fail(*value, "[target] also has " + first_key + "; give one form of target: " + kForms);
  }
  if (first_key.empty()) fail(target.value(), std::string("no target given; give ") + kForms);
  if (first_key == "trained") {
    if (const auto visible = target.get("visible"))
      fail(*visible, "a trained network brings its own layers; remove visible");
    Target result = read_trained(*target.get("trained"), base_dir);
    try {
      validate(result.bm, std::string(target.value().source) + ": target.trained");
    } catch (const Error& e) {
      fail(*target.get("trained"), e.what());
    }
    return result;
  }

  Target result;
  std::optional<Value> visible = target.get("visible");
  if (visible) result.visible = static_cast<int>(toml_values::as_integer(*visible, 1, INT32_MAX));
  const std::string where = std::string(target.value().source) + ": " +
                            (target.path().empty() ? "target" : target.path());
  const std::string form = form_of(first_key);
  std::string pair_name = form == "J and h" ? "J" : "W";
  Eigen::MatrixXd pair;  // W or J as given, for the messages of check_restricted
  try {
    if (form == "random") {
      result.bm = read_random(*target.get("random"));
    } else if (form == "W and b") {
      pair = read_matrix(target.require("W", "the weights, a matrix"), base_dir, "W");
      result.bm.W = pair;
      result.bm.b = read_vector(target.require("b", "the biases, an array"), base_dir, "b");
      validate(result.bm, where);
    } else {
      SpinGlass sg;
      pair = read_matrix(target.require("J", "the couplings, a matrix"), base_dir, "J");
      sg.J = pair;
      sg.h = read_vector(target.require("h", "the fields, an array"), base_dir, "h");
      validate(sg, where);
      result.bm = to_boltzmann_machine(sg);
    }
  } catch (const Error& e) {
    fail_at_key(e, target, where);
  }

  if (visible) {
    const int n = result.bm.size();
    if (result.visible >= n)
      fail(*visible, "visible = " + std::to_string(result.visible) + " but the target has " +
                         std::to_string(n) + " units; an RBM needs at least one hidden unit, " +
                         "so visible must be in 1.." + std::to_string(n - 1));
    if (form == "random") {
      // A random RBM: keep only the visible-hidden block of the drawn weights.
      result.bm.W.topLeftCorner(result.visible, result.visible).setZero();
      result.bm.W.bottomRightCorner(n - result.visible, n - result.visible).setZero();
    } else {
      check_restricted(pair, result.visible, *target.get(pair_name), pair_name);
    }
  }
  return result;
}

}  // namespace spikewafer::sampling
