// The files of `spikewafer wafer-map` (docs/wafer.md, "Mapping a network"): mapping.json (the
// summary), placement.csv (a row per neuron), chips.csv (a row per chip of the used wafers, for
// the utilisation maps), routes.csv (a row per L1 hop between chips, for the route plot) and
// projections.csv (loss per projection).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "wafer/mapping.hpp"

namespace spikewafer::wafer {

// A row of placement.csv (a neuron; population as its index) and of chips.csv (a chip of the
// used wafers), as numbers: the files and Python's tables are written from these.
struct PlacementRow {
  uint32_t population, neuron, wafer, hicann, block, address;
};
struct ChipRow {
  uint32_t wafer, hicann, x, y, neurons, drivers_used, l1_lines_used;
};
std::vector<PlacementRow> placement_rows(const MappingResult& result);
std::vector<ChipRow> chip_rows(const MappingResult& result);

// mapping.json as an object (run --wafer copies some of its keys into summary.json), the file's
// text of that object, and both in one.
nlohmann::json mapping_summary(const Network& network, const MappingResult& result, double seconds);
std::string mapping_text(const nlohmann::json& summary);
// One line per neuron size the search tried (none when only one was), for the terminal.
std::vector<std::string> attempt_lines(const MappingResult& result);
std::string mapping_json(const Network& network, const MappingResult& result, double seconds);
std::string placement_csv(const Network& network, const MappingResult& result);
std::string chips_csv(const MappingResult& result);
std::string routes_csv(const MappingResult& result);
std::string projections_csv(const Network& network, const MappingResult& result);

// The options of `spikewafer wafer-map` (and `run --wafer`), each checked with an error that
// names the option and the allowed values: wafers 1..20, neuron size 0 (chosen) or even 2..64
// or 1, neurons per chip 0 (as many as the size has slots) or 1..472, router "shortest-path" or
// "backbone", speed-up 1e3..1e5.
MappingOptions checked_mapping_options(int64_t wafers, int64_t neuron_size,
                                       int64_t neurons_per_chip, const std::string& router,
                                       double speedup, uint64_t seed);

struct MappingReport {
  MappingResult result;
  double seconds = 0.0;  // the mapping's own time
  std::string json;      // mapping.json's text
};

// Maps the network and writes the five files into `out_dir` (created if missing; each file
// complete or absent), as `spikewafer wafer-map` and spikewafer.wafer_map in Python do.
MappingReport map_to_directory(const Network& network, const MappingOptions& options,
                               const std::string& out_dir);

}  // namespace spikewafer::wafer
