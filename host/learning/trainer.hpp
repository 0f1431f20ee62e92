// Contrastive-divergence training of an RBM (docs/learning.md): minibatches, momentum, weight
// decay, a learning rate that falls as lr / (1 + decay * epoch). With Gibbs chains the data
// phase is exact (the hidden units' conditional given each training input, which an RBM has in
// closed form); with LIF networks in the loop both phases run on networks, the data phase with
// the inputs clamped (data_phase.hpp, model_phase.hpp). After every
// epoch: a row of training.csv (exact log-likelihoods where the smaller layer allows, test
// accuracy with label units), the weights, and a checkpoint from which a killed run resumes
// with the same result as an uninterrupted one.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "learning/rbm.hpp"
#include "learning/training_data.hpp"
#include "sampling/calibration.hpp"

namespace spikewafer::learning {

enum class ModelSampler { kGibbs, kSpiking };

struct TrainingSettings {
  uint32_t hidden = 16;
  uint32_t labels = 0;          // classes; 0: no label units
  uint32_t epochs = 10;
  uint32_t batch_size = 20;
  double learning_rate = 0.05;
  double learning_rate_decay = 0.0;  // lr / (1 + decay * epoch)
  double momentum = 0.5;
  double weight_decay = 1e-4;
  double weight_std = 0.01;     // initial weights
  uint32_t cd_k = 1;            // Gibbs: half-sweep pairs per update
  bool persistent = true;       // Gibbs: persistent chains (PCD) or CD-k from the batch
  uint32_t chains = 64;         // persistent chains (Gibbs) or LIF replicas (spiking)
  ModelSampler sampler = ModelSampler::kGibbs;
  double settle = 20.0;         // spiking: ms run after each update before sampling (each phase)
  double window = 20.0;         // spiking: ms sampled per update (each phase)
  double sample_interval = 1.0;  // spiking: ms between states
  // spiking: the data phase on LIF networks with the inputs clamped (true), or the hidden
  // units' conditional computed exactly (false; data_phase.hpp)
  bool data_on_networks = true;
  uint64_t seed = 1;
};

struct TrainingRun {
  TrainingSettings settings;
  Dataset train, test;            // test may be empty
  const sampling::Calibration* calibration = nullptr;  // spiking only
  std::string dir;                // output folder
  bool resume = false;
  int threads = 0;
  std::string settings_text;      // what a resume must match (the config as read)
  std::function<void(const std::string&)> say;  // progress lines; may be empty
};

// Trains and writes into run.dir: training.csv, the weights (W.csv: inputs x hidden, b.csv,
// c.csv, and rbm.json: the layer sizes and the training labels' frequencies), the persistent chains' images (samples.csv: chains x visible, 0/1) and checkpoint.bin
// after every epoch. Returns the RBM.
Rbm train(const TrainingRun& run);

}  // namespace spikewafer::learning
