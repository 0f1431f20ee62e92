// The closed-loop translation of a scan's spiking chains (docs/models.md, "Closed-loop
// translation"). The LIF network of a lattice does not sample the Boltzmann machine it was
// translated from: PSPs outlast the refractory period, neurons fire again right after it, the
// activation is not logistic far out in its tails. Its own states say how it errs: a few steps
// of one of the target's Markov kernels, started from a state the network sampled, move that
// state towards the target's distribution, and the mean change of the target's sufficient
// statistics (pair products and unit states) is the contrastive-divergence gradient that points
// from the network's distribution towards the target's. A sampler of the target leaves it at 0.
//
// On a lattice every grid point has one weight scale and one bias offset, shared by all its
// replicas and spins (they share W and b up to the lattice's symmetry). Each round samples a
// window, sums the gradient per point and corrects the point's network by a Newton step, scaled
// by the curvature of the target's conditionals (sampling/newton_step.hpp). Local rounds first
// (heat-bath sweeps, full steps: the network reaches the target's local conditionals), then
// cluster rounds (Swendsen-Wang updates, quarter steps, averaged: near Tc heat-bath sweeps do
// not move the long-range order, and a network with the right local conditionals stayed too
// weakly ordered there). Only the target's parameters and the network's own states enter:
// Glauber's and Onsager's results stay independent checks.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "ising/chain_sampler.hpp"
#include "ising/lattice.hpp"
#include "sampling/newton_step.hpp"

namespace spikewafer::ising {

// What the loop found for one grid point: the network's correction (weights x weight_factor,
// biases + bias_offset; the offset is shift - (weight_factor - 1) mid, a shift about the point
// of spin-flip symmetry mid), and how far the distribution sampled in the last round still was
// from the target: the estimated sampled weight scale minus 1 and shift (near 0 once converged).
struct PointCorrection {
  double weight_factor = 1.0;
  double bias_offset = 0.0;
  double shift = 0.0;
  double residual_weight = 0.0;
  double residual_bias = 0.0;
};

// The loop's two stages: local rounds (heat-bath sweeps, full Newton steps) bring the network
// close; cluster rounds (Swendsen-Wang updates, partial steps, longer windows and settling)
// then correct the long-range order that heat-bath sweeps do not see, and their last rounds are
// averaged.
struct CorrectionSettings {
  uint32_t rounds = 14;          // in all; the first min(local_rounds, rounds / 2) are local
  uint32_t local_rounds = 3;
  double window = 80.0;          // ms sampled per local round
  double settle = 20.0;          // ms after each change before a local round (PSPs decay)
  double cluster_window = 100.0; // ms sampled per cluster round
  double cluster_settle = 30.0;  // ms before a cluster round: the long-range order follows a
                                 // change of the weights more slowly than the PSPs
  double cluster_gain = 0.4;     // of the Newton step per cluster round
  uint32_t stride = 3;           // every stride-th sample of a local round's window is used
  uint32_t cluster_stride = 7;   // of a cluster round's: its states change over tens of ms
  uint32_t sweeps = 4;           // of the target's dynamics from each sample (CD-k): more
                                 // sweeps weigh the energy against |m| near Tc (4 pass the
                                 // scan's checks on 4 seeds of 6, 3 on 2: docs/models.md)
  // Emulated time of the loop: every round's settling and window.
  double emulated_time() const;
};

// The burn-in that follows the loop. The loop's rounds run the same chains, at parameters that
// approach the final ones, so they count towards `burn_in`; but at least kSettleAfterCorrection
// ms run at the final parameters (PSPs decay and the long-range order follows the last change).
constexpr double kSettleAfterCorrection = 200.0;  // ms
double burn_in_after_correction(double burn_in, const CorrectionSettings& settings);

// The settings of `[sampler] correction_rounds` and `correction_window` (the local rounds'
// window; cluster rounds sample 1.25 times as long).
CorrectionSettings correction_settings(uint32_t rounds, double window);

// The contrastive gradient and the curvature of each grid point's states, for the parameters
// (a, d) of logit_i = a (x_i - mid_i) + mid_i + b_i + d: x_i = sum_j W_ij z_j of the target, mid_i
// half of it with every neighbour active (the point of spin-flip symmetry at h = 0), so that a
// scales the weights about that point and d shifts the biases.
//
class ContrastiveEstimator {
 public:
  // Chain c belongs to point c / replicas; `chains` are the targets (their seeds key the
  // Gibbs sweeps' random numbers).
  // Uses every `stride`-th sample (consecutive ones, a sample interval apart, are strongly
  // correlated; the sweeps cost more than the network's step) and `sweeps` sweeps from each
  // (the loop passes its settings' stride and sweeps: CorrectionSettings holds the defaults).
  ContrastiveEstimator(const Lattice& lattice, std::vector<sampling::ChainParams> chains,
                       uint32_t replicas, uint32_t stride, uint32_t sweeps);
  // One sample of every chain's states, chain-major (as ChainSampler::states()).
  void add(const std::vector<uint8_t>& z);
  // Whether the next sample is used; where it is not, skip() counts it without the states
  // (reading the chains' states costs a copy and the gauge's flip).
  bool uses_next() const { return samples_ % stride_ == 0; }
  void skip() { ++samples_; }
  void clear();
  // Whether the sweeps from each sample are Swendsen-Wang updates instead of heat-bath sweeps;
  // where the target has couplings of both signs (a spin glass) they stay heat-bath.
  void use_clusters(bool on) { clusters_ = on && cluster_kernel_; }
  void set_stride(uint32_t stride) { stride_ = std::max(1u, stride); }
  bool clusters() const { return clusters_; }
  uint32_t points() const { return static_cast<uint32_t>(chains_.size() / replicas_); }
  // Per point: the estimated sampled parameters minus the target's, (a - 1, d).
  std::vector<std::array<double, 2>> deviations() const;
  // Per point: mid, the mean over spins of mid_i (the field of half the neighbours).
  double midpoint(uint32_t point) const;
  // Whether the point's target has no field (every bias is -mid_i).
  bool zero_field(uint32_t point) const;

