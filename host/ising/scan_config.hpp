// What an Ising scan runs: lattices, the grid of temperatures and fields (or weights and bias
// fractions), replicas, times, initial states and the samplers' settings. Read from a TOML scan
// file (docs/ising-scan.md lists every key) or built in (default_scan_config).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ising/initial_state.hpp"
#include "ising/lattice.hpp"
#include "sampling/gibbs_sampler.hpp"
#include "spikewafer/network.hpp"

namespace spikewafer::ising {

// `num` values evenly spaced from `from` to `to` (both included; one value is `from`).
struct Range {
  double from = 0.0, to = 0.0;
  uint32_t num = 1;
  std::vector<double> values() const;
};

enum class Axes { kTemperatureField, kWeightBias };  // (T, h) or (W, b_f)
enum class SamplerKind { kGlauber, kSpiking };
// How the spiking sampler realises a temperature: by scaling W and b (weights and bias currents
// per replica), or by the rate of the balanced Poisson background at fixed weights
// (docs/ising-scan.md, "Temperature through the noise rate").
enum class TemperatureMode { kScale, kNoise };
// How the spiking sampler's weights and biases are found: by the translation alone ("open"), or
// corrected in a closed loop until the states it samples satisfy the target's pseudo-likelihood
// equations (ising/translation_correction.hpp, docs/models.md "Closed-loop translation").
enum class Translation { kOpen, kCorrected };

// How the spiking network represents the spins (ising/sublattice_gauge.hpp): kSublattice flips
// one sublattice of a bipartite lattice, so that the network's two ordered phases are images of
// each other; lattices without two sublattices, spin glasses and temperature = "noise" run
// ungauged whatever this says (the settings file says which ran).
enum class Gauge { kNone, kSublattice };
std::string sampler_kind_name(SamplerKind kind);
// "glauber", "spiking" or "both"; empty for any other name.
std::vector<SamplerKind> sampler_kinds(const std::string& name);

struct GlauberSettings {
  sampling::UpdateRule rule = sampling::UpdateRule::kHeatBath;
  sampling::SweepOrder order = sampling::SweepOrder::kColoured;  // "checkerboard"
};

struct SpikingSettings {
  Model model = Model::kIfCondExp;
  SynapseDynamics dynamics = SynapseDynamics::kRenewing;
  double tau_syn_ratio = 1.0;     // tau_syn / tau_refrac: the interaction's shape
  double dt = 0.1;                // ms
  double sample_interval = 1.0;   // ms between recorded states
  double calibration_duration = 10000.0;  // ms per bias value
  TemperatureMode temperature = TemperatureMode::kScale;
  double noise_max_factor = 16.0;  // "noise": the background rates calibrated, 1 to this times
  Translation translation = Translation::kCorrected;
  Gauge gauge = Gauge::kSublattice;
  uint32_t correction_rounds = 14;    // "corrected": estimate-and-correct rounds per batch
  double correction_window = 80.0;    // ms sampled per round
};

// [compare]: settings run side by side in one scan, every combination of the values listed
// (an empty list: not compared). Glauber chains take part in the initial-state comparison only.
struct Comparison {
  std::vector<InitialPattern> initial;
  std::vector<SynapseDynamics> synapse;
  std::vector<double> tau_syn_ratio;
  std::vector<TemperatureMode> temperature;
  std::vector<Translation> translation;
  std::vector<Gauge> gauge;
  bool empty() const {
    return initial.empty() && synapse.empty() && tau_syn_ratio.empty() && temperature.empty() &&
           translation.empty() && gauge.empty();
  }
};

struct ScanConfig {
  std::string source = "<built-in>";
  LatticeSpec lattice;                  // size is replaced by each of `sizes`
  std::vector<uint32_t> sizes{16};      // L, one scan per size
  Axes axes = Axes::kTemperatureField;
  Range first{1.5, 3.5, 21};            // T or W
  Range second{0.0, 0.0, 1};            // h or b_f
  uint32_t replicas = 8;                // per grid point
  double burn_in = 1000;                // sweeps (glauber) or ms (spiking)
  double measure = 5000;                // sweeps (glauber) or ms (spiking)
  InitialPattern initial = InitialPattern::kRandom;
  uint32_t stripe_width = 2;
  uint32_t batch_units = 1u << 16;      // chains x spins per batched run (before splitting)
  std::vector<SamplerKind> samplers{SamplerKind::kGlauber};
  uint64_t seed = 1;
  GlauberSettings glauber;
  SpikingSettings spiking;
  Comparison compare;
};

// The fewest samples per replica a scan measures (scan.measure in sample intervals).
constexpr double kMinMeasuredSamples = 10;

// Throws spikewafer::Error (kInput) "file:line:col: key: problem; fix".
ScanConfig read_scan_config(const std::string& path);
ScanConfig parse_scan_config(const std::string& text, const std::string& source);

// The samplers a command-line flag (or Python argument) asks for instead of the file's; an empty
// name keeps the file's. Throws input_error for other names.
void override_samplers(ScanConfig& config, const std::string& name);

// The README's main job: the 2D square lattice at L = 8 and 16 across Onsager's Tc, both samplers.
ScanConfig default_scan_config();

}  // namespace spikewafer::ising
