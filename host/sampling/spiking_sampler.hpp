// Many chains of one Boltzmann machine sampled by LIF networks in lockstep: each chain is a
// replica of the network from translation.hpp, and its state z is read from the refractory
// flags (z_k = 1 while neuron k is refractory). A background network (deterministic sampling)
// runs inside each replica after the sampler's units; states() shows only the units.
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
  void run(double ms);
  double time_ms() const { return simulator_.time_ms(); }
  Simulator& simulator() { return simulator_; }

 private:
  std::vector<ChainParams> chains_;
  Calibration calibration_;
  SamplingNetworkSettings settings_;
  uint32_t size_;
  Simulator simulator_;
};

}  // namespace spikewafer::sampling
