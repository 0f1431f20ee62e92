// The model phase of contrastive-divergence training (docs/learning.md): the statistics
// <x h^T>, <x>, <h> of the machine's own samples, from block Gibbs chains (the reference) or
// from LIF networks in the loop (every replica a persistent chain, the running networks given
// the new weights and bias currents after every update, so that their deviations from an ideal
// sampler are what the updates correct).
#pragma once

#include <Eigen/Dense>

#include <cstdint>
#include <memory>
#include <vector>

#include "learning/rbm.hpp"
#include "sampling/calibration.hpp"
#include "sampling/spiking_sampler.hpp"

namespace spikewafer::learning {

struct Statistics {
  Eigen::MatrixXd xh;  // inputs x hidden
  Eigen::VectorXd x, h;
};

class ModelPhase {
 public:
  virtual ~ModelPhase() = default;
  // The model's statistics under `rbm`; `batch` (rows: inputs) starts CD-k chains.
  virtual Statistics sample(const Rbm& rbm, const Eigen::MatrixXd& batch) = 0;
  // The persistent chains' states (chains x units, 0/1), for checkpoints; empty for CD-k.
  virtual std::vector<uint8_t> states() const = 0;
  // Emulated ms so far (0 for Gibbs).
  virtual double emulated_ms() const { return 0.0; }
  // How often each state of the input units was sampled since the last take (2^inputs counts,
  // state index bit i = input i), where the inputs are at most kMaxCountedInputs; else empty.
  std::vector<double> take_input_counts();

 protected:
  void count_inputs(const uint8_t* inputs, uint32_t n);

 private:
  std::vector<double> input_counts_;
};

// Up to this many input units the model phase counts its samples' input states (training.csv's
// sampled_log_likelihood).
constexpr uint32_t kMaxCountedInputs = 16;

// Mean over `data`'s rows of log p(x), p the distribution `counts` sampled, smoothed by half a
// count per state (a state never sampled is not impossible); NaN without counts.
double sampled_log_likelihood(const std::vector<double>& counts, const Eigen::MatrixXd& data);

// Block Gibbs: CD-k from the batch, or (persistent) `chains` chains carried over from update to
// update and started from `start` (chains x units; empty: all units 0). Random numbers from
// Philox keyed by (seed, chain, unit, step); `step` counts the half-sweeps done before (resume).
std::unique_ptr<ModelPhase> gibbs_phase(uint32_t k, bool persistent, uint32_t chains,
                                        uint64_t seed, uint64_t step,
                                        const std::vector<uint8_t>& start);

// LIF networks (the calibrated sampling neuron) with one replica per chain, started in `start`,
// per update running `settle` ms and then sampling `window` ms (a state every `interval` ms). The networks are built anew
// from the checkpointed states at every epoch (`epoch` keys their noise), so that a resumed run
// repeats an uninterrupted one.
std::unique_ptr<ModelPhase> spiking_phase(const Rbm& rbm, const sampling::Calibration& calibration,
                                          uint32_t chains, double settle, double window,
                                          double interval, uint64_t seed, uint32_t epoch,
                                          const std::vector<uint8_t>& start, int threads);

}  // namespace spikewafer::learning
