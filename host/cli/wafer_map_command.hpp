// `spikewafer wafer-map NET.toml --out DIR [--wafers N] [--neuron-size K] [--seed S]
// [--router shortest-path|backbone]`: map a network onto the BrainScaleS-1 wafer model and write
// the report (docs/wafer.md, "Mapping a network").
#pragma once

#include <CLI/CLI.hpp>

namespace spikewafer::cli {

void add_wafer_map_command(CLI::App& app);

}  // namespace spikewafer::cli
