#include "learning/data_phase.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "kernels/random.hpp"
#include "learning/loop_networks.hpp"
#include "sampling/spiking_sampler.hpp"

namespace spikewafer::learning {
namespace {

// The data networks' replicas draw their noise apart from the model phase's (whose seeds are
// replica_seed(replica_seed(seed, epoch), r)).
constexpr uint32_t kDataSeeds = 0x80000000u;

class ExactDataPhase final : public DataPhase {
 public:
  Statistics sample(const Rbm& rbm, const Eigen::MatrixXd& batch) override {
    const Eigen::MatrixXd p = ((batch * rbm.W).rowwise() + rbm.c.transpose())
                                  .unaryExpr([](double v) { return 1.0 / (1.0 + std::exp(-v)); });
    const double n = static_cast<double>(batch.rows());
    return {batch.transpose() * p / n, batch.colwise().mean().transpose(),
            p.colwise().mean().transpose()};
  }
};

class SpikingDataPhase final : public DataPhase {
 public:
  SpikingDataPhase(const Rbm& rbm, const sampling::Calibration& calibration, uint32_t batch_size,
                   double settle, double window, double interval, uint64_t seed, uint32_t epoch,
                   int threads)
      : settle_(settle),
        window_(window),
        interval_(interval),
        sampler_(rbm_graph(rbm), loop_chains(batch_size, seed, kDataSeeds + epoch),
                 calibration, loop_network_settings(seed, true),
                 SimulatorOptions{Backend::kCpu, threads, {}, {}}) {}

  Statistics sample(const Rbm& rbm, const Eigen::MatrixXd& batch) override {
    const uint32_t inputs = rbm.inputs(), units = rbm.units();
    sampler_.set_graph(rbm_graph(rbm));
    std::vector<int8_t> clamp(size_t{sampler_.chains()} * units, -1);
    for (uint32_t c = 0; c < sampler_.chains(); ++c)
      for (uint32_t i = 0; i < inputs; ++i) clamp[size_t{c} * units + i] = batch(c, i) > 0.5;
    sampler_.clamp(clamp);
    // The hidden units follow the new inputs and weights before the window counts.
    sampler_.run(settle_);
    emulated_ += settle_;
    const auto samples = static_cast<uint64_t>(std::max(1.0, std::round(window_ / interval_)));
    Eigen::MatrixXd h_sum = Eigen::MatrixXd::Zero(batch.rows(), rbm.hidden);
    for (uint64_t k = 0; k < samples; ++k) {
      sampler_.run(interval_);
      emulated_ += interval_;
      const std::vector<uint8_t> z = sampler_.states();
      for (uint32_t c = 0; c < sampler_.chains(); ++c)
        for (uint32_t j = 0; j < rbm.hidden; ++j) h_sum(c, j) += z[size_t{c} * units + inputs + j];
    }
    // Each replica's time-averaged hidden state stands for its p(h | x); the inputs are the data.
    const Eigen::MatrixXd h = h_sum / static_cast<double>(samples);
    const double n = static_cast<double>(batch.rows());
    return {batch.transpose() * h / n, batch.colwise().mean().transpose(),
            h.colwise().mean().transpose()};
  }

  double emulated_ms() const override { return emulated_; }

 private:
  double settle_, window_, interval_;
  double emulated_ = 0.0;
  sampling::SpikingSampler sampler_;
};

}  // namespace

std::unique_ptr<DataPhase> exact_data_phase() { return std::make_unique<ExactDataPhase>(); }

std::unique_ptr<DataPhase> spiking_data_phase(const Rbm& rbm,
                                              const sampling::Calibration& calibration,
                                              uint32_t batch_size, double settle, double window,
                                              double interval, uint64_t seed, uint32_t epoch,
                                              int threads) {
  return std::make_unique<SpikingDataPhase>(rbm, calibration, batch_size, settle, window,
                                            interval, seed, epoch, threads);
}

}  // namespace spikewafer::learning
