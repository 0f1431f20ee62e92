// `spikewafer curie-fit DIR/scan.csv [--T-min X] [--T-max Y] [--fix-gamma] [--out FILE.json]
// [--no-plots]`: Curie fits of the susceptibility and Binder crossings of a finished scan.
#pragma once

#include <CLI/CLI.hpp>

namespace spikewafer::cli {

void add_curie_fit_command(CLI::App& app);

}  // namespace spikewafer::cli
