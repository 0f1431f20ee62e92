// Restricted Boltzmann machines with visible, label and hidden units (docs/learning.md): the
// model that `spikewafer train` learns, and what can be computed about it exactly. The inputs
// x are the visible units followed by the labels (a one-hot code of the class); the energy is
//     E(x, h) = -x^T W h - b^T x - c^T h.
#pragma once

#include <Eigen/Dense>

#include <cstdint>

#include "sampling/boltzmann_machine.hpp"
#include "sampling/coupling_graph.hpp"

namespace spikewafer::learning {

struct Rbm {
  uint32_t visible = 0, labels = 0, hidden = 0;
  Eigen::MatrixXd W;  // (visible + labels) x hidden
  Eigen::VectorXd b;  // visible + labels
  Eigen::VectorXd c;  // hidden
  uint32_t inputs() const { return visible + labels; }
  uint32_t units() const { return visible + labels + hidden; }
};

// Weights N(0, weight_std^2) from Philox (seed), biases 0.
Rbm make_rbm(uint32_t visible, uint32_t labels, uint32_t hidden, double weight_std, uint64_t seed);

// As a general machine, units in the order visible, labels, hidden (for the samplers).
sampling::BoltzmannMachine as_boltzmann_machine(const Rbm& rbm);
// Its coupling graph with every input-hidden pair, zero weights included, so that a network
// built from it keeps one synapse per pair while training changes the weights.
sampling::CouplingGraph rbm_graph(const Rbm& rbm);

// log(1 + e^x), without overflow for large x.
double softplus(double x);

// F(x) = -log sum_h exp(-E(x, h)) = -b^T x - sum_j softplus(c_j + (W^T x)_j).
double free_energy(const Rbm& rbm, const Eigen::VectorXd& x);

// The most units of the smaller layer that log_partition sums over (2^24 states).
constexpr uint32_t kMaxExactLayer = 24;
// log Z, summed exactly over the smaller layer; NaN when both layers exceed kMaxExactLayer.
double log_partition(const Rbm& rbm);

// Mean over the rows of `inputs` of log p(x) = -F(x) - log Z, with log Z given (an AIS estimate,
// annealed_importance.hpp) or exact (NaN where log_partition is).
double mean_log_likelihood(const Rbm& rbm, const Eigen::MatrixXd& inputs, double log_z);
double mean_log_likelihood(const Rbm& rbm, const Eigen::MatrixXd& inputs);

// p(label | image) for each label, exactly: the softmax of -F over the one-hot labels with the
// image clamped. `image` has `visible` entries. One product W^T image for all labels, so that a
// sampler's every state can be judged (tempering on a trained network).
Eigen::VectorXd label_posterior(const Rbm& rbm, const Eigen::VectorXd& image);

// The most probable label given the image (the one of lowest free energy; ties to the lowest).
uint32_t classify(const Rbm& rbm, const Eigen::VectorXd& image);

}  // namespace spikewafer::learning
