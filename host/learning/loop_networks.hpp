// What the in-the-loop phases of training share (model_phase.hpp, data_phase.hpp): their
// networks' replica seeds and settings.
#pragma once

#include <cstdint>
#include <vector>

#include "sampling/coupling_graph.hpp"
#include "sampling/translation.hpp"

namespace spikewafer::learning {

// One chain per replica, seeded replica_seed(replica_seed(seed, stream), r): each phase and
// epoch its own stream, so that networks built anew each epoch repeat on a resume.
std::vector<sampling::ChainParams> loop_chains(uint32_t replicas, uint64_t seed, uint32_t stream);

// A synapse on both receptors for every pair (weights change sign while training); clampable
// for the data phase.
sampling::SamplingNetworkSettings loop_network_settings(uint64_t seed, bool clampable);

}  // namespace spikewafer::learning
