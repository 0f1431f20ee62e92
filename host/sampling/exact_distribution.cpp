#include "sampling/exact_distribution.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "spikewafer/error.hpp"

namespace spikewafer::sampling {

namespace {

// Bit index of the lowest set bit of a non-zero word.
int lowest_bit(uint64_t x) {
  int k = 0;
  while (((x >> k) & 1u) == 0) ++k;
  return k;
}

// Fails unless p is a distribution over the 2^n states of n units.
void check_states(const Eigen::VectorXd& p, int n, const char* function) {
  const std::string at = std::string(function) + ": ";
  if (n < 0 || n > kMaxExactUnits)
    throw input_error(at + "n = " + std::to_string(n) + "; a distribution over n units has 2^n " +
                      "entries, so n must be in 0.." + std::to_string(kMaxExactUnits));
  const Eigen::Index states = Eigen::Index{1} << n;
  if (p.size() != states)
    throw input_error(at + "the distribution has " + std::to_string(p.size()) +
                      " entries but n = " + std::to_string(n) + " units have 2^n = " +
                      std::to_string(states) + " states; pass the n it was computed for");
}

}  // namespace

Eigen::VectorXd exact_distribution(const BoltzmannMachine& bm) {
  const int n = bm.size();
  if (n > kMaxExactUnits)
    throw input_error("exact_distribution: the Boltzmann machine has " + std::to_string(n) +
                      " units, thus 2^" + std::to_string(n) + " states; exact enumeration " +
                      "stops at " + std::to_string(kMaxExactUnits) + " units (2^" +
                      std::to_string(kMaxExactUnits) + " states); compare marginals and pair " +
                      "correlations of samples instead");
  validate(bm, "exact_distribution");
  const Eigen::Index states = Eigen::Index{1} << n;
  // log p(s) from log p(s without its lowest unit k): adding z_k = 1 adds b_k and the couplings
  // of k to the units still on. This costs 2^n times the number of units on, not 2^n n^2.
  Eigen::VectorXd log_p(states);
  log_p[0] = 0.0;
  for (Eigen::Index s = 1; s < states; ++s) {
    const uint64_t state = static_cast<uint64_t>(s);
    const int k = lowest_bit(state);
    const uint64_t rest = state & (state - 1);
    double value = log_p[static_cast<Eigen::Index>(rest)] + bm.b[k];
    for (uint64_t others = rest; others != 0; others &= others - 1)
      value += bm.W(k, lowest_bit(others));
    log_p[s] = value;
  }
  // Log-sum-exp: subtracting the maximum keeps exp() in range for large weights. std::exp rather
  // than Eigen's vectorised exp, which clamps its argument (exp(-799) came out as 6e-309) and
  // whose last bits depend on the instruction set.
  const double largest = log_p.maxCoeff();
  Eigen::VectorXd p(states);
  double total = 0.0;  // in index order, the same on every machine
  for (Eigen::Index s = 0; s < states; ++s) {
    p[s] = std::exp(log_p[s] - largest);
    total += p[s];
  }
  return p / total;
}

Eigen::VectorXd marginals(const Eigen::VectorXd& p, int n) {
  check_states(p, n, "marginals");
  Eigen::VectorXd on = Eigen::VectorXd::Zero(n);
  for (Eigen::Index s = 0; s < p.size(); ++s)
    for (int k = 0; k < n; ++k)
      if ((s >> k) & 1) on[k] += p[s];
  return on;
}

Eigen::MatrixXd pair_correlations(const Eigen::VectorXd& p, int n) {
  check_states(p, n, "pair_correlations");
  Eigen::MatrixXd both = Eigen::MatrixXd::Zero(n, n);
  for (Eigen::Index s = 0; s < p.size(); ++s) {
    if (p[s] == 0.0) continue;  // sampled histograms are mostly empty for larger n
    for (int i = 0; i < n; ++i) {
      if (((s >> i) & 1) == 0) continue;
      for (int j = 0; j < n; ++j)
        if ((s >> j) & 1) both(i, j) += p[s];
    }
  }
  return both;
}

double kl_divergence(const Eigen::VectorXd& sampled, const Eigen::VectorXd& target) {
  if (sampled.size() != target.size())
    throw input_error("kl_divergence: the sampled distribution has " +
                      std::to_string(sampled.size()) + " entries but the target has " +
                      std::to_string(target.size()) + "; both must cover the same states");
  double divergence = 0.0;
  for (Eigen::Index s = 0; s < sampled.size(); ++s) {
    if (sampled[s] == 0.0) continue;  // 0 log 0 = 0
    if (target[s] == 0.0) return std::numeric_limits<double>::infinity();
    divergence += sampled[s] * std::log(sampled[s] / target[s]);
  }
  return divergence;
}

std::pair<double, double> replica_kl_spread(const std::vector<uint32_t>& counts,
                                            const std::vector<uint64_t>& samples, int n,
                                            const Eigen::VectorXd& target) {
  const size_t states = size_t{1} << n;
  double sum = 0, sum_sq = 0;
  uint32_t used = 0;
  for (size_t r = 0; r < samples.size(); ++r) {
    if (!samples[r]) continue;
    Eigen::VectorXd p(static_cast<Eigen::Index>(states));
    for (size_t k = 0; k < states; ++k) p[static_cast<Eigen::Index>(k)] = counts[r * states + k];
    const double d = kl_divergence(p / static_cast<double>(samples[r]), target);
    sum += d;
    sum_sq += d * d;
    ++used;
  }
  if (!used) return {NAN, NAN};
  const double mean = sum / used;
  return {mean, std::sqrt(std::max(0.0, sum_sq / used - mean * mean))};
}

Eigen::VectorXd state_histogram(const std::vector<uint8_t>& states, int n) {
  const std::string at = "state_histogram: ";
  if (n < 1 || n > kMaxExactUnits)
    throw input_error(at + "n = " + std::to_string(n) + "; a histogram over n units has 2^n " +
                      "bins, so n must be in 1.." + std::to_string(kMaxExactUnits));
  const size_t units = static_cast<size_t>(n);
  if (states.empty() || states.size() % units != 0)
    throw input_error(at + std::to_string(states.size()) + " entries are not a whole, " +
                      "non-zero number of samples of " + std::to_string(n) + " units each");
  Eigen::VectorXd counts = Eigen::VectorXd::Zero(Eigen::Index{1} << n);
  for (size_t sample = 0; sample < states.size(); sample += units) {
    Eigen::Index state = 0;
    for (size_t k = 0; k < units; ++k) {
      const uint8_t z = states[sample + k];
      if (z > 1)
        throw input_error(at + "entry " + std::to_string(sample + k) + " is " + std::to_string(z) +
                          "; every unit's state must be 0 or 1");
      state |= Eigen::Index{z} << k;
    }
    counts[state] += 1.0;
  }
  return counts / static_cast<double>(states.size() / units);
}

std::string state_string(uint64_t state, int n) {
  if (n < 0 || n > 64)
    throw input_error("state_string: n = " + std::to_string(n) +
                      "; a 64-bit state holds 0..64 units");
  std::string text(static_cast<size_t>(n), '0');
  for (int k = 0; k < n; ++k)
    if ((state >> k) & 1u) text[static_cast<size_t>(k)] = '1';
  return text;
}

}  // namespace spikewafer::sampling
