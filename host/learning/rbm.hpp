// Restricted Boltzmann machines with visible, label and hidden units (docs/learning.md): the
// model that `spikewafer train` learns, and what can be computed about it exactly (the machine
// itself: sampling/restricted_machine.hpp).
#pragma once

#include <Eigen/Dense>

#include <cstdint>

#include "sampling/coupling_graph.hpp"
#include "sampling/restricted_machine.hpp"

namespace spikewafer::learning {

// The layered machine, its form as a general one and its label posterior live with the
// samplers, which take a trained network as a target (sampling/restricted_machine.hpp).
using sampling::as_boltzmann_machine;
using sampling::label_posterior;
using sampling::Rbm;
using sampling::softplus;

// Weights N(0, weight_std^2) from Philox (seed), biases 0.
Rbm make_rbm(uint32_t visible, uint32_t labels, uint32_t hidden, double weight_std, uint64_t seed);

// Its coupling graph with every input-hidden pair, zero weights included, so that a network
// built from it keeps one synapse per pair while training changes the weights.
sampling::CouplingGraph rbm_graph(const Rbm& rbm);

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

// The most probable label given the image (the one of lowest free energy; ties to the lowest).
uint32_t classify(const Rbm& rbm, const Eigen::VectorXd& image);

}  // namespace spikewafer::learning
