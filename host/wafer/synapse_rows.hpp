// Realising the synapses of one target chip: for each source bus that arrives there, drivers
// (synapse_drivers.hpp), rows for each (receptor, address group), a row and column for each
// synapse, and its 4-bit weight (quantization.hpp). Used by map_network (mapping.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "wafer/mapping.hpp"

namespace spikewafer::wafer {

// One synapse onto the chips being realised, keyed by its place in the processing order: target
// chip, source bus, (receptor, address group), target neuron, source neuron, then its place in
// the projection's draw order (which makes the order total).
struct ChipSynapse {
  uint64_t chip_bus;      // target chip << 32 | source bus
  uint64_t key_post_pre;  // inhibitory << 62 | address group << 60 | post << 30 | pre
  uint64_t drawn;         // projection << 40 | index in the projection's draw order
  float weight;           // magnitude

  bool operator<(const ChipSynapse& o) const {
    if (chip_bus != o.chip_bus) return chip_bus < o.chip_bus;
    if (key_post_pre != o.key_post_pre) return key_post_pre < o.key_post_pre;
    return drawn < o.drawn;
  }
  uint32_t chip() const { return static_cast<uint32_t>(chip_bus >> 32); }
  uint32_t bus() const { return static_cast<uint32_t>(chip_bus); }
  bool inhibitory() const { return key_post_pre >> 62 & 1; }
  uint8_t address_group() const { return static_cast<uint8_t>(key_post_pre >> 60 & 3); }
  uint32_t post() const { return static_cast<uint32_t>(key_post_pre >> 30) & kNeuronMask; }
  uint32_t pre() const { return static_cast<uint32_t>(key_post_pre) & kNeuronMask; }
  uint32_t projection() const { return static_cast<uint32_t>(drawn >> 40); }
  uint64_t index() const { return drawn & ((uint64_t{1} << 40) - 1); }

  // Neuron indices stay below 2^30: a 20-wafer system places at most 3.6 M neurons.
  static constexpr uint32_t kNeuronMask = (uint32_t{1} << 30) - 1;
};

// The synapses [begin, end) of one bus onto one chip, in processing order.
struct IncomingBus {
  uint32_t bus = 0;
  std::optional<VLineOnHicann> entry;  // none: not routed (every synapse is no_route loss)
  size_t begin = 0;
  size_t end = 0;
};

// Realises what it can of each bus in order on `chip`: writes places[i] for synapses[i] of the
// buses' ranges and adds the quantization of every realised weight to `quantization`.
void realise_on_chip(const std::vector<IncomingBus>& buses,
                     const std::vector<ChipSynapse>& synapses, const Placement& placement,
                     ChipUse& chip, std::vector<SynapsePlace>& places,
                     QuantizationStats& quantization);

// The upper 2 bits of an address: the group of 16 addresses a row decodes.
inline uint8_t address_group(uint8_t address) { return address >> 4; }

}  // namespace spikewafer::wafer
