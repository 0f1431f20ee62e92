// `spikewafer run NET.toml --out DIR ...`: simulate a network file and write its results; with
// --wafer, the network as mapped onto the emulated BrainScaleS-1 hardware (docs/wafer.md).
#pragma once

#include <CLI/CLI.hpp>

namespace spikewafer::cli {

// Adds the subcommand to `app`; its callback runs the simulation.
void add_run_command(CLI::App& app);

}  // namespace spikewafer::cli
