// The network the emulated hardware runs (docs/wafer.md, "Running the mapped network"): the
// ideal network whose projections keep only their realised synapses, each with its quantized
// weight and the delay its route gives (Projection::mapped; the network's own delays with
// MappingOptions::delays = kIdeal), and optionally a seeded fixed pattern of neuron variation.
#pragma once

#include <cstdint>

#include "spikewafer/network.hpp"
#include "wafer/mapping.hpp"

namespace spikewafer::wafer {

struct MappedNetworkOptions {
  // Fixed-pattern variation: relative standard deviation of each LIF neuron's threshold distance
  // v_thresh - v_rest, tau_m, tau_syn_E, tau_syn_I and tau_refrac (per-neuron parameters), 0 for
  // none.
  double variation = 0.0;
  uint64_t seed = 0;  // the variation's pattern; the same seed gives the same chip
};

// Largest accepted variation (beyond it the factors' clamp at 0.2 would shape the distribution).
inline constexpr double kMaxVariation = 0.5;

// `mapping` must come from map_network(network, ...). Throws spikewafer::Error (kInput) for a
// variation outside [0, kMaxVariation] or a mapping of another network.
Network mapped_network(const Network& network, const MappingResult& mapping,
                       const MappedNetworkOptions& options = {});

}  // namespace spikewafer::wafer
