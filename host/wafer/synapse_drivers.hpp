// Synapse-driver allocation on one chip. A source bus that arrives on a vertical line of the chip
// reaches, through that line's synapse switches, 14 drivers of the chip (synapse_switches.hpp);
// each of them may pass its input on to the adjacent drivers of its side and quadrant (lines
// y +- 2), a chain of at most 56 drivers, the whole quadrant [marocco parameters/
// SynapseRouting.cpp: driver_chain_length defaults to SynapseDriverOnQuadrant::size]. A driver
// serves one bus and feeds its 2 synapse rows.
//
// How many rows a bus needs: a row decodes the upper 2 bits of the 6-bit address (so serves one
// of 4 groups of 16 addresses) and drives one receptor (excitatory or inhibitory); each synapse
// of the row decodes the lower 4 bits, so in each column the row serves one source. A neuron of
// s circuits spans s/2 columns. The rows a (bus, receptor, address group) needs are therefore
// max over target neurons of ceil(synapses onto it / (s/2)).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "wafer/coordinates.hpp"

namespace spikewafer::wafer {

// Which drivers of a chip are taken, and by which bus.
class DriverPool {
 public:
  DriverPool() { owner_.fill(-1); }
  bool is_free(SynapseDriverOnHicann d) const { return owner_[d.value()] < 0; }
  int64_t owner(SynapseDriverOnHicann d) const { return owner_[d.value()]; }
  uint32_t used() const;

  // Takes drivers for `bus` arriving on `line`: chains grown from the free drivers that the line's
  // switches reach on this chip, in switch order, until `wanted` drivers are held or no chain
  // can grow. Returns the drivers taken (possibly none).
  std::vector<SynapseDriverOnHicann> allocate(uint32_t bus, VLineOnHicann line, uint32_t wanted);

 private:
  std::array<int64_t, kSynapseDriversPerHicann> owner_;
};

// The drivers adjacent to a driver in a chain: same side and quadrant, lines y - 2 and y + 2.
std::vector<SynapseDriverOnHicann> chain_neighbours(SynapseDriverOnHicann driver);

constexpr uint32_t kMaxDriverChainLength = kSynapseDriversPerHicann / 4;  // 56, one quadrant

}  // namespace spikewafer::wafer
