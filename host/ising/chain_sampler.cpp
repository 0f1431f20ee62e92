#include "ising/chain_sampler.hpp"

#include <cmath>
#include <string>

#include "io/atomic_file.hpp"
#include "io/number_text.hpp"
#include "sampling/calibration_files.hpp"
#include "sampling/gibbs_sampler.hpp"
#include "sampling/spiking_sampler.hpp"
#include "ising/sublattice_gauge.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

// Throws unless one `what` ("parameters", "corrections") was given per chain.
void require_per_chain(const char* what, size_t given, size_t chains) {
  if (given != chains)
    throw input_error("sampler: expected " + std::string(what) + " for " +
                      std::to_string(chains) + " chains, got " + std::to_string(given));
}

class GlauberChains final : public ChainSampler {
 public:
  GlauberChains(const Lattice& lattice, const std::vector<sampling::ChainParams>& chains,
                const GlauberSettings& settings, Backend backend, int threads)
      : sampler_(lattice.graph, chains,
                 sampling::GibbsOptions{settings.rule, settings.order, backend, threads}),
        chains_(chains),
        corrections_(chains.size()) {}
  void set_states(const std::vector<uint8_t>& z) override { sampler_.set_states(z); }
  std::vector<uint8_t> states() override { return sampler_.states(); }
  void set_chain_params(const std::vector<sampling::ChainParams>& c) override {
    chains_ = c;
    apply();
  }
  // Glauber dynamics sample their machine exactly and scans never correct them; a correction
  // here makes chain c sample W x weight_factor and b + bias_offset, which is what the
  // correction loop's tests need: a sampler whose error is known.
  void set_corrections(const std::vector<sampling::ChainCorrection>& corrections) override {
    require_per_chain("corrections", corrections.size(), chains_.size());
    corrections_ = corrections;
    apply();
  }
  void advance(double sweeps) override {
    sampler_.sweep(static_cast<uint64_t>(std::llround(sweeps)));
  }
  double sample_interval() const override { return 1.0; }

 private:
  void apply() {
    std::vector<sampling::ChainParams> corrected = chains_;
    for (size_t k = 0; k < corrected.size(); ++k) {
      corrected[k].alpha *= corrections_[k].weight_factor;
      corrected[k].beta += corrections_[k].bias_offset;
    }
    sampler_.set_chain_params(corrected);
  }
  sampling::GibbsSampler sampler_;
  std::vector<sampling::ChainParams> chains_;
  std::vector<sampling::ChainCorrection> corrections_;
};

// Temperature by scale: chain c's W and b are scaled (weight scale and bias currents per
// replica). By noise: every chain has the weights of t_ref, and its background rate and bias
// currents come from the noise ladder (sampling/noise_ladder.hpp).
class SpikingChains final : public ChainSampler {
 public:
  SpikingChains(const Lattice& lattice, const std::vector<sampling::ChainParams>& chains,
                const SpikingSettings& settings, const SpikingCalibration& calibration,
                uint64_t seed, Backend backend, int threads)
      : interval_(settings.sample_interval),
        noise_(calibration.noise ? &*calibration.noise : nullptr),
        gauge_(settings.gauge == Gauge::kSublattice && !noise_ ? sublattice_gauge(lattice)
                                                               : std::nullopt),
        sampler_(gauge_ ? gauged_graph(lattice, *gauge_) : lattice.graph,
                 noise_ ? at_reference(chains) : network_params(chains), calibration.reference,
                 network_settings(settings, seed), SimulatorOptions{backend, threads, {}, {}}),
        chains_(chains),
        corrections_(chains.size()) {
    if (noise_) set_chain_params(chains);
  }
  void set_states(const std::vector<uint8_t>& z) override {
    if (!gauge_) return sampler_.set_states(z);
    std::vector<uint8_t> flipped = z;
    flip_sublattice(flipped, *gauge_);
    sampler_.set_states(flipped);
  }
  std::vector<uint8_t> states() override {
    std::vector<uint8_t> z = sampler_.states();
    if (gauge_) flip_sublattice(z, *gauge_);
    return z;
  }
  void set_chain_params(const std::vector<sampling::ChainParams>& c) override {
    require_per_chain("parameters", c.size(), sampler_.chains());
    chains_ = c;
    apply_biases();
  }
  void set_corrections(const std::vector<sampling::ChainCorrection>& corrections) override {
    require_per_chain("corrections", corrections.size(), sampler_.chains());
    corrections_ = corrections;
    std::vector<double> scales;
    for (size_t k = 0; k < chains_.size(); ++k)
      scales.push_back((noise_ ? 1.0 / noise_->t_ref : chains_[k].alpha) *
                       corrections_[k].weight_factor);
    sampler_.simulator().set_weight_scales(scales);
    apply_biases();
  }
  bool keeps_spin_flip_symmetry() const override { return gauge_.has_value(); }
  void advance(double ms) override { sampler_.run(ms); }
  double sample_interval() const override { return interval_; }

