// `spikewafer calibrate NEURON.toml --out DIR`: a sampling neuron's activation function.
// `spikewafer sample BM.toml --out DIR`: a LIF network sampling a Boltzmann machine, against the
// exact distribution and a Gibbs reference.
#pragma once

#include <CLI/CLI.hpp>

namespace spikewafer::cli {

void add_calibrate_command(CLI::App& app);
void add_sample_command(CLI::App& app);

}  // namespace spikewafer::cli
