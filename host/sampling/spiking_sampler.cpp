#include "sampling/spiking_sampler.hpp"

#include <string>

#include "spikewafer/error.hpp"

namespace spikewafer::sampling {

SpikingSampler::SpikingSampler(const CouplingGraph& graph, std::vector<ChainParams> chains,
                               const Calibration& calibration,
                               const SamplingNetworkSettings& settings,
                               const SimulatorOptions& options)
    : chains_(std::move(chains)),
      calibration_(calibration),
      size_(graph.size),
      simulator_(sampling_network(graph, chains_, calibration, settings), options) {}

void SpikingSampler::set_states(const std::vector<uint8_t>& z) {
  if (z.size() != static_cast<size_t>(chains()) * size_)
    throw input_error("sampler: expected " + std::to_string(chains()) + " x " +
                      std::to_string(size_) + " states, got " + std::to_string(z.size()));
  simulator_.set_refractory_states(z);
}

std::vector<uint8_t> SpikingSampler::states() { return simulator_.refractory_states(); }

void SpikingSampler::set_chain_params(const std::vector<ChainParams>& chains) {
  if (chains.size() != chains_.size())
    throw input_error("sampler: expected parameters for " + std::to_string(chains_.size()) +
                      " chains, got " + std::to_string(chains.size()));
  for (size_t c = 0; c < chains.size(); ++c)
    if (chains[c].alpha != chains_[c].alpha)
      throw input_error("sampler: a spiking chain's weight scale is fixed when it is built");
  simulator_.set_replica_inputs(bias_overrides(chains, calibration_));
  chains_ = chains;
}

void SpikingSampler::run(double ms) { simulator_.run(ms); }

}  // namespace spikewafer::sampling
