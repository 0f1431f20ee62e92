// Ensembles without noise (docs/sampling.md, "Ensembles without noise"): each replica holds K
// copies of a sampling network, and every unit of a copy receives the spikes of `in_degree`
// randomly chosen units of the other copies on its excitatory receptor and of `in_degree` more
// on its inhibitory one, as its only background: no Poisson source, no background network. Each
// copy is a chain; the copies' spikes are each other's noise (Jordan, Petrovici et al., Sci. Rep.
// 9:18303, 2019). The noise is not independent of the state (a copy's input comes from units
// that sample the same distribution), which the closed-loop translation or training in the loop
// takes into account: they see the networks as they run.
#pragma once

#include <cstdint>
#include <string>

#include "spikewafer/network.hpp"

namespace spikewafer::sampling {

struct EnsembleSettings {
  uint32_t networks = 16;   // K: copies per replica, each a chain
  uint32_t in_degree = 40;  // inputs per unit and receptor, from units of the other copies
  double weight_E = 0.0025;  // uS (IF_cond_exp) or nA (IF_curr_exp), onto the sampling units
  double weight_I = 0.007;   // (noise_config.hpp's default_ensemble: the defaults per model)
  // Hz: the firing rate the calibration assumes for every source unit (the activation is
  // measured under the Poisson noise of in_degree x rate per receptor). The rate the units
  // really fire at depends on the target; sample.json reports it.
  double rate = 30.0;
  double delay = 1.0;       // ms, of the noise synapses
  uint64_t seed = 1;        // which units feed which
};

// Throws input_error "where.key: problem" for settings that cannot work.
void check_ensemble(const EnsembleSettings& settings, const std::string& where);

// The Poisson background the calibration measures the activation under: in_degree x rate per
// receptor at the ensemble's weights.
PoissonNoise ensemble_equivalent_noise(const EnsembleSettings& settings);

// Appends to `net` the noise projections onto population `target`, which holds `networks`
// copies of `units` units each (unit i of copy k is neuron k units + i): every unit draws
// in_degree excitatory and in_degree inhibitory sources among the units of the other copies:
// each in another network where there are more networks than in_degree, else distinct units.
// Throws input_error when the other copies have fewer than in_degree units.
// The projections are additive; the caller gives them the dynamics of the population's other
// synapses (the engine has one kind per source population).
void add_ensemble_noise(Network& net, const EnsembleSettings& settings, const std::string& target,
                        uint32_t units);

}  // namespace spikewafer::sampling
