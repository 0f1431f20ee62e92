// `spikewafer ising-scan [SCAN.toml] --out DIR [--sampler glauber|spiking|both] [--resume]`:
// an Ising phase-diagram scan (the built-in default without a file), written as it goes.
#pragma once

#include <CLI/CLI.hpp>

namespace spikewafer::cli {

void add_ising_scan_command(CLI::App& app);

}  // namespace spikewafer::cli
