// One face for the two samplers of a scan: Glauber dynamics (sampling/gibbs_sampler.hpp), timed
// in sweeps, and LIF networks (sampling/spiking_sampler.hpp), timed in ms. Both hold many chains
// of one lattice in lockstep.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ising/lattice.hpp"
#include "ising/scan_config.hpp"
#include "sampling/calibration.hpp"
#include "sampling/coupling_graph.hpp"
#include "sampling/translation.hpp"
#include "ising/noise_temperature.hpp"
#include "spikewafer/simulator.hpp"

namespace spikewafer::ising {

class ChainSampler {
 public:
  virtual ~ChainSampler() = default;
  virtual void set_states(const std::vector<uint8_t>& z) = 0;  // chain-major
  virtual std::vector<uint8_t> states() = 0;
  virtual void set_chain_params(const std::vector<sampling::ChainParams>& chains) = 0;
  // Per chain, how the sampler departs from its parameters (ising/translation_correction.hpp):
  // W x weight_factor, b + bias_offset; kept through later set_chain_params.
  virtual void set_corrections(const std::vector<sampling::ChainCorrection>& corrections) = 0;
  // Whether the sampler's own errors keep the target's spin-flip symmetry at zero field (a
  // spiking network in the sublattice gauge), so that a bias correction there could only follow
  // noise (ising/translation_correction.hpp).
  virtual bool keeps_spin_flip_symmetry() const { return false; }
  // Advances by `amount` sweeps (Glauber) or ms (spiking).
  virtual void advance(double amount) = 0;
  // The time between two recorded samples, in the same unit.
  virtual double sample_interval() const = 0;
};

// What a spiking sampler is calibrated with: the activation of the neuron as given, and for
// temperature = "noise" also its activation over background rates, with the coldest temperature
// of the run as the reference whose weights every chain gets (hotter chains get more noise).
struct SpikingCalibration {
  sampling::Calibration reference;
  std::optional<NoiseTemperature> noise;  // temperature = "noise" only
};

// `calibration` is used by the spiking sampler only (may be null for Glauber). The commands run
// on the CPU; a benchmark may ask for the CUDA backend.
std::unique_ptr<ChainSampler> make_chain_sampler(SamplerKind kind, const Lattice& lattice,
                                                 const std::vector<sampling::ChainParams>& chains,
                                                 const ScanConfig& config,
                                                 const SpikingCalibration* calibration,
                                                 int threads, Backend backend = Backend::kCpu);

// The sampling neuron of a scan's spiking settings (model, dt, tau_syn = ratio x tau_refrac).
sampling::SamplingNeuron scan_neuron(const SpikingSettings& settings);

// The calibration of that neuron, written into `dir` (activation.csv, calibration.json, and for
// temperature = "noise" noise_temperature.csv): what the spiking sampler of a scan or a
// hysteresis run needs first. `coldest_T` is the lowest temperature the run will sample.
SpikingCalibration calibrate_spiking(const SpikingSettings& settings, uint64_t seed,
                                     double coldest_T, const std::string& dir, int threads,
                                     const std::function<void(const std::string&)>& say);

}  // namespace spikewafer::ising
