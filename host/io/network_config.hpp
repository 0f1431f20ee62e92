// Reading a network description (NET.toml) into a spikewafer::Network. The format is
// documented in docs/network-format.md.
#pragma once

#include <string>
#include <string_view>

#include "spikewafer/network.hpp"

namespace spikewafer {

// Parses TOML text; `source` names it in messages (a path, or "<string>"). Throws
// spikewafer::Error (kInput) with "source:line:column: key: problem; allowed: ..." for syntax
// errors, unknown keys, missing required keys, wrong types and out-of-range values.
Network parse_network_toml(std::string_view text, const std::string& source);

// Reads and parses a file; a missing or unreadable file is an input error naming the path.
Network load_network_toml(const std::string& path);

}  // namespace spikewafer
