// The runs of a scan that compares settings side by side ([compare] in SCAN.toml): one variant
// per combination of the listed values and sampler, each a complete ScanConfig, named in the
// tables by the sampler and the compared settings, e.g. "spiking[synapse=additive tau_syn_ratio=2]".
// Variants share seeds (common random numbers), so their differences are not sampling noise of
// independent streams.
#pragma once

#include <string>
#include <vector>

#include "ising/scan_config.hpp"

namespace spikewafer::ising {

struct ScanVariant {
  std::string label;  // the `sampler` column of the tables
  ScanConfig config;  // with the variant's settings and no comparison left
};

// Without a comparison: one variant, labelled with the sampler's name. Glauber chains vary only
// by their initial state; the other compared settings belong to the spiking sampler.
std::vector<ScanVariant> scan_variants(const ScanConfig& config, SamplerKind kind);

// The label as a file-name part: characters other than letters, digits, '.', '_', '-' and '='
// become '_' ("spiking[synapse=additive]" -> "spiking_synapse=additive_").
std::string label_file_name(const std::string& label);

}  // namespace spikewafer::ising
