// What each source bus asks of each chip that holds targets of its neurons, counted from one
// draw of the synapses (all threads) before anything is routed: the synapses it carries there
// and the synapse drivers it will want, by the rule the realisation uses (synapse_rows.cpp: per
// receptor and address group, the most synapses from the bus onto one target over the neuron's
// s/2 columns, in rows; 2 rows per driver).
//
// The mapping routes from this list (the (chip, bus) pairs are the routes' targets), and the
// router uses the drivers wanted to share each chip's two sides fairly: a bus's entry line
// decides which side's 112 drivers it can reach (synapse_switches.hpp).
//
// Where one target's synapses from a bus are drawn in several units (pairwise connectors'
// chunks, or two projections from one source population with the same receptor), each unit's
// count is used alone, so the drivers wanted can be fewer than the realisation asks for.
#pragma once

#include <cstdint>
#include <vector>

#include "network/connectors.hpp"
#include "spikewafer/network.hpp"
#include "wafer/placement.hpp"

namespace spikewafer::wafer {

struct BusDemand {
  uint32_t chip = 0;  // global chip index of the targets
  uint32_t bus = 0;   // global bus id (MappingResult::bus_id)
  uint64_t synapses = 0;
  uint32_t drivers = 0;  // wanted
};

// One entry per (chip, bus) pair that carries synapses, ordered by chip and then bus.
std::vector<BusDemand> bus_demands(const std::vector<connectors::ProjectionPlan>& plans,
                                   const Network& network, const Placement& placement,
                                   int workers);

// The synapses lost for want of drivers, whatever the routes, estimated: on each chip whose
// buses want more than its 224 drivers, that excess's share of the synapses onto the chip. The
// realisation loses about this much or more (routes that fail, drivers a bus's entry line does
// not reach), though a bus short of rows can keep more than its share, so map_network uses it
// to skip neuron sizes that cannot win by a margin (measured against full mappings in
// benchmarks/results/2026-12-07-driver-balance).
uint64_t estimated_driver_loss(const std::vector<BusDemand>& demands);

}  // namespace spikewafer::wafer
