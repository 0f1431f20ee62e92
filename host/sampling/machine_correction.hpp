// The closed-loop translation of a general Boltzmann machine (`spikewafer sample`,
// docs/sampling.md "Closed-loop translation"): the scan's loop (ising/translation_correction.hpp)
// with one parameter per unit and per pair instead of one weight scale and one bias offset per
// grid point, since a general machine has no symmetry to share them.
//
// The estimator is the gradient of the pseudo-likelihood: in each state z the network sampled,
// the target's conditional q_i = p(z_i = 1 | z_-i) = logistic(b_i + sum_j W_ij z_j) against z_i,
// i.e. q_i - z_i for b_i and q_i z_j + z_i q_j - 2 z_i z_j for W_ij. Its mean is zero for a
// sampler of the target (every conditional holds), and it is the expectation of what one
// single-site Gibbs update would change, without that update's noise. Each parameter moves by
// its gradient over its curvature under the target's conditionals (sum q_i (1 - q_i) z_j +
// q_j (1 - q_j) z_i for W_ij, sum q_i (1 - q_i) for b_i): a diagonal Newton step. All replicas
// sample the one machine, so their states pool.
//
// Why not contrastive divergence (a sweep of the target's Gibbs dynamics from each state, as
// the scan's loop does): the sweep's own random draws made the step noisy enough that the loop
// stopped improving. On benchmarks/results/2026-12-05-machine-pseudo-likelihood, 40 rounds of
// 400 ms gave DKL 0.049 (CD-1) against 0.012 (pseudo-likelihood) on the 16-unit machine and
// 0.0073 against 0.0014 on the 5-unit one.
#pragma once

#include <cstdint>
#include <vector>

#include "sampling/coupling_graph.hpp"
#include "sampling/spiking_sampler.hpp"

namespace spikewafer::sampling {

// 60 rounds: on the 16-unit machine 40 gave DKL 0.012-0.014, 60 gave 0.0074-0.0078 (two seeds;
// Gibbs chains over the same time 0.007), 80 gave 0.006-0.007.
struct MachineCorrectionSettings {
  uint32_t rounds = 60;
  double window = 400.0;  // ms sampled per round
  double settle = 20.0;   // ms after each change (PSPs of the old weights decay)
  uint32_t stride = 2;    // every stride-th sample is used (stride 1 gave no better result)
  double sample_interval = 1.0;  // ms between the states used
};

class MachineEstimator {
 public:
  MachineEstimator(const CouplingGraph& target, uint32_t chains, uint32_t stride = 1);
  // One sample of every chain, chain-major (SpikingSampler::states()).
  void add(const std::vector<uint8_t>& z);
  void clear();
  // The Newton step towards the target: per graph entry (the pair's, in both of its rows) and
  // per unit; 0 where the states say nothing (a unit that never varies).
  std::vector<double> weight_steps() const;
  std::vector<double> bias_steps() const;

 private:
  const CouplingGraph& target_;
  uint32_t chains_;
  uint32_t stride_;
  uint64_t samples_ = 0;
  std::vector<uint64_t> mirror_;  // per entry (i, j): the entry (j, i)
  std::vector<double> weight_gradient_, weight_curvature_;  // per entry
  std::vector<double> bias_gradient_, bias_curvature_;      // per unit
};

// What the loop gave the network: per entry and unit the corrected weights and biases (the
// network runs these; the target is unchanged), and the emulated time it took.
struct MachineCorrection {
  std::vector<float> weight;
  std::vector<float> bias;
  double emulated_ms = 0.0;
};

// Corrects `sampler` (built from `target`) in place and returns what it settled on. The loop
// draws no random numbers of its own: its result depends on the sampler's seeds alone. A weight
// keeps its sign (its receptor) and stays within 1/3 to 3 times the target's; a bias stays
// within 4 of it.
MachineCorrection correct_machine(SpikingSampler& sampler, const CouplingGraph& target,
                                  const MachineCorrectionSettings& settings);

}  // namespace spikewafer::sampling
