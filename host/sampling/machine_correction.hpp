// The closed-loop translation of a general Boltzmann machine (`spikewafer sample`,
// docs/sampling.md "Closed-loop translation"): the scan's loop (ising/translation_correction.hpp)
// with one parameter per unit and per pair instead of one weight scale and one bias offset per
// grid point, since a general machine has no symmetry to share them.
//
// From each state the network sampled, k sweeps of the target's Gibbs dynamics move the state
// towards the target's distribution; the mean change of z_i z_j and of z_i is the
// contrastive-divergence gradient of W_ij and b_i, zero for a sampler of the target. Each
// parameter moves by its gradient over its curvature under the target's conditionals
// (sum p_i (1 - p_i) z_j + p_j (1 - p_j) z_i for W_ij, sum p_i (1 - p_i) for b_i): the diagonal
// Newton step of the scan's loop. All replicas sample the one machine, so their states pool.
#pragma once

#include <cstdint>
#include <vector>

#include "sampling/coupling_graph.hpp"
#include "sampling/spiking_sampler.hpp"

namespace spikewafer::sampling {

// One sweep (CD-1), unlike the scan's three: a small machine mixes within a few sweeps, so that
// more sweeps add little signal while the step, scaled per sweep, shrinks. On the 5-unit machine
// of benchmarks/results/2026-12-05-machine-translation, 20 rounds gave DKL 0.014 with CD-1,
// 0.020 with CD-3 and 0.032 with CD-10, and CD-3 diverged on the 16-unit one.
struct MachineCorrectionSettings {
  uint32_t rounds = 40;
  double window = 400.0;  // ms sampled per round
  double settle = 20.0;   // ms after each change (PSPs of the old weights decay)
  uint32_t stride = 2;    // every stride-th sample is used
  uint32_t sweeps = 1;    // of the target's dynamics from each sample (CD-k)
  double sample_interval = 1.0;  // ms between the states used
};

class MachineEstimator {
 public:
  MachineEstimator(const CouplingGraph& target, uint32_t chains, uint64_t seed,
                   uint32_t stride = 1, uint32_t sweeps = 1);
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
  uint64_t seed_;
  uint32_t stride_, sweeps_;
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

// Corrects `sampler` (built from `target`) in place and returns what it settled on. A weight
// keeps its sign (its receptor) and stays within 1/3 to 3 times the target's; a bias stays
// within 4 of it.
MachineCorrection correct_machine(SpikingSampler& sampler, const CouplingGraph& target,
                                  uint64_t seed, const MachineCorrectionSettings& settings);

}  // namespace spikewafer::sampling
