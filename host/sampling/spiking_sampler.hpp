// Many chains of one Boltzmann machine sampled by LIF networks in lockstep: each chain is a
// replica of the network from translation.hpp, and its state z is read from the refractory
// flags (z_k = 1 while neuron k is refractory). A background network (deterministic sampling)
// runs inside each replica after the sampler's units; states() shows only the units. With an
// ensemble (ensemble_noise.hpp) a replica holds several chains, each the others' noise.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "sampling/translation.hpp"
#include "spikewafer/simulator.hpp"

namespace spikewafer::sampling {

class SpikingSampler {
 public:
  SpikingSampler(const CouplingGraph& graph, std::vector<ChainParams> chains,
                 const Calibration& calibration, const SamplingNetworkSettings& settings,
                 const SimulatorOptions& options);

  uint32_t chains() const { return static_cast<uint32_t>(chains_.size()); }
  uint32_t size() const { return size_; }

  // z per chain, chain-major (chains() x size()); set_states starts the chosen units as if they
  // had just spiked.
  void set_states(const std::vector<uint8_t>& z);
  std::vector<uint8_t> states();
  // Changes gamma and beta (the biases) from now on; alpha and seeds are fixed at construction,
  // and with a background network the biases too.
  void set_chain_params(const std::vector<ChainParams>& chains);
  // Runs the network with other weights and biases of the same graph from now on, keeping its
  // state (the closed-loop translation, sampling/machine_correction.hpp): every coupling keeps
  // its sign and stays resolvable, so that the network keeps its synapses.
  void set_graph(const CouplingGraph& graph);
  // Holds units on or off from now on, chain by chain (the data phase of training): `clamp` has
  // chains() x size() entries, 1 (on), 0 (off) or -1 (free). A held unit gets a bias of
  // +-(10 + |b_i| + sum_j |W_ij|) of the current graph, beyond any field the graph can give it,
  // so it stays in z = 1 (firing as fast as refractoriness allows) or silent. Needs a sampler
  // built with SamplingNetworkSettings::clampable.
  void clamp(const std::vector<int8_t>& clamp);
  void run(double ms);
  double time_ms() const { return simulator_.time_ms(); }
  Simulator& simulator() { return simulator_; }

 private:
  std::vector<ChainParams> chains_;
  CouplingGraph graph_;  // the current one
  Calibration calibration_;
  SamplingNetworkSettings settings_;
  uint32_t size_;
  Simulator simulator_;
};

}  // namespace spikewafer::sampling
