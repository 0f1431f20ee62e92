// Drawing each connector kind, one unit at a time. A unit is a small independent piece of a
// projection (one target and a chunk of its candidate sources, one target for fixed in-degree, a
// slice of a list), with its own random streams; build_connectivity (connectivity.cpp) hands
// units to threads and draws each twice: once to count synapses per source row, once to write
// them. Nothing here depends on which thread draws a unit or in which order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "spikewafer/network.hpp"

namespace spikewafer::connectors {

// One projection, resolved against the network and checked once before any drawing.
struct ProjectionPlan {
  uint32_t index = 0;   // position in Network::projections; keys the random streams
  std::string context;  // "<source>: projections[i]", for messages
  const Projection* projection = nullptr;
  uint64_t seed = 0;
  uint32_t source_offset = 0;  // global index of the source population's first neuron
  uint32_t target_offset = 0;
  uint32_t source_size = 0;
  uint32_t target_size = 0;
  bool exclude_self = false;  // same population and !allow_self: no pre == post
  uint32_t candidates = 0;    // sources each target may connect from (source_size - exclude_self)
  float sign = 1.0f;          // -1 for the inhibitory receptor
  double dt = 0.1;            // ms
  uint32_t constant_delay_steps = 0;  // the delay in steps when it is constant; 0 otherwise
  uint64_t chunks = 1;                // units per target for the pairwise connectors
  uint64_t units = 0;                 // units of this projection, in target order
  const MappedSynapses* mapped = nullptr;  // the projection's realised synapses, if mapped
  bool stochastic = false;  // some synapse has a release probability below 1
};

// The synapses of one unit, in global neuron indices. Counting needs only pre; post, weight
// and delay_steps are filled when values are asked for, and release (the release probability)
// then too where the plan is stochastic. Kept per thread and reused, so its buffers
// are allocated once.
struct UnitSynapses {
  std::vector<uint32_t> pre;
  std::vector<uint32_t> post;
  std::vector<float> weight;
  std::vector<uint8_t> delay_steps;
  std::vector<float> release;
  std::vector<uint64_t> marks;  // fixed_in_degree: bitmap of the candidates drawn (clear)
  std::vector<uint32_t> hash;   // fixed_in_degree: hash set of the candidates drawn
  std::vector<uint32_t> drawn;  // fixed_in_degree: the candidates drawn, in draw order
};

// The global neuron count, checked against what the synapse packing can address.
uint32_t checked_neuron_count(const Network& network);

// Resolves and checks every projection (populations, sizes, p, n, list and matrix shapes, delays
// that fit in 8 bits); throws an input error naming the projection.
std::vector<ProjectionPlan> plan_projections(const Network& network);

// Draws unit `unit` (< plan.units) into `out` (cleared first); of a mapped projection only the
// realised synapses, with their realised weights. Throws an input error when a drawn delay does
// not fit in a synapse, or when the unit is not the size its mapping says.
void draw_unit(const ProjectionPlan& plan, uint64_t unit, bool with_values, UnitSynapses& out);

// The units of a projection that can draw synapses onto its local targets [first, last): a
// contiguous range, since units come in target order (all units for from_list).
struct UnitRange {
  uint64_t first = 0;
  uint64_t last = 0;
};
UnitRange units_onto(const ProjectionPlan& plan, uint32_t first, uint32_t last);

// The most synapses any one source neuron can get from this projection (for counter widths).
uint64_t max_synapses_per_source(const ProjectionPlan& plan);

// The number of synapses the projection's connector draws (the mean for fixed_probability).
double expected_synapses(const Projection& projection, uint32_t source_size, uint32_t target_size,
                         bool same_population);

}  // namespace spikewafer::connectors
