// The [noise] table of BM.toml, NEURON.toml and RBM.toml: where a sampling neuron's background
// comes from.
//   source = "poisson" (default): private Poisson sources, configured by the neuron's `noise`;
//   source = "network": a spiking background network (background_network.hpp), with its keys;
//   source = "ensemble": copies of the sampling network as each other's noise
//                        (ensemble_noise.hpp), with its keys.
#pragma once

#include <optional>

#include "io/toml_values.hpp"
#include "sampling/background_network.hpp"
#include "sampling/ensemble_noise.hpp"
#include "sampling/sampling_neuron.hpp"

namespace spikewafer::sampling {

// At most one of the two is set; neither: Poisson noise.
struct NoiseSource {
  std::optional<BackgroundNetworkSettings> background;
  std::optional<EnsembleSettings> ensemble;
};

// The settings of the source for sampling neurons of `model` (weights onto them in uS or nA).
// Fails "file:line:col: noise.key: problem; fix".
NoiseSource read_noise_source(const toml_values::Table& table, Model model);

// The defaults for `model`: the weights onto the sampling neurons are conductances (uS) for
// IF_cond_exp and currents (nA) of about the same effect for IF_curr_exp.
BackgroundNetworkSettings default_background(Model model);
EnsembleSettings default_ensemble(Model model);

// Reads [noise] into `neuron`, after the neuron it feeds (its model sets the weights' units): a
// network background or an ensemble replaces the Poisson noise, so the neuron's own `noise`
// key (in `neuron_table`, where the neuron was given) is then an error. With an ensemble,
// neuron.noise becomes its Poisson equivalent, for the calibration.
void read_noise_table(const toml_values::Table& table,
                      const std::optional<toml_values::Table>& neuron_table,
                      SamplingNeuron& neuron);

}  // namespace spikewafer::sampling
