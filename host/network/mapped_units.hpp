// A mapped projection's realised synapses (MappedSynapses, include/spikewafer/network.hpp) as
// the connectors apply them: checked once against the plan, then applied to each drawn unit.
#pragma once

#include <cstdint>

#include "connectors.hpp"

namespace spikewafer::connectors {

// Throws an input error when `m` was not made for this plan's connector (units, sizes).
void check_mapped(const ProjectionPlan& plan, const MappedSynapses& m);

// Of the unit just drawn, keeps only the realised synapses, with their realised weights (and
// delays, where the mapping gives them). Throws an input error when the unit is not the size
// the mapping says.
void keep_realised(const ProjectionPlan& plan, uint64_t unit, bool with_values, UnitSynapses& out);

}  // namespace spikewafer::connectors
