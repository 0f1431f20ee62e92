// The files of `spikewafer wafer-map` (docs/wafer.md, "Mapping a network"): mapping.json (the
// summary), placement.csv (a row per neuron), chips.csv (a row per chip of the used wafers, for
// the utilisation maps), routes.csv (a row per L1 hop between chips, for the route plot) and
// projections.csv (loss per projection).
#pragma once

#include <string>

#include "wafer/mapping.hpp"

namespace spikewafer::wafer {

std::string mapping_json(const Network& network, const MappingResult& result, double seconds);
std::string placement_csv(const Network& network, const MappingResult& result);
std::string chips_csv(const MappingResult& result);
std::string routes_csv(const MappingResult& result);
std::string projections_csv(const Network& network, const MappingResult& result);

}  // namespace spikewafer::wafer
