// From a Boltzmann machine to a network of LIF neurons that samples from it (docs/models.md,
// "From Boltzmann machines to LIF networks"):
//   bias    b_i  -> bias current  I_i = i0 + alpha_i b_i       (calibrated activation)
//   weight  W_ij -> synaptic weight w_ij with
//                   (1 / tau_on) * integral_0^tau_on PSP_ij(t) dt = alpha W_ij,
// i.e. a presynaptic spike shifts the postsynaptic free membrane potential, on average over the
// time tau_on = tau_refrac + dt that the presynaptic unit stays in z = 1, by W_ij logistic widths.
#pragma once

#include <cstdint>
#include <vector>

#include "sampling/calibration.hpp"
#include "sampling/coupling_graph.hpp"
#include "spikewafer/network.hpp"

namespace spikewafer::sampling {

// Mean over [0, window] of the PSP kernel tau_s tau_e / (tau_s - tau_e) (e^{-t/tau_s} - e^{-t/tau_e})
// of a unit-amplitude exponential synaptic input (ms); the limit tau_s = tau_e included.
double mean_psp_kernel(double tau_syn, double tau_eff, double window);

// Synaptic weight (uS or nA) for one unit of W onto the excitatory (W > 0) and inhibitory (W < 0)
// receptor, evaluated at the calibrated inflection point u0.
struct WeightTranslation {
  double per_unit_e = 0.0;
  double per_unit_i = 0.0;
};
WeightTranslation weight_translation(const Calibration& calibration);

// A closed-loop correction of one chain's translation (the chain samples the target's W and b,
// the network is given W x weight_factor and b + bias_offset; docs/models.md, "Closed-loop
// translation").
struct ChainCorrection {
  double weight_factor = 1.0;
  double bias_offset = 0.0;
};

struct SamplingNetworkSettings {
  SynapseDynamics dynamics = SynapseDynamics::kRenewing;  // the sampling default
  ShortTermPlasticity stp;                                // for kTsodyksMarkram
  double delay = 0.0;       // ms; 0 means one step
  uint64_t seed = 1;        // connectivity; replicas take their seeds from the chains
  // Every pair of the graph gets a synapse on both receptors (one of them of weight 0), none
  // left out, so that weights may change sign later (SpikingSampler::set_graph while training).
  bool both_receptors = false;
  // The network holds per-replica currents into its units (zeros), so that
  // SpikingSampler::clamp can hold units on or off, replica by replica (training's data phase).
  bool clampable = false;
};

// One population "sampler" of graph.size neurons with one replica per chain: W and bias of the
// graph through the calibration, chain c's alpha as its weight scale and gamma, beta through its
// bias currents (ReplicaOverrides i_offset and dc_scale). Seeds come from the chains.
// With a background network (calibration.neuron.background) the network also holds the
// background populations after "sampler" and no Poisson noise; its chains must be plain
// (alpha = gamma = 1, beta = 0), and settings.seed gives way to the background's seed.
// With an ensemble (calibration.neuron.ensemble) each replica holds its `networks` copies of the
// graph as consecutive chains, fed by each other's spikes and no Poisson noise; a replica takes
// its seed, weight scale and bias inputs from its first chain (replica_chains). The noise's two
// projections come first, the graph's last (SpikingSampler::set_graph changes only those).
Network sampling_network(const CouplingGraph& graph, const std::vector<ChainParams>& chains,
                         const Calibration& calibration, const SamplingNetworkSettings& settings);

// How many chains one replica of the sampling network holds: the ensemble's networks, or 1.
uint32_t networks_per_replica(const Calibration& calibration);

// One chain's parameters per replica, where each replica holds `networks` chains in a row (an
// ensemble, ensemble_noise.hpp). Throws input_error when the chains do not fill whole replicas or
// the chains of one replica differ in alpha, gamma or beta (they share its inputs).
std::vector<ChainParams> replica_chains(const std::vector<ChainParams>& chains, uint32_t networks);

// The per-replica bias inputs for chains (for changing gamma and beta mid-run).
ReplicaOverrides bias_overrides(const std::vector<ChainParams>& chains,
                                const Calibration& calibration);

}  // namespace spikewafer::sampling
