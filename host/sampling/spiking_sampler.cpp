#include "sampling/spiking_sampler.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "spikewafer/error.hpp"

namespace spikewafer::sampling {

SpikingSampler::SpikingSampler(const CouplingGraph& graph, std::vector<ChainParams> chains,
                               const Calibration& calibration,
                               const SamplingNetworkSettings& settings,
                               const SimulatorOptions& options)
    : chains_(std::move(chains)),
      graph_(graph),
      calibration_(calibration),
      settings_(settings),
      size_(graph.size),
      simulator_(sampling_network(graph, chains_, calibration, settings), options) {}

// Replica r's first size_ x networks neurons are its chains' units, chain after chain, so that
// the chains' states, chain-major, are the replicas' first neurons in a row. A background
// network follows them in each replica and keeps its own states.
void SpikingSampler::set_states(const std::vector<uint8_t>& z) {
  if (z.size() != static_cast<size_t>(chains()) * size_)
    throw input_error("sampler: expected " + std::to_string(chains()) + " x " +
                      std::to_string(size_) + " states, got " + std::to_string(z.size()));
  const uint32_t all = simulator_.neurons(), units = size_ * networks_per_replica(calibration_);
  if (all == units) return simulator_.set_refractory_states(z);
  std::vector<uint8_t> full = simulator_.refractory_states();
  for (size_t r = 0; r * units < z.size(); ++r)
    std::copy_n(z.begin() + static_cast<std::ptrdiff_t>(r * units), units,
                full.begin() + static_cast<std::ptrdiff_t>(r * all));
  simulator_.set_refractory_states(full);
}

std::vector<uint8_t> SpikingSampler::states() {
  std::vector<uint8_t> full = simulator_.refractory_states();
  const uint32_t all = simulator_.neurons(), units = size_ * networks_per_replica(calibration_);
  if (all == units) return full;
  std::vector<uint8_t> z(static_cast<size_t>(chains()) * size_);
  for (size_t r = 0; r * units < z.size(); ++r)
    std::copy_n(full.begin() + static_cast<std::ptrdiff_t>(r * all), units,
                z.begin() + static_cast<std::ptrdiff_t>(r * units));
  return z;
}

void SpikingSampler::set_chain_params(const std::vector<ChainParams>& chains) {
  if (chains.size() != chains_.size())
    throw input_error("sampler: expected parameters for " + std::to_string(chains_.size()) +
                      " chains, got " + std::to_string(chains.size()));
  for (size_t c = 0; c < chains.size(); ++c)
    if (chains[c].alpha != chains_[c].alpha)
      throw input_error("sampler: a spiking chain's weight scale is fixed when it is built");
  if (calibration_.neuron.background)
    throw input_error("sampler: the biases of a sampler with a background network are fixed "
                      "when it is built (its bias inputs would reach the background too)");
  simulator_.set_replica_inputs(
      bias_overrides(replica_chains(chains, networks_per_replica(calibration_)), calibration_));
  chains_ = chains;
}

void SpikingSampler::set_graph(const CouplingGraph& graph) {
  if (graph.size != size_)
    throw input_error("sampler: a corrected graph must keep the " + std::to_string(size_) +
                      " units");
  // The same description with other values: projections and populations line up one to one.
  // Only the graph's projections change: a background's (from outside the sampler) and an
  // ensemble's noise (the first two) stay as they are (re-encoding the noise synapses of every
  // copy after each training update cost more than the machine's own).
  const Network net = sampling_network(graph, chains_, calibration_, settings_);
  for (uint32_t j = calibration_.neuron.ensemble ? 2 : 0; j < net.projections.size(); ++j)
    if (net.projections[j].source == "sampler" && net.projections[j].target == "sampler")
      simulator_.set_projection(j, net.projections[j]);
  simulator_.set_population(0, net.populations[0]);
  graph_ = graph;
}

void SpikingSampler::clamp(const std::vector<int8_t>& clamp) {
  if (!settings_.clampable || calibration_.neuron.background)
    throw input_error("sampler: clamping units needs a sampler built as clampable, without a "
                      "background network (its bias inputs would reach the background too)");
  if (clamp.size() != static_cast<size_t>(chains()) * size_)
    throw input_error("sampler: expected " + std::to_string(chains()) + " x " +
                      std::to_string(size_) + " clamps, got " + std::to_string(clamp.size()));
  std::vector<double> hold(size_);
  for (uint32_t i = 0; i < size_; ++i) {
    double field = 10.0 + std::fabs(graph_.bias[i]);
    for (uint64_t k = graph_.row_ptr[i]; k < graph_.row_ptr[i + 1]; ++k)
      field += std::fabs(graph_.weight[k]);
    hold[i] = calibration_.alpha_i * field;
  }
  ReplicaOverrides o =
      bias_overrides(replica_chains(chains_, networks_per_replica(calibration_)), calibration_);
  o.currents = {{"sampler", std::vector<double>(clamp.size(), 0.0)}};
  for (size_t n = 0; n < clamp.size(); ++n)
    if (clamp[n] >= 0) o.currents[0].values[n] = clamp[n] ? hold[n % size_] : -hold[n % size_];
  simulator_.set_replica_inputs(o);
}

void SpikingSampler::run(double ms) { simulator_.run(ms); }

}  // namespace spikewafer::sampling
