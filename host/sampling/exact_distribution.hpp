// Exact distributions of small Boltzmann machines, and the statistics that compare samples with
// them: marginals, pair correlations, the Kullback-Leibler divergence, state histograms.
// A distribution over n units is a vector of 2^n probabilities indexed by the state, whose bit k
// is z_k (as in boltzmann_machine.hpp).
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sampling/boltzmann_machine.hpp"

namespace spikewafer::sampling {

// Exact enumeration needs 2^n states, so it stops here (2^20 doubles: 8 MiB).
constexpr int kMaxExactUnits = 20;

// The normalised p(z) of every state. Throws spikewafer::Error (kInput) for more than
// kMaxExactUnits units and for a machine that validate() rejects.
Eigen::VectorXd exact_distribution(const BoltzmannMachine& bm);

// p(z_k = 1) for k = 0..n-1; p has 2^n entries.
Eigen::VectorXd marginals(const Eigen::VectorXd& p, int n);
// <z_i z_j> for all i, j; the diagonal holds the marginals (z_k^2 = z_k).
Eigen::MatrixXd pair_correlations(const Eigen::VectorXd& p, int n);

// D_KL(sampled || target) = sum_z sampled(z) log(sampled(z) / target(z)), natural log, with
// 0 log 0 = 0; +infinity where sampled(z) > 0 = target(z). The two must have the same size.
double kl_divergence(const Eigen::VectorXd& sampled, const Eigen::VectorXd& target);

// The spread of D_KL over chains: `counts` holds each replica's state counts (replica-major,
// 2^n per replica), `samples` each replica's number of samples. Mean and standard deviation over
// the replicas that have samples; NaN, NaN when none has.
std::pair<double, double> replica_kl_spread(const std::vector<uint32_t>& counts,
                                            const std::vector<uint64_t>& samples, int n,
                                            const Eigen::VectorXd& target);

// Normalised frequencies over 2^n states of samples given as consecutive n-entry 0/1 vectors.
Eigen::VectorXd state_histogram(const std::vector<uint8_t>& states, int n);

// "z_0 z_1 ... z_{n-1}" as '0'/'1' characters, z_0 first: state 1 with n = 3 is "100".
std::string state_string(uint64_t state, int n);

}  // namespace spikewafer::sampling
