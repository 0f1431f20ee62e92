#include "learning/model_phase.hpp"

#include <cmath>

#include "kernels/random.hpp"
#include "learning/loop_networks.hpp"

namespace spikewafer::learning {
namespace {

// The Gibbs chains' own substream of the spin-flip stream.
constexpr uint32_t kGibbsSubstream = 12;

Eigen::MatrixXd logistic(const Eigen::MatrixXd& a) {
  return a.unaryExpr([](double v) { return 1.0 / (1.0 + std::exp(-v)); });
}

class GibbsPhase final : public ModelPhase {
 public:
  GibbsPhase(uint32_t k, bool persistent, uint32_t chains, uint64_t seed, uint64_t step,
             const std::vector<uint8_t>& start)
      : k_(k), persistent_(persistent), chains_(chains), seed_(seed), step_(step), start_(start) {}

  Statistics sample(const Rbm& rbm, const Eigen::MatrixXd& batch) override {
    if (persistent_ && x_.size() == 0) {
      x_ = Eigen::MatrixXd::Zero(chains_, rbm.inputs());
      if (!start_.empty())
        for (uint32_t c = 0; c < chains_; ++c)
          for (uint32_t i = 0; i < rbm.inputs(); ++i) x_(c, i) = start_[size_t{c} * rbm.units() + i];
    }
    Eigen::MatrixXd x = persistent_ ? x_ : batch;
    Eigen::MatrixXd h;
    for (uint32_t s = 0; s < k_; ++s) {
      h = draw(logistic((x * rbm.W).rowwise() + rbm.c.transpose()), 0);
      x = draw(logistic((h * rbm.W.transpose()).rowwise() + rbm.b.transpose()), rbm.hidden);
    }
    if (persistent_) x_ = x;
    std::vector<uint8_t> row(static_cast<size_t>(x.cols()));
    for (Eigen::Index c = 0; c < x.rows(); ++c) {
      for (Eigen::Index i = 0; i < x.cols(); ++i) row[i] = x(c, i) > 0.5;
      count_inputs(row.data(), static_cast<uint32_t>(x.cols()));
    }
    // The hidden units' statistics from their probabilities given the final inputs (less noise
    // than their samples, the same expectation).
    const Eigen::MatrixXd p = logistic((x * rbm.W).rowwise() + rbm.c.transpose());
    last_h_ = draw(p, 0);
    const double n = static_cast<double>(x.rows());
    return {x.transpose() * p / n, x.colwise().mean().transpose(), p.colwise().mean().transpose()};
  }

  std::vector<uint8_t> states() const override {
    std::vector<uint8_t> z;
    for (Eigen::Index c = 0; c < x_.rows(); ++c) {
      for (Eigen::Index i = 0; i < x_.cols(); ++i) z.push_back(x_(c, i) > 0.5);
      for (Eigen::Index j = 0; j < last_h_.cols(); ++j) z.push_back(last_h_(c, j) > 0.5);
    }
    return z;
  }

 private:
  // One half-sweep: every entry drawn against its probability; `offset` sets the units' numbers
  // apart (inputs from 0, hidden from `hidden`... so that no two draws of a step share a key).
  Eigen::MatrixXd draw(const Eigen::MatrixXd& p, uint32_t offset) {
    Eigen::MatrixXd out(p.rows(), p.cols());
    const uint64_t step = step_++;
    for (Eigen::Index c = 0; c < p.rows(); ++c)
      for (Eigen::Index i = 0; i < p.cols(); ++i) {
        const float u = kernels::philox_uniform4(kernels::replica_seed(seed_, static_cast<uint32_t>(c)),
                                                 offset + static_cast<uint32_t>(i), step,
                                                 kernels::Stream::kSpinFlip, kGibbsSubstream)
                            .u[0];
        out(c, i) = u < p(c, i) ? 1.0 : 0.0;
      }
    return out;
  }

