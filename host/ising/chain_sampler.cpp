#include "ising/chain_sampler.hpp"

#include <cmath>

#include "sampling/calibration_files.hpp"
#include "sampling/gibbs_sampler.hpp"
#include "sampling/spiking_sampler.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

class GlauberChains final : public ChainSampler {
 public:
  GlauberChains(const Lattice& lattice, const std::vector<sampling::ChainParams>& chains,
                const GlauberSettings& settings, Backend backend, int threads)
      : sampler_(lattice.graph, chains,
                 sampling::GibbsOptions{settings.rule, settings.order, backend, threads}) {}
  void set_states(const std::vector<uint8_t>& z) override { sampler_.set_states(z); }
  std::vector<uint8_t> states() override { return sampler_.states(); }
  void set_chain_params(const std::vector<sampling::ChainParams>& c) override {
    sampler_.set_chain_params(c);
  }
  void advance(double sweeps) override {
    sampler_.sweep(static_cast<uint64_t>(std::llround(sweeps)));
  }
  double sample_interval() const override { return 1.0; }

 private:
  sampling::GibbsSampler sampler_;
};

class SpikingChains final : public ChainSampler {
 public:
  SpikingChains(const Lattice& lattice, const std::vector<sampling::ChainParams>& chains,
                const SpikingSettings& settings, const sampling::Calibration& calibration,
                uint64_t seed, Backend backend, int threads)
      : interval_(settings.sample_interval),
        sampler_(lattice.graph, chains, calibration, network_settings(settings, seed),
                 SimulatorOptions{backend, threads, {}}) {}
  void set_states(const std::vector<uint8_t>& z) override { sampler_.set_states(z); }
  std::vector<uint8_t> states() override { return sampler_.states(); }
  void set_chain_params(const std::vector<sampling::ChainParams>& c) override {
    sampler_.set_chain_params(c);
  }
  void advance(double ms) override { sampler_.run(ms); }
  double sample_interval() const override { return interval_; }

 private:
  static sampling::SamplingNetworkSettings network_settings(const SpikingSettings& s,
                                                            uint64_t seed) {
    sampling::SamplingNetworkSettings n;
    n.dynamics = s.dynamics;
    n.seed = seed;
    return n;
  }
  double interval_;
  sampling::SpikingSampler sampler_;
};

}  // namespace

sampling::SamplingNeuron scan_neuron(const SpikingSettings& settings) {
  sampling::SamplingNeuron neuron = sampling::default_sampling_neuron(settings.model);
  neuron.dt = settings.dt;
  neuron.params.tau_syn_E = neuron.params.tau_syn_I =
      settings.tau_syn_ratio * neuron.params.tau_refrac;
  return neuron;
}

sampling::Calibration calibrate_spiking(const SpikingSettings& settings, uint64_t seed,
                                        const std::string& dir, int threads,
                                        const std::function<void(const std::string&)>& say) {
  sampling::CalibrationSettings calibration;
  calibration.duration = settings.calibration_duration;
  calibration.seed = seed;
  return sampling::calibrate_into(dir, scan_neuron(settings), calibration, threads, say);
}

std::unique_ptr<ChainSampler> make_chain_sampler(SamplerKind kind, const Lattice& lattice,
                                                 const std::vector<sampling::ChainParams>& chains,
                                                 const ScanConfig& config,
                                                 const sampling::Calibration* calibration,
                                                 int threads, Backend backend) {
  if (kind == SamplerKind::kGlauber)
    return std::make_unique<GlauberChains>(lattice, chains, config.glauber, backend, threads);
  if (!calibration) throw input_error("spiking sampler: no calibration given");
  return std::make_unique<SpikingChains>(lattice, chains, config.spiking, *calibration,
                                         config.seed, backend, threads);
}

}  // namespace spikewafer::ising