 private:
  const Lattice& lattice_;
  std::vector<sampling::ChainParams> chains_;
  uint32_t replicas_;
  uint32_t stride_;
  uint32_t sweeps_;
  bool cluster_kernel_;   // the target allows cluster updates (sampling/swendsen_wang.hpp)
  bool clusters_ = false;
  uint64_t samples_ = 0;  // seen, numbering the sweeps' random numbers; every stride_-th is used
  std::vector<sampling::NewtonStep> per_chain_;
  std::vector<double> information_;  // per chain: sum of p (1 - p) over units and used samples
  std::vector<double> used_;         // per chain: samples used
  // Per spin, half the target structure's summed weights onto it (mid_i / alpha), and its mean.
  std::vector<double> half_field_;
  double mean_half_field_ = 0.0;
};

// Chains are grouped by grid point: chain c belongs to point c / replicas, and `chains` are the
// target parameters (those the sampler was built with). Leaves the corrections set on `sampler`
// and returns one per point. Emulated time: settings.emulated_time().
// `neighbours` (empty, or one entry per point): the points before and after each point along
// the scan's first axis (T or W) at the same second value, -1 where there is none in the batch.
// A point's correction is the mean of its own and its neighbours' (weight factors
// geometrically): the correction is a smooth function of the network's parameters, and near Tc
// each point's own estimate carries the noise of a few short windows. (With one neighbour, at a
// batch's or the grid's edge, the mean is off by half a grid step's change, about 0.01 in the
// weight factor near Tc, where the noise it halves is 0.02-0.03.)
std::vector<PointCorrection> correct_translation(
    ChainSampler& sampler, const Lattice& lattice,
    const std::vector<sampling::ChainParams>& chains, uint32_t replicas,
    const CorrectionSettings& settings,
    const std::vector<std::array<int32_t, 2>>& neighbours = {});

}  // namespace spikewafer::ising
