// --neuron-size and --neurons-per-chip, which force the wafer mapping's choices: one wording for
// `wafer-map` and `run --wafer` (whose help texts start "With --wafer: ").
#pragma once

#include <CLI/CLI.hpp>

#include <cctype>
#include <cstdint>
#include <string>

namespace spikewafer::cli {

inline void add_mapping_choice_options(CLI::App* cmd, int64_t& neuron_size,
                                       int64_t& neurons_per_chip, const std::string& prefix) {
  // "Circuits ..." alone, "With --wafer: circuits ..." after a prefix.
  const auto help = [&](std::string text) {
    if (!prefix.empty()) text[0] = static_cast<char>(std::tolower(text[0]));
    return prefix + text;
  };
  cmd->add_option("--neuron-size", neuron_size,
                  help("Circuits per neuron, even 2 to 64 or 1 (default: searched, see "
                       "docs/wafer.md)"));
  cmd->add_option("--neurons-per-chip", neurons_per_chip,
                  help("At most this many neurons on a HICANN, 1 to 472 (default: as many as "
                       "the neuron size allows): spreads the network over more chips"));
}

}  // namespace spikewafer::cli
