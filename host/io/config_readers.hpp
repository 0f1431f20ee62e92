// Internal to the NET.toml reader (network_config.cpp): the readers of its two large sections,
// each in its own file. Like the rest of the reader they check keys, types and structure, and
// leave ranges and cross-references to validate().
#pragma once

#include <vector>

#include "io/toml_values.hpp"
#include "spikewafer/network.hpp"

namespace spikewafer::config_readers {

// The [populations.NAME] tables, in file order (which numbers the neurons); at least one
// (population_config.cpp).
std::vector<Population> read_populations(const toml_values::Table& root);

// The [[projections]] tables, if any (projection_config.cpp). `network` has its simulation and
// populations read already: a projection's default delay is one dt, and a dense matrix's shape
// is its populations' sizes.
std::vector<Projection> read_projections(const toml_values::Table& root, const Network& network);

// The `params` and `noise` sub-tables of `parent` (a population, or a sampler's neuron), as
// changes to `params` and `noise`: keys not given keep their value.
NeuronParams read_params(const toml_values::Table& parent, Model model, NeuronParams params);
PoissonNoise read_noise(const toml_values::Table& parent, PoissonNoise noise);

// An `stp = { U, tau_rec, tau_fac }` table, as changes to `stp`.
ShortTermPlasticity read_stp(const toml_values::Value& value, ShortTermPlasticity stp);
// A projection's [stdp] table (network.hpp, Stdp), enabled.
Stdp read_stdp(const toml_values::Value& value);

// The `synapse` and `stp` keys of `table` (a projection, or a sampler's recurrent synapses),
// as changes to `dynamics` and `stp`.
void read_synapse_dynamics(const toml_values::Table& table, SynapseDynamics& dynamics,
                           ShortTermPlasticity& stp);

}  // namespace spikewafer::config_readers
