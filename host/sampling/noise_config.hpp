// The [noise] table of BM.toml and NEURON.toml: where a sampling neuron's background comes from.
//   source = "poisson" (default): private Poisson sources, configured by the neuron's `noise`;
//   source = "network": a spiking background network (background_network.hpp), with its keys.
#pragma once

#include <optional>

#include "io/toml_values.hpp"
#include "sampling/background_network.hpp"

namespace spikewafer::sampling {

// The settings of a network background for sampling neurons of `model` (weights onto them in
// uS or nA), or nullopt for Poisson noise. Fails "file:line:col: noise.key: problem; fix".
std::optional<BackgroundNetworkSettings> read_noise_source(const toml_values::Table& table,
                                                           Model model);

// The defaults for `model`: the weights onto the sampling neurons are conductances (uS) for
// IF_cond_exp and currents (nA) of about the same effect for IF_curr_exp.
BackgroundNetworkSettings default_background(Model model);

}  // namespace spikewafer::sampling
