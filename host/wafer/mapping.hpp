// Mapping a network onto a BrainScaleS-1 system: drawing its synapses, placement (placement.hpp),
// L1 routing (routing.hpp) with L2 for targets on other wafers, synapse-driver and row allocation
// (synapse_drivers.hpp) and weight quantization (quantization.hpp). Every synapse ends realised
// or lost for one cause, so synapses_requested = realised + the losses.
//
// Loss causes:
//   no_route    the source bus reaches no vertical line of the target chip (L1 lines taken, the
//               backbone blocked, or no free entry line for L2 events);
//   no_driver   the bus arrives but every driver its line's switches reach (and their chains) is
//               taken: none of its synapses on that chip is realised;
//   no_address  the bus got drivers, but their rows cannot decode every (source address, target
//               neuron) pair: a row serves one source per column, so the synapses beyond the
//               rows granted to their (receptor, address group) are lost.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "spikewafer/network.hpp"
#include "wafer/network_synapses.hpp"
#include "wafer/placement.hpp"
#include "wafer/quantization.hpp"
#include "wafer/routing.hpp"
#include "wafer/synapse_drivers.hpp"

namespace spikewafer::wafer {

struct MappingOptions {
  uint32_t wafers = kMaxWafers;
  uint32_t neuron_size = 0;  // 0: choose_neuron_size (placement.hpp)
  RouterKind router = RouterKind::kShortestPath;
  uint64_t seed = 0;         // tie-breaks of placement; the synapses use Network's seed
};

enum class LossCause : uint8_t { kNone, kNoRoute, kNoDriver, kNoAddress };

// Where a synapse went: its chip, row and column, and its 4-bit weight; or why it was lost.
struct SynapsePlace {
  LossCause loss = LossCause::kNone;
  bool over_l2 = false;  // source and target on different wafers
  uint32_t chip = 0;     // global chip index of the target
  uint16_t row = 0;      // SynapseRowOnHicann
  uint8_t column = 0;    // SynapseColumnOnHicann
  uint8_t digital = 0;   // 0..15
  float realised = 0.0f;
};

struct LossCounts {
  uint64_t requested = 0, realised = 0, no_route = 0, no_driver = 0, no_address = 0;
  uint64_t lost() const { return no_route + no_driver + no_address; }
  void count(LossCause cause);
};

// What each used synapse row of a target chip was configured for.
struct RowUse {
  int64_t bus = -1;  // -1: unused
  Receptor receptor = Receptor::kExcitatory;
  uint8_t address_group = 0;  // upper 2 bits of the addresses the row decodes
  float maximum = 0.0f;       // the row's analog maximum (largest weight it carries)
};

struct ChipUse {
  uint32_t chip = 0;  // global index
  DriverPool drivers;
  std::array<RowUse, kSynapseRowsPerHicann> rows;
};

struct MappingResult {
  DrawnNetwork drawn;
  Placement placement;
  RouterKind router = RouterKind::kShortestPath;
  uint32_t wafers = 0;
  std::vector<BusRoute> routes;
  std::vector<SynapsePlace> synapses;  // parallel to drawn.synapses
  std::vector<ChipUse> target_chips;   // chips that received synapses, ascending
  LossCounts total;
  std::vector<LossCounts> per_projection;
  QuantizationStats quantization;
  uint64_t l1_lines_used = 0;
  uint64_t l2_links = 0;  // (source bus, target wafer) pairs carried over FPGAs
  std::vector<uint32_t> l1_lines_on_chip;  // by global chip index

  static uint32_t bus_id(uint32_t chip, uint32_t bus_on_chip) { return chip * 8 + bus_on_chip; }
  uint32_t bus_of(uint32_t neuron) const {
    return bus_id(placement.neurons[neuron].chip, placement.slot_of(neuron).bus);
  }
};

// Throws spikewafer::Error (kInput) for a network that cannot be drawn or does not fit.
MappingResult map_network(const Network& network, const MappingOptions& options);

}  // namespace spikewafer::wafer
