// Placement: the neurons of each population onto chips and neuron slots (neuron_slots.hpp).
//
// Chips are filled one after another along a serpentine over the grid (row 0 west to east, row 1
// east to west, ...; wafer after wafer), so consecutive chips are grid neighbours within a row,
// and at most 4 columns apart (one row down) where the round wafer's rows change width.
// Populations are laid down contiguously in an order that keeps connected populations close:
// first the first population of the file, then repeatedly the unplaced population that shares
// the most synapses with those already placed (ties: a seed-keyed hash of the population index). A
// population therefore sits on a run of neighbouring chips, right after its strongest partner.
// Everything is a function of (network, size, wafers, seed): the same inputs give the same map.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "spikewafer/network.hpp"
#include "wafer/network_synapses.hpp"
#include "wafer/neuron_slots.hpp"
#include "wafer/system.hpp"

namespace spikewafer::wafer {

struct NeuronLocation {
  uint32_t chip = 0;  // global chip index: wafer * 384 + HICANN (system.hpp global_index)
  uint32_t slot = 0;  // index into SlotLayout::slots
};

struct Placement {
  uint32_t neuron_size = 0;
  SlotLayout layout;
  uint32_t neurons_per_chip = 0;           // slots used on each chip: the first ones of layout
  std::vector<NeuronLocation> neurons;     // by global neuron index
  std::vector<uint32_t> population_order;  // the order populations were laid down in
  std::vector<uint32_t> neurons_on_chip;   // by global chip index, for every chip of the system
  uint32_t hicanns_used = 0;
  uint32_t wafers_used = 0;

  const NeuronSlot& slot_of(uint32_t neuron) const { return layout.slots[neurons[neuron].slot]; }
};

// The chips of one wafer in serpentine order (384 chips).
std::vector<HicannOnWafer> serpentine_order();

// The neurons a chip takes at a size: all its slots, or at most `limit` of them (0: no limit;
// --neurons-per-chip spreads a network over more chips).
uint32_t chip_neurons(uint32_t neuron_size, uint32_t limit);
// The neurons the whole system takes at that size and limit: its chips x chip_neurons.
uint64_t system_neurons(uint32_t neuron_size, uint32_t limit, const System& system);

// The default neuron size: the smallest even size whose 224 s synapses hold the largest in-degree
// (so no neuron loses synapses for want of rows), capped at 64; if the network's neurons do not
// fit the system at that size (at most `limit` per chip, 0: no limit), the largest smaller size
// at which they do (fan-in traded for count); below 2 (the toolchain's smallest),
// single-circuit neurons (s = 1, the published table's) if they fit; 2 if nothing does, which
// place_network then refuses.
uint32_t choose_neuron_size(const DrawnNetwork& drawn, const System& system,
                            uint32_t limit = 0);

// Throws input_error when the network needs more neurons than the system offers at this size
// and limit, saying how many neurons, chips and wafers it needs.
void check_fits(const Network& network, uint32_t neurons, uint32_t neuron_size, uint32_t limit,
                const System& system);

// Places every neuron (spike sources included: their events also need an address on a bus), at
// most `limit` per chip (0: as many as the size has slots). A limited chip uses its first slots,
// bus by bus, so its neurons share as few buses as they can.
Placement place_network(const Network& network, const DrawnNetwork& drawn, uint32_t neuron_size,
                        const System& system, uint64_t seed, uint32_t limit = 0);

}  // namespace spikewafer::wafer
