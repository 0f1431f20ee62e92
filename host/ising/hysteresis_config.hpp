// What a hysteresis run sweeps: one lattice, a list of temperatures (or BM weights W), the field
// values of one branch (h, or the bias fraction b_f), replicas and times, and the samplers'
// settings. Read from a TOML file whose [lattice] and [sampler] tables take the keys of a scan
// file (docs/ising-scan.md); [hysteresis] is described in docs/hysteresis-and-curie-fit.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ising/lattice.hpp"
#include "ising/scan_config.hpp"

namespace spikewafer::ising {

struct HysteresisConfig {
  std::string source = "<built-in>";
  LatticeSpec lattice;                            // one size
  Axes axes = Axes::kTemperatureField;            // (T, h) or (W, b_f)
  std::vector<double> first{1.5, 2.0, 2.5, 3.0};  // T (or W): one loop each
  Range field{-1.0, 1.0, 21};    // h (or b_f) of one branch; the loop is from->to->from
  uint32_t replicas = 8;         // independent chains per temperature
  double burn_in = 500;          // sweeps or ms at the first field value, from all down
  double steps_per_field = 200;  // sweeps or ms at each field value; the second half
                                 // is measured
  std::vector<SamplerKind> samplers{SamplerKind::kGlauber};
  uint64_t seed = 1;
  GlauberSettings glauber;
  SpikingSettings spiking;
};

// The settings make_chain_sampler reads (seed, glauber, spiking) as a ScanConfig.
ScanConfig sampler_settings(const HysteresisConfig& config);

// Throws spikewafer::Error (kInput) "file:line:col: key: problem; fix".
HysteresisConfig read_hysteresis_config(const std::string& path);
HysteresisConfig parse_hysteresis_config(const std::string& text, const std::string& source);

}  // namespace spikewafer::ising
