// The closed-loop translation of a scan's spiking chains (docs/models.md, "Closed-loop
// translation"). The LIF network of a lattice does not sample the Boltzmann machine it was
// translated from: PSPs outlast the refractory period, the conductances' driving force moves
// with u, and so on. Its states say what it samples instead: for every spin, the conditional
// p(z_i = 1 | neighbours) = logistic(a sum_j W_ij z_j + b_i + c) with the target's W and b,
// pooled over the spins and replicas of a grid point (they share W and b up to the lattice's
// symmetry), gives the sampled weight scale a and bias shift c (pseudo-likelihood,
// sampling/pseudo_likelihood.hpp). Each round samples a window, estimates (a, c) per grid point
// and corrects that point's network: weights / a, biases - c. Only the target's parameters and
// the network's own states enter; Glauber's and Onsager's results stay independent checks.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ising/chain_sampler.hpp"
#include "ising/lattice.hpp"
#include "sampling/pseudo_likelihood.hpp"

namespace spikewafer::ising {

// What the loop found for one grid point: the network's correction, and the deviation of what it
// sampled in the last round from the target (a - 1 and c; near 0 once converged).
struct PointCorrection {
  double weight_factor = 1.0;
  double bias_offset = 0.0;
  double residual_weight = 0.0;
  double residual_bias = 0.0;
};

struct CorrectionSettings {
  uint32_t rounds = 5;
  double window = 150.0;  // ms sampled per round
  double settle = 20.0;   // ms after each change before sampling (PSPs of the old weights decay)
};

// Chains are grouped by grid point: chain c belongs to point c / replicas, and `chains` are the
// target parameters (those the sampler was built with). Leaves the corrections set on `sampler`
// and returns one per point. Emulated time: rounds x (settle + window).
std::vector<PointCorrection> correct_translation(
    ChainSampler& sampler, const Lattice& lattice,
    const std::vector<sampling::ChainParams>& chains, uint32_t replicas,
    const CorrectionSettings& settings);

// The pseudo-likelihood moments of each grid point's states, for features (x, 1) with
// x = sum_j W_ij z_j of the target: the estimator of the loop, also used by tests.
class PointEstimator {
 public:
  // Chain c belongs to point c / replicas; `chains` are the targets.
  PointEstimator(const Lattice& lattice, std::vector<sampling::ChainParams> chains,
                 uint32_t replicas);
  // One sample of every chain's states, chain-major (as ChainSampler::states()).
  void add(const std::vector<uint8_t>& z);
  std::vector<sampling::LogisticMoments> moments() const;  // per point
  void clear();

 private:
  const Lattice& lattice_;
  std::vector<sampling::ChainParams> chains_;
  uint32_t replicas_;
  std::vector<sampling::LogisticMoments> per_chain_;
};

}  // namespace spikewafer::ising
