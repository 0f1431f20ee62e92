// `spikewafer train RBM.toml --out DIR [--resume] [--threads N] [--no-plots]`: contrastive-
// divergence training of a restricted Boltzmann machine with a Gibbs or an in-the-loop LIF model
// phase (docs/learning.md).
#pragma once

#include <CLI/CLI.hpp>

namespace spikewafer::cli {

void add_train_command(CLI::App& app);

}  // namespace spikewafer::cli
