// Exact-integration constants of each population for the run's dt, computed once in double
// precision on the host (docs/models.md has the equations).
#pragma once

#include <cstdint>
#include <vector>

#include "kernels/step_constants.hpp"
#include "spikewafer/network.hpp"

namespace spikewafer {

kernels::PopulationConstants population_constants(const Population& population, double dt,
                                                  uint32_t first_neuron);
// One entry per neuron for a population with per-neuron parameters (empty without them).
std::vector<kernels::PopulationConstants> neuron_constants(const Population& population,
                                                           double dt, uint32_t first_neuron);

// Bias and Poisson background of one population in one replica, after the replica's overrides.
kernels::ReplicaInputs replica_inputs(const Population& population, const ReplicaOverrides& o,
                                      uint32_t replica, double dt);

}  // namespace spikewafer