 private:
  // The chains' biases with their corrections, through the bias currents (and in the noise mode
  // the background rates) of each replica.
  void apply_biases() {
    std::vector<sampling::ChainParams> corrected = chains_;
    for (size_t k = 0; k < corrected.size(); ++k) {
      corrected[k].beta += corrections_[k].bias_offset;
      // In the gauge the biases of A include the field of all neighbours, which the corrected
      // weights carry; the network's own weight scale stays as built.
      if (gauge_) corrected[k].alpha *= corrections_[k].weight_factor;
    }
    if (!noise_) {
      std::vector<sampling::ChainParams> net = network_params(corrected);
      for (size_t k = 0; k < net.size(); ++k) net[k].alpha = chains_[k].alpha;
      return sampler_.set_chain_params(net);
    }
    sampler_.simulator().set_replica_inputs(noise_temperature_inputs(corrected, *noise_));
  }
  std::vector<sampling::ChainParams> at_reference(std::vector<sampling::ChainParams> chains) const {
    for (sampling::ChainParams& c : chains) c.alpha = 1.0 / noise_->t_ref;
    return chains;
  }
  // The chains' parameters as the network runs them (gauged where the gauge applies).
  std::vector<sampling::ChainParams> network_params(std::vector<sampling::ChainParams> chains) const {
    if (gauge_)
      for (sampling::ChainParams& c : chains) c = gauged_params(c, *gauge_);
    return chains;
  }
  static sampling::SamplingNetworkSettings network_settings(const SpikingSettings& s,
                                                            uint64_t seed) {
    sampling::SamplingNetworkSettings n;
    n.dynamics = s.dynamics;
    n.seed = seed;
    return n;
  }
  double interval_;
  const NoiseTemperature* noise_;  // null for temperature = "scale"
  std::optional<SublatticeGauge> gauge_;
  sampling::SpikingSampler sampler_;
  std::vector<sampling::ChainParams> chains_;
  std::vector<sampling::ChainCorrection> corrections_;
};

}  // namespace

sampling::SamplingNeuron scan_neuron(const SpikingSettings& settings) {
  sampling::SamplingNeuron neuron = sampling::default_sampling_neuron(settings.model);
  neuron.dt = settings.dt;
  neuron.params.tau_syn_E = neuron.params.tau_syn_I =
      settings.tau_syn_ratio * neuron.params.tau_refrac;
  return neuron;
}

SpikingCalibration calibrate_spiking(const SpikingSettings& settings, uint64_t seed,
                                     double coldest_T, const std::string& dir, int threads,
                                     const std::function<void(const std::string&)>& say) {
  sampling::CalibrationSettings calibration;
  calibration.duration = settings.calibration_duration;
  calibration.seed = seed;
  SpikingCalibration c;
  c.reference = sampling::calibrate_into(dir, scan_neuron(settings), calibration, threads, say);
  if (settings.temperature == TemperatureMode::kNoise) {
    if (say)
      say("temperature = \"noise\": calibrating at background rates up to x" +
          number_text(settings.noise_max_factor) + ", weights of T = " + number_text(coldest_T));
    c.noise = calibrate_noise_temperature(c.reference, settings.noise_max_factor, calibration,
                                          coldest_T, threads, say);
    write_file_atomically(dir + "/noise_temperature.csv", noise_temperature_csv(*c.noise));
  }
  return c;
}

std::unique_ptr<ChainSampler> make_chain_sampler(SamplerKind kind, const Lattice& lattice,
                                                 const std::vector<sampling::ChainParams>& chains,
                                                 const ScanConfig& config,
                                                 const SpikingCalibration* calibration,
                                                 int threads, Backend backend) {
  if (kind == SamplerKind::kGlauber)
    return std::make_unique<GlauberChains>(lattice, chains, config.glauber, backend, threads);
  if (!calibration) throw input_error("spiking sampler: no calibration given");
  return std::make_unique<SpikingChains>(lattice, chains, config.spiking, *calibration,
                                         config.seed, backend, threads);
}

}  // namespace spikewafer::ising
