// Boltzmann machines and spin glasses, the targets that spiking networks sample from.
//   Boltzmann machine: z in {0,1}^N, p(z) ~ exp(z^T W z / 2 + b^T z), W symmetric, zero diagonal.
//   Spin glass:        s in {-1,+1}^N, p(s) ~ exp(s^T J s / 2 + h^T s), J symmetric, zero diagonal.
// With s = 2 z - 1 the two are the same distribution for W = 4 J and b = 2 h - 2 J 1
// (docs/models.md derives it). A state is indexed by an integer whose bit k is z_k.
#pragma once

#include <Eigen/Dense>

#include <cstdint>
#include <string>

namespace spikewafer::sampling {

struct BoltzmannMachine {
  Eigen::MatrixXd W;  // symmetric, zero diagonal
  Eigen::VectorXd b;
  int size() const { return static_cast<int>(b.size()); }
};

struct SpinGlass {
  Eigen::MatrixXd J;  // symmetric, zero diagonal
  Eigen::VectorXd h;
  int size() const { return static_cast<int>(h.size()); }
};

SpinGlass to_spin_glass(const BoltzmannMachine& bm);
BoltzmannMachine to_boltzmann_machine(const SpinGlass& sg);

// Throws spikewafer::Error (kInput) naming `where` (a file name, "target") and the fix when W is
// not square, not symmetric, has a non-zero diagonal, does not match b, or holds a non-finite number.
// Messages read "<where>.W: problem; fix" and "<where>.b: ...", so a `where` of
// "bm.toml: target" names the TOML keys.
void validate(const BoltzmannMachine& bm, const std::string& where);
// The same checks on J and h, named "<where>.J" and "<where>.h".
void validate(const SpinGlass& sg, const std::string& where);

// W_ij = W_ji ~ N(0, w_std^2) for i < j, b_i ~ N(0, b_std^2); the same for the same seed everywhere.
BoltzmannMachine random_boltzmann_machine(int n, double w_std, double b_std, uint64_t seed);

// log p(z) up to the normalisation: z^T W z / 2 + b^T z for the state with index `state`.
double unnormalised_log_probability(const BoltzmannMachine& bm, uint64_t state);
// log p(s) up to the normalisation: s^T J s / 2 + h^T s, with s_k = 2 z_k - 1 and z_k bit k of
// `state`. Differences between states equal those of the converted Boltzmann machine.
double unnormalised_log_probability(const SpinGlass& sg, uint64_t state);

}  // namespace spikewafer::sampling
