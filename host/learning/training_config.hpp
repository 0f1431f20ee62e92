// RBM.toml, the file of `spikewafer train` (docs/learning.md lists every key):
//   [rbm]       hidden, labels (classes; 0: none), weight_std
//   [data]      train, train_labels, test, test_labels (.csv or .npy, paths relative to the
//               file), or generate = "bars_and_stripes" with side = 2..4 (train and test alike)
//   [training]  epochs, batch_size, learning_rate, learning_rate_decay, momentum, weight_decay,
//               sampler ("gibbs" or "spiking"), cd_k, persistent, chains, window,
//               sample_interval, seed
//   [noise]     the background of the LIF networks in the loop (sampler = "spiking"): source =
//               "poisson" (default), "network" or "ensemble" with their keys (docs/sampling.md)
#pragma once

#include <string>

#include "learning/trainer.hpp"
#include "learning/training_data.hpp"
#include "sampling/sampling_neuron.hpp"

namespace spikewafer::learning {

struct TrainingConfig {
  std::string source;
  TrainingSettings settings;
  Dataset train, test;
  // The networks' neuron and noise (calibrated into the output folder before the first epoch).
  sampling::SamplingNeuron neuron = sampling::default_sampling_neuron(Model::kIfCondExp);
  std::string settings_text;  // the settings as read, for a resume to compare
};

// Where the images come from: the file's [data] (the command), or the caller, who fills
// TrainingConfig::train and test itself (Python's train() with numpy arrays); with kCaller
// [data] is not read and may be absent.
enum class DataSource { kConfig, kCaller };

// Throws spikewafer::Error (kInput) "file:line:col: key: problem; fix".
TrainingConfig read_training_config(const std::string& path,
                                    DataSource data = DataSource::kConfig);
TrainingConfig parse_training_config(const std::string& text, const std::string& source,
                                     const std::string& base_dir,
                                     DataSource data = DataSource::kConfig);

}  // namespace spikewafer::learning
