// Annealed importance sampling (AIS; Neal 2001, Salakhutdinov & Murray 2008, "On the quantitative
// analysis of deep belief networks") for the log partition function of an RBM (rbm.hpp) whose
// layers are both too large for log_partition's exact sum, e.g. the digits RBMs (74 x 128).
//
// Each run starts from an exact sample of a base RBM with W = 0 (the target's b and c), whose
// log Z is known in closed form, and anneals through RBMs with W scaled by beta from 0 to 1, one
// Gibbs step x -> h -> x at each beta. The runs' importance weights average to Z / Z_base, so
//     log Z = log Z_base + log mean_r w_r.
// The estimate of Z is unbiased; that of log Z is biased low by about log_z_err^2 / 2. Where
// the importance weights are heavy-tailed (too few temperatures for the model, which mixes
// badly under Gibbs steps), the runs miss the rare large weights, and both log_z and log_z_err
// come out too low: log_z_err is a check on the spread of the runs seen, not a bound.
#pragma once

#include <cstdint>

#include "learning/rbm.hpp"

namespace spikewafer::learning {

struct AisSettings {
  uint32_t runs = 100;           // independent annealing runs (importance weights)
  uint32_t temperatures = 1000;  // inverse temperatures beta_0 = 0 < ... < beta_{K-1} = 1
  uint64_t seed = 1;
};

struct AisEstimate {
  double log_z = 0;
  // Standard error of log_z from the spread of the weights: the delta method on the log of
  // their mean, sd(w) / (sqrt(runs) mean(w)). Zero when all weights are equal (W = 0), NaN
  // for a single run.
  double log_z_err = 0;
  double log_z_base = 0;  // log Z of the base (W = 0) RBM, exact
};

// The AIS estimate of log Z of `rbm`. Runs are spread over `threads` OpenMP threads (0: all);
// every random number is keyed by (seed, run, temperature, unit), so the result is bit-identical
// for any thread count. Throws input_error for runs == 0, temperatures < 2, threads < 0, or an
// RBM whose W, b, c do not match its sizes or are not finite.
AisEstimate ais_log_partition(const Rbm& rbm, const AisSettings& s, int threads = 0);

// log Z exactly where log_partition can sum over the smaller layer (log_z_err 0), else by AIS.
AisEstimate log_partition_estimate(const Rbm& rbm, const AisSettings& s, int threads = 0);

}  // namespace spikewafer::learning
