// Realising the synapses of one target chip: for each source bus that arrives there, drivers
// (synapse_drivers.hpp), rows for each (receptor, address group), a row and column for each
// synapse, and its 4-bit weight (quantization.hpp). Used by map_network (mapping.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "wafer/mapping.hpp"

namespace spikewafer::wafer {

// The synapses of one bus onto one chip, sorted by (receptor, address group, target, source).
struct IncomingBus {
  uint32_t bus = 0;
  std::optional<VLineOnHicann> entry;  // none: not routed (every synapse is no_route loss)
  std::vector<uint32_t> synapses;      // indices into DrawnNetwork::synapses
};

// Realises what it can of each bus in order on `chip`, writing result.synapses and the counts.
void realise_on_chip(const std::vector<IncomingBus>& buses, const Network& network,
                     ChipUse& chip, MappingResult& result);

// The upper 2 bits of an address: the group of 16 addresses a row decodes.
inline uint8_t address_group(uint8_t address) { return address >> 4; }

}  // namespace spikewafer::wafer
