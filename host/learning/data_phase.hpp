// The data phase of contrastive-divergence training (docs/learning.md): the statistics
// <x h^T>, <x>, <h> with the inputs held at the minibatch's training inputs. Exact (an RBM's
// hidden units are independent given its inputs, p(h | x) in closed form), or from LIF networks
// whose input units are clamped to the data, one replica per training input: their hidden units
// then err as the model phase's networks do, and the errors cancel in the gradient, which an
// exact data phase against a spiking model phase does not allow (the hidden biases ran away).
#pragma once

#include <Eigen/Dense>

#include <cstdint>
#include <memory>

#include "learning/model_phase.hpp"
#include "learning/rbm.hpp"
#include "sampling/calibration.hpp"

namespace spikewafer::learning {

class DataPhase {
 public:
  virtual ~DataPhase() = default;
  // The statistics with the inputs held at the rows of `batch` (0/1 entries).
  virtual Statistics sample(const Rbm& rbm, const Eigen::MatrixXd& batch) = 0;
  // Emulated ms so far (0 for the exact phase).
  virtual double emulated_ms() const { return 0.0; }
};

std::unique_ptr<DataPhase> exact_data_phase();

// LIF networks (the calibrated sampling neuron) with one replica per row of a batch of
// `batch_size`, per update given the new weights, then the batch's inputs clamped, run for
// `settle` ms and sampled for `window` ms (a state every `interval` ms). Built anew each epoch
// (`epoch` keys their noise) so that a resumed run repeats an uninterrupted one.
std::unique_ptr<DataPhase> spiking_data_phase(const Rbm& rbm,
                                              const sampling::Calibration& calibration,
                                              uint32_t batch_size, double settle, double window,
                                              double interval, uint64_t seed, uint32_t epoch,
                                              int threads);

}  // namespace spikewafer::learning
