// Restricted Boltzmann machines as Boltzmann machines: the layered form (visible, label and
// hidden units) that `spikewafer train` learns (host/learning) and that a sampler can take as its
// target (`[target] trained = DIR`), with what both need exactly: the machine over all units and
// the label posterior of an image. The inputs x are the visible units followed by the labels (a
// one-hot code of the class); the energy is
//     E(x, h) = -x^T W h - b^T x - c^T h.
#pragma once

#include <Eigen/Dense>

#include <cstdint>

#include "sampling/boltzmann_machine.hpp"

namespace spikewafer::sampling {

struct Rbm {
  uint32_t visible = 0, labels = 0, hidden = 0;
  Eigen::MatrixXd W;  // (visible + labels) x hidden
  Eigen::VectorXd b;  // visible + labels
  Eigen::VectorXd c;  // hidden
  uint32_t inputs() const { return visible + labels; }
  uint32_t units() const { return visible + labels + hidden; }
};

// As a general machine, units in the order visible, labels, hidden (for the samplers).
BoltzmannMachine as_boltzmann_machine(const Rbm& rbm);

// log(1 + e^x), without overflow for large x.
double softplus(double x);

// p(label | image) for each label, exactly: the softmax of -F over the one-hot labels with the
// image clamped (F the free energy of learning/rbm.hpp). `image` has `visible` entries. One
// product W^T image for all labels, so that a sampler's every state can be judged (tempering on
// a trained network).
Eigen::VectorXd label_posterior(const Rbm& rbm, const Eigen::VectorXd& image);

}  // namespace spikewafer::sampling
