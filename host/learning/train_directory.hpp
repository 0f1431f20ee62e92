// `spikewafer train` without the command line: for LIF networks in the loop the default sampling
// neuron calibrated into the output folder first, then the training (trainer.hpp), which writes
// training.csv, the weights, samples.csv and checkpoints there. The command and the Python
// package both call this.
#pragma once

#include <functional>
#include <string>

#include "learning/rbm.hpp"
#include "learning/training_config.hpp"

namespace spikewafer::learning {

Rbm train_to_directory(const TrainingConfig& config, const std::string& dir, bool resume,
                       int threads, const std::function<void(const std::string&)>& say);

}  // namespace spikewafer::learning
