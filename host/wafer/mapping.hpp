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
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "spikewafer/network.hpp"
#include "wafer/bus_demand.hpp"
#include "wafer/circuit_ranges.hpp"
#include "wafer/network_synapses.hpp"
#include "wafer/placement.hpp"
#include "wafer/stdp_hardware.hpp"
#include "wafer/quantization.hpp"
#include "wafer/routing.hpp"
#include "wafer/synapse_drivers.hpp"

namespace spikewafer::wafer {

// The delays the mapped network runs with: the hardware's, from each route
// (hardware_delays.hpp), or the network's own.
enum class DelayModel { kHardware, kIdeal };
const char* delay_model_name(DelayModel model);
// "hardware" or "ideal"; throws input_error otherwise.
DelayModel delay_model_from_name(const std::string& name);

struct MappingOptions {
  uint32_t wafers = kMaxWafers;
  uint32_t neuron_size = 0;  // 0: choose_neuron_size (placement.hpp)
  uint32_t neurons_per_chip = 0;  // at most this many on a chip (0: as many as the size has slots)
  RouterKind router = RouterKind::kShortestPath;
  uint64_t seed = 0;         // tie-breaks of placement; the synapses use Network's seed
  // Keep every synapse's place (MappingResult::places): for tests and small networks only,
  // about 40 bytes per synapse.
  bool keep_places = false;
  DelayModel delays = DelayModel::kHardware;
  double speedup = 1e4;  // hardware delays in biological time: hardware time x speedup
  // Where a large mapping is (drawing, routing, which wafers): a few lines, if set.
  std::function<void(const std::string&)> say;
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

// A synapse of the network and where it went (MappingOptions::keep_places).
struct PlacedSynapse {
  uint32_t projection = 0;
  uint64_t index = 0;  // in the projection's draw order
  uint32_t pre = 0;    // global neuron indices
  uint32_t post = 0;
  float weight = 0.0f;  // the requested magnitude
  SynapsePlace place;
};

// The realised synapses' delays in biological time (ms), before rounding to steps.
struct DelayStats {
  uint64_t count = 0;
  double sum_ms = 0.0, min_ms = 0.0, max_ms = 0.0;
  void add(double ms, uint64_t synapses);
  void merge(const DelayStats& other);  // as if other's synapses were added after these
  double mean_ms() const { return count == 0 ? 0.0 : sum_ms / static_cast<double>(count); }
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

// One neuron size that map_network tried: what it used and lost.
struct MappingAttempt {
  uint32_t neuron_size = 0;
  uint32_t neurons_per_chip = 0;  // at most, on each chip
  uint32_t hicanns = 0, wafers = 0;
  uint64_t estimated_driver_loss = 0;  // bus_demand.hpp's estimate, before mapping
  bool mapped = false;            // else skipped: its estimate could not beat what was mapped
  LossCounts total;               // when mapped
  double seconds = 0.0;           // its placement, estimate and (when mapped) mapping
};

struct MappingResult {
  DrawnNetwork drawn;
  Placement placement;
  RouterKind router = RouterKind::kShortestPath;
  uint32_t wafers = 0;
  std::vector<BusRoute> routes;
  // Per projection, the realised synapses' weights in draw order (NaN: lost): 4 bytes per
  // requested synapse, all that is kept per synapse. mapped_network.hpp runs them.
  std::vector<std::shared_ptr<const MappedSynapses>> mapped;
  std::vector<PlacedSynapse> places;  // with MappingOptions::keep_places, in processing order
  std::vector<ChipUse> target_chips;  // chips that received synapses, ascending
  LossCounts total;
  std::vector<LossCounts> per_projection;
  QuantizationStats quantization;
  DelayModel delay_model = DelayModel::kHardware;
  DelayStats delays;  // with DelayModel::kHardware
  double delay_speedup = 0.0;
  uint64_t l1_lines_used = 0;
  uint64_t l2_links = 0;  // (source bus, target wafer) pairs carried over FPGAs
  std::vector<uint32_t> l1_lines_on_chip;  // by global chip index
  // AdEx parameters the neuron circuits could not realise at the mapping's speed-up.
  std::vector<RangeViolation> neuron_ranges;
  // What the synapse arrays' 4-bit weights and correlation sensors would do to each plastic
  // projection's learning.
  std::vector<StdpHardwareReport> stdp;
  // The neuron sizes map_network tried, in order (one entry when the size was given).
  std::vector<MappingAttempt> attempts;

  static uint32_t bus_id(uint32_t chip, uint32_t bus_on_chip) { return chip * 8 + bus_on_chip; }
  uint32_t bus_of(uint32_t neuron) const {
    return bus_id(placement.neurons[neuron].chip, placement.slot_of(neuron).bus);
  }
};

// Maps the network at options.neuron_size or, with 0, searches the neuron sizes
// (neuron_size_search.cpp): from choose_neuron_size's, larger ones while synapses are lost,
// keeping the mapping that loses least (then uses fewest chips). Throws spikewafer::Error
// (kInput) for a network that cannot be drawn or does not fit.
MappingResult map_network(const Network& network, const MappingOptions& options);

// One mapping of a placement of the drawn network (draw_synapses, place_network), given what
// each bus asks of each chip (bus_demands: the routes' targets). The synapses are drawn once
// more, wafer by wafer, so memory stays at about 4 bytes per requested synapse plus the synapses
// onto a few wafers at a time.
MappingResult map_placement(const Network& network, const MappingOptions& options,
                            DrawnNetwork drawn, Placement placement,
                            std::vector<BusDemand> demands);

}  // namespace spikewafer::wafer
