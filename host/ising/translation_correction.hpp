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

#include <array>
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

// The states of each grid point's chains as counts of z_i = 0 and 1 per neighbourhood class:
// the number of active neighbours where the lattice's couplings are uniform, (spin, pattern of
// active neighbours) for a spin glass. Every class has a mirror, its neighbours flipped (n and
// q - n). The fit of a point weights each class by the mean count of it and its mirror, so that
// the two ends of the neighbour count are balanced alike whichever sign the chains ordered in:
// the LIF conditional is not exactly logistic in the neighbour count (docs/models.md), and a fit
// weighted by the counts alone would trade the error at n = q against n = 0 by how many chains
// happen to be up, which feeds back into an ordering of one sign.
class PointEstimator {
 public:
  // Chain c belongs to point c / replicas; `chains` are the targets. Throws input_error for a
  // spin glass whose spins have more than 12 neighbours (too many patterns to count).
  PointEstimator(const Lattice& lattice, std::vector<sampling::ChainParams> chains,
                 uint32_t replicas);
  // One sample of every chain's states, chain-major (as ChainSampler::states()).
  void add(const std::vector<uint8_t>& z);
  void clear();
  uint32_t points() const { return static_cast<uint32_t>(chains_.size() / replicas_); }
  // Per point: the sampled (a - 1, c), fitted to convergence.
  std::vector<std::array<double, 2>> deviations() const;
  // The log-odds of z_i = 1 in each class of point p that was seen, as measured and as the
  // target gives it (for reports and tests): {x, measured, target, count}.
  std::vector<std::array<double, 4>> class_log_odds(uint32_t p) const;

 private:
  uint32_t class_of(uint32_t spin, const uint8_t* z) const;
  uint32_t mirror(uint32_t class_index) const;
  double local_field(uint32_t class_index) const;  // sum_j W_s,ij z_j of the structure graph
  double structure_bias(uint32_t class_index) const;

  const Lattice& lattice_;
  std::vector<sampling::ChainParams> chains_;
  uint32_t replicas_;
  bool by_count_;           // uniform couplings: classes are neighbour counts
  uint32_t degree_ = 0;     // the largest number of neighbours
  uint32_t classes_ = 0;
  std::vector<double> counts_;  // [chain][class][z]
  // Hazard mode: per chain and class, samples with z_i = 0 and how many of them were 1 at the
  // next sample.
  std::vector<double> exposure_, onsets_;
  std::vector<uint8_t> previous_;
 public:
  bool cd = false;  // contrastive: one target Gibbs sweep from each sampled state
  std::vector<double> cd_grad_;  // [chain][2]
  uint64_t samples_ = 0;
  std::vector<std::array<double, 2>> cd_deviations() const;
  double step_over_tau = 0.0;  // > 0: hazard mode, the sample interval over tau_refrac
  std::vector<std::array<double, 2>> hazard_deviations() const;
};

}  // namespace spikewafer::ising
