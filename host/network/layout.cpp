#include "layout.hpp"

#include "spikewafer/error.hpp"

namespace spikewafer {

std::vector<uint32_t> population_offsets(const Network& network) {
  std::vector<uint32_t> offsets{0};
  for (const Population& p : network.populations) offsets.push_back(offsets.back() + p.size);
  return offsets;
}

uint32_t population_index(const Network& network, const std::string& name,
                          const std::string& context) {
  for (size_t i = 0; i < network.populations.size(); ++i)
    if (network.populations[i].name == name) return static_cast<uint32_t>(i);
  std::string known;
  for (const Population& p : network.populations) known += (known.empty() ? "" : ", ") + p.name;
  throw input_error(network.source + ": " + context + ": unknown population '" + name +
                    "' (defined: " + known + ")");
}

}  // namespace spikewafer
