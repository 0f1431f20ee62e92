// `spikewafer hysteresis HYST.toml --out DIR [--sampler glauber|spiking|both] [--no-plots]`:
// field sweeps up and back down at several temperatures; writes hysteresis.csv and loops.csv.
#pragma once

#include <CLI/CLI.hpp>

namespace spikewafer::cli {

void add_hysteresis_command(CLI::App& app);

}  // namespace spikewafer::cli
