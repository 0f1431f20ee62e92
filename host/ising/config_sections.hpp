// The parts of the Ising command files that are the same in SCAN.toml and HYST.toml: ranges,
// the [lattice] table and the [sampler] table (docs/ising-scan.md lists their keys).
#pragma once

#include <cstdint>
#include <vector>

#include "io/toml_values.hpp"
#include "ising/scan_config.hpp"

namespace spikewafer::ising {

// { from = a, to = b, num = n } or a single number.
Range read_range(const toml_values::Value& value);

// [lattice] into `lattice` and `sizes`; with several_sizes false, `size` must be one integer.
void read_lattice_table(const toml_values::Table& root, LatticeSpec& lattice,
                        std::vector<uint32_t>& sizes, bool several_sizes);

// One value of a setting that may also be listed in [compare].
InitialPattern read_initial_pattern(const toml_values::Value& value);
SynapseDynamics read_synapse_dynamics(const toml_values::Value& value);
TemperatureMode read_temperature_mode(const toml_values::Value& value);
Translation read_translation(const toml_values::Value& value);
std::string translation_name(Translation translation);
Gauge read_gauge(const toml_values::Value& value);
std::string gauge_name(Gauge gauge);

// [sampler]: which samplers, the seed, and each sampler's settings.
void read_sampler_table(const toml_values::Table& root, std::vector<SamplerKind>& samplers,
                        uint64_t& seed, GlauberSettings& glauber, SpikingSettings& spiking);

}  // namespace spikewafer::ising
