#include "sampling/sample_config.hpp"

#include <cmath>
#include <filesystem>

#include "io/config_readers.hpp"
#include "io/toml_document.hpp"
#include "io/toml_values.hpp"
#include "kernels/random.hpp"
#include "sampling/exact_distribution.hpp"
#include "sampling/noise_config.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::sampling {
namespace {

using toml_values::as_choice;
using toml_values::as_number;
using toml_values::as_positive;
using toml_values::as_unsigned;
using toml_values::fail;
using toml_values::Table;
using toml_values::Value;

const std::vector<std::string> kNeuronKeys = {"model", "dt", "params", "noise"};

// model, dt, params = {...}, noise = {...} on top of the sampling defaults.
SamplingNeuron read_neuron(const Table& table, const std::string& source) {
  Model model = Model::kIfCondExp;
  if (auto v = table.get("model"))
    model = as_choice<Model>(*v, "sampling neuron model",
                             {{"IF_cond_exp", Model::kIfCondExp},
                              {"IF_curr_exp", Model::kIfCurrExp},
                              {"EIF_cond_exp_isfa_ista", Model::kEifCondExpIsfaIsta}});
  SamplingNeuron neuron = default_sampling_neuron(model);
  if (auto v = table.get("dt")) neuron.dt = as_positive(*v);
  neuron.params = config_readers::read_params(table, model, neuron.params);
  neuron.noise = config_readers::read_noise(table, neuron.noise);
  check_sampling_neuron(neuron, source, table.path());  // positioned by the caller
  return neuron;
}

std::vector<std::string> with(std::vector<std::string> keys, const std::vector<std::string>& more) {
  keys.insert(keys.end(), more.begin(), more.end());
  return keys;
}

void read_sampler(const Table& t, const std::string& source, SampleConfig& c);
void read_tempering_table(const Table& t, SampleConfig& c);

SampleConfig read_sample(const toml::table& document, const std::string& source,
                         const std::filesystem::path& base_dir) {
  const Table root(Value{&document, "", source});
  root.allow_only({"target", "sampler", "noise", "tempering"});
  SampleConfig c;
  c.source = source;
  const auto target = root.get_table("target");
  if (!target) fail(root.value(), "missing [target]: give W and b, J and h, or random = {...}");
  c.target = read_target(*target, base_dir);
  const auto sampler = root.get_table("sampler");
  if (sampler) read_sampler(*sampler, source, c);
  if (const auto found = root.get_table("noise")) {
    read_noise_table(*found, sampler, c.neuron);
    if (c.neuron.ensemble && c.replicas % c.neuron.ensemble->networks != 0) {
      const auto v = found->get("networks");
      fail(v ? *v : found->value(),
           "an ensemble packs noise.networks = " + std::to_string(c.neuron.ensemble->networks) +
               " chains into each replica, so sampler.replicas (" + std::to_string(c.replicas) +
               ") must be a multiple of it");
    }
    if ((c.neuron.background || c.neuron.ensemble) && root.get_table("tempering"))
      fail(root.get_table("tempering")->value(),
           "the tempering comparison modulates Poisson noise; remove [tempering] or set "
           "noise.source = \"poisson\"");
  }
  if (const auto found = root.get_table("tempering")) {
    read_tempering_table(*found, c);
    const auto v = sampler ? sampler->get("translation") : std::nullopt;
    if (v && c.corrected)
      fail(*v, "the tempering comparison runs the open translation; remove the key or set "
               "translation = \"open\"");
    c.corrected = false;
  }
  return c;
}

void read_sampler(const Table& t, const std::string& source, SampleConfig& c) {
  t.allow_only(with(kNeuronKeys, {"duration", "replicas", "seed", "synapse", "stp", "burn_in",
                                  "sample_interval", "calibration_duration", "gibbs",
                                  "translation", "correction_rounds", "correction_window"}));
  c.neuron = read_neuron(t, source);
  if (auto v = t.get("duration")) c.duration = as_duration(*v);
  if (auto v = t.get("replicas")) c.replicas = as_unsigned<uint32_t>(*v, 1);
  if (auto v = t.get("seed")) c.seed = as_unsigned<uint64_t>(*v);
  config_readers::read_synapse_dynamics(t, c.dynamics, c.stp);
  if (auto v = t.get("burn_in")) c.burn_in = as_duration(*v, true);
  if (auto v = t.get("sample_interval")) c.sample_interval = as_positive(*v);
  if (auto v = t.get("calibration_duration")) c.calibration_duration = as_duration(*v);
  if (auto v = t.get("gibbs")) c.gibbs = toml_values::as_bool(*v);
  if (auto v = t.get("translation"))
    c.corrected = toml_values::as_choice<bool>(*v, "translation",
                                               {{"corrected", true}, {"open", false}});
  if (auto v = t.get("correction_rounds"))
    c.correction_rounds = read_correction_rounds(*v, SampleConfig{}.correction_rounds);
  if (auto v = t.get("correction_window")) c.correction_window = as_duration(*v);
  if (c.sample_interval > c.duration) {
    // Either may have been left at its default (1 ms, 100 s): name the one that was given.
    if (const auto v = t.get("sample_interval"))
      fail(*v, "must not exceed the duration (" + std::to_string(c.duration) + " ms)");
    fail(*t.get("duration"), "must be at least the sample interval (" +
                                 std::to_string(c.sample_interval) + " ms)");
  }
}

// [tempering] after [sampler], whose synapse and sample interval it depends on.
void read_tempering_table(const Table& t, SampleConfig& c) {
  const ShortTermPlasticity fallback =
      c.dynamics == SynapseDynamics::kTsodyksMarkram ? c.stp : TemperingSettings{}.stp;
  c.tempering = read_tempering(t, fallback);
  const bool classes = c.target.trained && c.target.trained->labels > 0;
  if (c.target.trained && !classes)
    fail(t.value(), "tempering on a trained network judges its samples by its label units, and "
                    "this one has none; train it with labels (rbm.labels) or remove [tempering]");
  if (!classes && c.target.bm.size() > kMaxExactUnits)
    fail(t.value(), "the tempering comparison needs the exact distribution (modes, DKL), i.e. at "
                    "most " + std::to_string(kMaxExactUnits) + " units, or a trained network "
                    "with label units ([target] trained = DIR); remove [tempering]");
  const NoiseSchedule& schedule = c.tempering->schedule;
  const double hottest = std::max(c.neuron.noise.rate_E, c.neuron.noise.rate_I) *
                         (1.0 + schedule.amplitude) * c.neuron.dt * 1e-3;
  if (hottest > kernels::kMaxPoissonMean) {
    const auto v = t.get("amplitude");
    fail(v ? *v : t.value(),
         "the hottest background gives " + std::to_string(hottest) + " Poisson events per step, "
         "more than the " + std::to_string(kernels::kMaxPoissonMean) +
         " supported; lower the amplitude or sampler.dt");
  }
  const double ticks = c.sample_interval / c.tempering->update_interval;
  if (std::fabs(ticks - std::round(ticks)) > 1e-6 || ticks < 0.999) {
    const auto v = t.get("update_interval");
    fail(v ? *v : t.value(), "sampler.sample_interval (" + std::to_string(c.sample_interval) +
                                 " ms) must be a whole multiple of update_interval; choose one "
                                 "that divides it");
  }
}

// Errors that name a key path without a position get the position of that key.
SampleConfig sample_from_document(const toml::table& document, const std::string& source,
                                  const std::filesystem::path& base_dir) {
  try {
    return read_sample(document, source, base_dir);
  } catch (const Error& e) {
    throw toml_values::with_position(e, document, source);
  }
}

NeuronFile read_neuron_document(const toml::table& document, const std::string& path) {
  const Table root(Value{&document, "", path});
  root.allow_only({"neuron", "noise", "calibration"});
  NeuronFile file;
  file.source = path;
  file.neuron = default_sampling_neuron(Model::kIfCondExp);
  const auto neuron = root.get_table("neuron");
  if (neuron) {
    neuron->allow_only(kNeuronKeys);
    file.neuron = read_neuron(*neuron, path);
  }
  if (auto t = root.get_table("noise")) read_noise_table(*t, neuron, file.neuron);
  if (auto t = root.get_table("calibration")) {
    t->allow_only({"points", "replicas", "duration", "seed"});
    CalibrationSettings& s = file.calibration;
    if (auto v = t->get("points")) s.points = as_unsigned<uint32_t>(*v, 5);
    if (auto v = t->get("replicas")) s.replicas_per_point = as_unsigned<uint32_t>(*v, 1);
    if (auto v = t->get("duration")) s.duration = as_duration(*v);
    if (auto v = t->get("seed")) s.seed = as_unsigned<uint64_t>(*v);
  }
  return file;
}

}  // namespace

uint32_t read_correction_rounds(const Value& value, uint32_t default_rounds) {
  const uint32_t rounds = as_unsigned<uint32_t>(value);
  if (rounds == 0 || rounds > 100)
    fail(value, "correction_rounds must be 1 to 100 (the default is " +
                    std::to_string(default_rounds) +
                    "); for no correction set translation = \"open\"");
  return rounds;
}

NeuronFile read_neuron_file(const std::string& path) {
  const toml::table document = toml_values::load_document(path, "neuron");
  try {
    return read_neuron_document(document, path);
  } catch (const Error& e) {
    throw toml_values::with_position(e, document, path);
  }
}

SampleConfig parse_sample_config(const std::string& text, const std::string& source,
                                 const std::string& base_dir) {
  return sample_from_document(toml_values::parse_document(text, source), source, base_dir);
}

SampleConfig read_sample_config(const std::string& path) {
  const std::filesystem::path base = std::filesystem::path(path).parent_path();
  return sample_from_document(toml_values::load_document(path, "sampling"), path, base);
}

}  // namespace spikewafer::sampling
