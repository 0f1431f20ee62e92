#include "learning/training_config.hpp"

#include <filesystem>
#include <optional>
#include <sstream>
#include <utility>

#include "io/toml_document.hpp"
#include "io/toml_values.hpp"
#include "sampling/noise_config.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::learning {
namespace {

namespace fs = std::filesystem;
using toml_values::as_bool;
using toml_values::as_number;
using toml_values::as_positive;
using toml_values::as_string;
using toml_values::as_unsigned;
using toml_values::fail;
using toml_values::Table;
using toml_values::Value;

fs::path relative_to(const fs::path& base, const Value& value) {
  const fs::path p = as_string(value);
  return p.is_absolute() || base.empty() ? p : base / p;
}

void read_rbm(const Table& t, TrainingSettings& s) {
  t.allow_only({"hidden", "labels", "weight_std"});
  if (auto v = t.get("hidden")) s.hidden = as_unsigned<uint32_t>(*v, 1);
  if (auto v = t.get("labels")) s.labels = as_unsigned<uint32_t>(*v);
  if (auto v = t.get("weight_std")) s.weight_std = as_positive(*v);
}

void read_training(const Table& t, TrainingSettings& s) {
  t.allow_only({"epochs", "batch_size", "learning_rate", "learning_rate_decay", "momentum",
                "weight_decay", "sampler", "cd_k", "persistent", "chains", "settle", "window",
                "sample_interval", "data_phase", "seed"});
  if (auto v = t.get("epochs")) s.epochs = as_unsigned<uint32_t>(*v, 1);
  if (auto v = t.get("batch_size")) s.batch_size = as_unsigned<uint32_t>(*v, 1);
  if (auto v = t.get("learning_rate")) s.learning_rate = as_positive(*v);
  if (auto v = t.get("learning_rate_decay")) {
    s.learning_rate_decay = as_number(*v);
    if (!(s.learning_rate_decay >= 0)) fail(*v, "must be >= 0 (0: a constant rate)");
  }
  if (auto v = t.get("momentum")) {
    s.momentum = as_number(*v);
    if (!(s.momentum >= 0 && s.momentum < 1)) fail(*v, "must lie in [0, 1)");
  }
  if (auto v = t.get("weight_decay")) {
    s.weight_decay = as_number(*v);
    if (!(s.weight_decay >= 0)) fail(*v, "must be >= 0");
  }
  if (auto v = t.get("sampler"))
    s.sampler = toml_values::as_choice<ModelSampler>(
        *v, "model-phase sampler", {{"gibbs", ModelSampler::kGibbs}, {"spiking", ModelSampler::kSpiking}});
  if (auto v = t.get("cd_k")) s.cd_k = as_unsigned<uint32_t>(*v, 1);
  if (auto v = t.get("persistent")) s.persistent = as_bool(*v);
  if (auto v = t.get("chains")) s.chains = as_unsigned<uint32_t>(*v, 1);
  if (auto v = t.get("settle")) s.settle = as_duration(*v, true);
  if (auto v = t.get("window")) s.window = as_duration(*v);
  if (auto v = t.get("sample_interval")) s.sample_interval = as_positive(*v);
  if (auto v = t.get("data_phase")) {
    if (s.sampler != ModelSampler::kSpiking)
      fail(*v, "chooses where the spiking sampler's data phase runs; set sampler = \"spiking\" "
               "or remove it (the Gibbs sampler's data phase is exact)");
    s.data_on_networks = toml_values::as_choice<bool>(
        *v, "data phase", {{"networks", true}, {"exact", false}});
  }
  if (auto v = t.get("seed")) s.seed = as_unsigned<uint64_t>(*v);
}

void read_data(const Table& t, const fs::path& base, TrainingConfig& c) {
  t.allow_only({"train", "train_labels", "test", "test_labels", "generate", "side"});
  const uint32_t classes = c.settings.labels;
  if (auto v = t.get("generate")) {
    if (as_string(*v) != "bars_and_stripes")
      fail(*v, "unknown data generator '" + as_string(*v) + "'; allowed: bars_and_stripes");
    const auto side = t.get("side");
    c.train = bars_and_stripes(side ? as_unsigned<uint32_t>(*side, 2) : 3);
    if (classes != 0 && classes != 2)
      fail(*v, "bars and stripes have 2 classes; set rbm.labels = 2 or 0");
    if (classes == 0) c.train.labels.clear();
    c.test = c.train;
    return;
  }
  const Value train = t.require("train", "a .csv or .npy file of training images");
  const auto labels_of = [&](const char* key) {
    const auto v = t.get(key);
    return v ? relative_to(base, *v) : fs::path();
  };
  c.train = read_dataset(relative_to(base, train), labels_of("train_labels"), classes, "data.train");
  if (auto v = t.get("test"))
    c.test = read_dataset(relative_to(base, *v), labels_of("test_labels"), classes, "data.test");
}

// [noise]: the background of the networks in the loop (sampling/noise_config.hpp). An ensemble
// packs its networks into each replica as chains, so every set of networks in the loop (the
// model phase's chains, the data phase's batch where it runs on networks) must fill whole
// replicas.
void read_noise(const Table& t, const std::optional<Table>& training, TrainingConfig& c) {
  if (c.settings.sampler != ModelSampler::kSpiking)
    fail(t.value(), "[noise] configures the LIF networks in the loop; set training.sampler = "
                    "\"spiking\" or remove [noise]");
  sampling::read_noise_table(t, std::nullopt, c.neuron);
  if (!c.neuron.ensemble) return;
  const uint32_t networks = c.neuron.ensemble->networks;
  const auto whole_replicas = [&](const char* key, uint32_t count) {
    if (count % networks == 0) return;
    const auto v = training ? training->get(key) : std::nullopt;
    fail(v ? *v : t.value(),
         std::string("an ensemble packs noise.networks = ") + std::to_string(networks) +
             " networks into each replica, so training." + key + " (" + std::to_string(count) +
             ") must be a multiple of it");
  };
  whole_replicas("chains", c.settings.chains);
  if (c.settings.data_on_networks) whole_replicas("batch_size", c.settings.batch_size);
}

TrainingConfig read_config(const toml::table& document, const std::string& source,
                           const fs::path& base, DataSource source_of_data) {
  const Table root(Value{&document, "", source});
  root.allow_only({"rbm", "data", "training", "noise"});
  TrainingConfig c;
  c.source = source;
  if (auto t = root.get_table("rbm")) read_rbm(*t, c.settings);
  if (auto t = root.get_table("training")) read_training(*t, c.settings);
  if (auto t = root.get_table("noise")) read_noise(*t, root.get_table("training"), c);
  // DataSource::kCaller: the caller supplies the images (Python's numpy arrays); [data] is
  // not read.
  if (source_of_data == DataSource::kConfig) {
    const auto data = root.get_table("data");
    if (!data)
      fail(root.value(),
           "missing [data]: give train = \"images.csv\", or generate = \"bars_and_stripes\"");
    read_data(*data, base, c);
  }
  std::ostringstream text;  // what a resume must match: the document as read
  text << document;
  c.settings_text = text.str();
  return c;
}

TrainingConfig from_document(const toml::table& document, const std::string& source,
                             const fs::path& base, DataSource data) {
  try {
    return read_config(document, source, base, data);
  } catch (const Error& e) {
    throw toml_values::with_position(e, document, source);
  }
}

}  // namespace

TrainingConfig read_training_config(const std::string& path, DataSource data) {
  return from_document(toml_values::load_document(path, "training"), path,
                       fs::path(path).parent_path(), data);
}

TrainingConfig parse_training_config(const std::string& text, const std::string& source,
                                     const std::string& base_dir, DataSource data) {
  return from_document(toml_values::parse_document(text, source), source, base_dir, data);
}

}  // namespace spikewafer::learning