  uint32_t k_;
  bool persistent_;
  uint32_t chains_;
  uint64_t seed_, step_;
  std::vector<uint8_t> start_;
  Eigen::MatrixXd x_, last_h_;
};

class SpikingPhase final : public ModelPhase {
 public:
  SpikingPhase(const Rbm& rbm, const sampling::Calibration& calibration, uint32_t chains,
               double settle, double window, double interval, uint64_t seed, uint32_t epoch,
               const std::vector<uint8_t>& start, int threads)
      : units_(rbm.units()),
        inputs_(rbm.inputs()),
        settle_(settle),
        window_(window),
        interval_(interval),
        sampler_(rbm_graph(rbm), loop_chains(chains, seed, epoch), calibration,
                 loop_network_settings(seed, false),
                 SimulatorOptions{Backend::kCpu, threads, {}, {}}) {
    if (!start.empty()) sampler_.set_states(start);
  }

  Statistics sample(const Rbm& rbm, const Eigen::MatrixXd&) override {
    sampler_.set_graph(rbm_graph(rbm));
    // The PSPs of the old weights decay before the window counts.
    sampler_.run(settle_);
    emulated_ += settle_;
    Statistics s{Eigen::MatrixXd::Zero(inputs_, rbm.hidden), Eigen::VectorXd::Zero(inputs_),
                 Eigen::VectorXd::Zero(rbm.hidden)};
    const auto samples = static_cast<uint64_t>(std::max(1.0, std::round(window_ / interval_)));
    double count = 0.0;
    Eigen::VectorXd x(inputs_), h(rbm.hidden);
    for (uint64_t k = 0; k < samples; ++k) {
      sampler_.run(interval_);
      emulated_ += interval_;
      z_ = sampler_.states();
      for (uint32_t c = 0; c < sampler_.chains(); ++c) {
        const uint8_t* z = &z_[size_t{c} * units_];
        count_inputs(z, inputs_);
        for (uint32_t i = 0; i < inputs_; ++i) x[i] = z[i];
        for (uint32_t j = 0; j < rbm.hidden; ++j) h[j] = z[inputs_ + j];
        s.xh.noalias() += x * h.transpose();
        s.x += x;
        s.h += h;
        count += 1.0;
      }
    }
    s.xh /= count;
    s.x /= count;
    s.h /= count;
    return s;
  }

  std::vector<uint8_t> states() const override { return z_; }
  double emulated_ms() const override { return emulated_; }

 private:
  uint32_t units_, inputs_;
  double settle_, window_, interval_;
  double emulated_ = 0.0;
  std::vector<uint8_t> z_;
  sampling::SpikingSampler sampler_;
};

}  // namespace

void ModelPhase::count_inputs(const uint8_t* inputs, uint32_t n) {
  if (n > kMaxCountedInputs) return;
  if (input_counts_.empty()) input_counts_.assign(size_t{1} << n, 0.0);
  uint32_t state = 0;
  for (uint32_t i = 0; i < n; ++i) state |= uint32_t{inputs[i] != 0} << i;
  input_counts_[state] += 1.0;
}

std::vector<double> ModelPhase::take_input_counts() {
  std::vector<double> out;
  out.swap(input_counts_);
  return out;
}

double sampled_log_likelihood(const std::vector<double>& counts, const Eigen::MatrixXd& data) {
  if (counts.empty() || data.rows() == 0) return std::nan("");
  double total = 0.0;
  for (double c : counts) total += c + 0.5;
  double sum = 0.0;
  for (Eigen::Index r = 0; r < data.rows(); ++r) {
    size_t state = 0;
    for (Eigen::Index i = 0; i < data.cols(); ++i) state |= size_t{data(r, i) > 0.5} << i;
    sum += std::log((counts[state] + 0.5) / total);
  }
  return sum / static_cast<double>(data.rows());
}

std::unique_ptr<ModelPhase> gibbs_phase(uint32_t k, bool persistent, uint32_t chains,
                                        uint64_t seed, uint64_t step,
                                        const std::vector<uint8_t>& start) {
  return std::make_unique<GibbsPhase>(k, persistent, chains, seed, step, start);
}

std::unique_ptr<ModelPhase> spiking_phase(const Rbm& rbm, const sampling::Calibration& calibration,
                                          uint32_t chains, double settle, double window,
                                          double interval, uint64_t seed, uint32_t epoch,
                                          const std::vector<uint8_t>& start, int threads) {
  return std::make_unique<SpikingPhase>(rbm, calibration, chains, settle, window, interval, seed,
                                        epoch, start, threads);
}

}  // namespace spikewafer::learning
