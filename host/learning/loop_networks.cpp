#include "learning/loop_networks.hpp"

#include "kernels/random.hpp"

namespace spikewafer::learning {

std::vector<sampling::ChainParams> loop_chains(uint32_t replicas, uint64_t seed, uint32_t stream) {
  std::vector<sampling::ChainParams> c(replicas);
  for (uint32_t r = 0; r < replicas; ++r)
    c[r].seed = kernels::replica_seed(kernels::replica_seed(seed, stream), r);
  return c;
}

sampling::SamplingNetworkSettings loop_network_settings(uint64_t seed, bool clampable) {
  sampling::SamplingNetworkSettings s;
  s.seed = seed;
  s.both_receptors = true;
  s.clampable = clampable;
  return s;
}

}  // namespace spikewafer::learning
