#include "sampling/boltzmann_machine.hpp"

#include <Random123/philox.h>

#include <cmath>

#include "io/number_text.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::sampling {

namespace {

std::string entry(const char* name, Eigen::Index i, Eigen::Index j) {
  return std::string(name) + "[" + std::to_string(i) + "][" + std::to_string(j) + "]";
}

// The checks shared by (W, b) and (J, h); `pair` and `self` are the names of the matrix and the
// vector, and `self_term` says where a diagonal entry belongs instead.
void check_couplings(const Eigen::MatrixXd& pair, const Eigen::VectorXd& self,
                     const std::string& where, const char* pair_name, const char* self_name,
                     const std::string& self_term) {
  const std::string at_pair = where + "." + pair_name + ": ";
  const std::string at_self = where + "." + self_name + ": ";
  if (pair.rows() != pair.cols())
    throw input_error(at_pair + "is " + std::to_string(pair.rows()) + " x " +
                      std::to_string(pair.cols()) + "; it must be square, one row and one " +
                      "column per unit");
  const Eigen::Index n = pair.rows();
  if (n == 0) throw input_error(at_pair + "is empty; give at least one unit");
  if (self.size() != n)
    throw input_error(at_self + "has " + std::to_string(self.size()) + " entries but " + pair_name +
                      " is " + std::to_string(n) + " x " + std::to_string(n) +
                      "; give one entry per unit");
  for (Eigen::Index i = 0; i < n; ++i)
    if (!std::isfinite(self[i]))
      throw input_error(at_self + self_name + "[" + std::to_string(i) +
                        "] = " + number_text(self[i]) + "; every entry must be a finite number");
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < n; ++j) {
      const double x = pair(i, j);
      if (!std::isfinite(x))
        throw input_error(at_pair + entry(pair_name, i, j) + " = " + number_text(x) +
                          "; every entry must be a finite number");
      if (i == j && x != 0.0)
        throw input_error(at_pair + entry(pair_name, i, i) + " = " + number_text(x) +
                          "; the diagonal must be zero (" + self_term + ")");
      if (j > i && x != pair(j, i) && std::isfinite(pair(j, i)))
        throw input_error(at_pair + "not symmetric: " + entry(pair_name, i, j) + " = " +
                          number_text(x) + " but " + entry(pair_name, j, i) + " = " +
                          number_text(pair(j, i)) + "; a Boltzmann machine's weights must " +
                          "be symmetric: give the same number in both places");
    }
  }
}

void check_state_bits(int n, const char* function) {
  if (n > 64)
    throw input_error(std::string(function) + ": " + std::to_string(n) +
                      " units do not fit a 64-bit state index; at most 64 units");
}

// Keeps these draws apart from every other Philox use of the same seed in the project.
constexpr uint64_t kDomain = 0x73772d626d72616eull;  // "sw-bmran"
enum class Draw : uint64_t { kWeight = 0, kBias = 1 };

// A standard normal that depends only on (seed, what, i, j): each entry is its own counter, so
// the machine does not depend on the order of the draws (Box-Muller on two 53-bit uniforms).
double normal_at(uint64_t seed, Draw what, uint64_t i, uint64_t j) {
  const r123::Philox4x64::key_type key = {{seed, kDomain}};
  const r123::Philox4x64::ctr_type counter = {{i, j, static_cast<uint64_t>(what), 0}};
  const r123::Philox4x64::ctr_type bits = r123::Philox4x64()(counter, key);
  const double u_open_low = static_cast<double>((bits.v[0] >> 11) + 1) * 0x1.0p-53;  // (0, 1]
  const double u = static_cast<double>(bits.v[1] >> 11) * 0x1.0p-53;                 // [0, 1)
  return std::sqrt(-2.0 * std::log(u_open_low)) * std::cos(2.0 * 3.14159265358979323846 * u);
}

}  // namespace

SpinGlass to_spin_glass(const BoltzmannMachine& bm) {
  SpinGlass sg;
  sg.J = bm.W / 4.0;
  sg.h = bm.b / 2.0 + sg.J.rowwise().sum();
  return sg;
}

BoltzmannMachine to_boltzmann_machine(const SpinGlass& sg) {
  BoltzmannMachine bm;
  bm.W = 4.0 * sg.J;
  bm.b = 2.0 * sg.h - 2.0 * sg.J.rowwise().sum();
  return bm;
}

void validate(const BoltzmannMachine& bm, const std::string& where) {
  // z_k^2 = z_k, so a self-coupling W_kk is the bias term W_kk / 2.
  check_couplings(bm.W, bm.b, where, "W", "b",
                  "a self-coupling W[k][k] is a bias W[k][k] / 2 in b");
}

void validate(const SpinGlass& sg, const std::string& where) {
  // s_k^2 = 1, so a self-coupling only adds a constant to log p.
  check_couplings(sg.J, sg.h, where, "J", "h", "a self-coupling J[k][k] only adds a constant");
}

BoltzmannMachine random_boltzmann_machine(int n, double w_std, double b_std, uint64_t seed) {
  const std::string at = "random_boltzmann_machine: ";
  if (n < 1) throw input_error(at + "n = " + std::to_string(n) + "; give at least one unit");
  if (!(w_std >= 0.0) || !std::isfinite(w_std))
    throw input_error(at + "w_std = " + number_text(w_std) + "; give a finite number >= 0");
  if (!(b_std >= 0.0) || !std::isfinite(b_std))
    throw input_error(at + "b_std = " + number_text(b_std) + "; give a finite number >= 0");
  BoltzmannMachine bm;
  bm.W = Eigen::MatrixXd::Zero(n, n);
  bm.b = Eigen::VectorXd::Zero(n);
  for (int i = 0; i < n; ++i) {
    bm.b[i] = b_std * normal_at(seed, Draw::kBias, static_cast<uint64_t>(i), 0);
    for (int j = i + 1; j < n; ++j)
      bm.W(i, j) = bm.W(j, i) = w_std * normal_at(seed, Draw::kWeight, static_cast<uint64_t>(i),
                                                  static_cast<uint64_t>(j));
  }
  return bm;
}

double unnormalised_log_probability(const BoltzmannMachine& bm, uint64_t state) {
  const int n = bm.size();
  check_state_bits(n, "unnormalised_log_probability");
  // z^T W z / 2 with a zero diagonal is the sum over pairs i > j of W_ij z_i z_j.
  double log_p = 0.0;
  for (int i = 0; i < n; ++i) {
    if (((state >> i) & 1u) == 0) continue;
    log_p += bm.b[i];
    for (int j = 0; j < i; ++j)
      if ((state >> j) & 1u) log_p += bm.W(i, j);
  }
  return log_p;
}

double unnormalised_log_probability(const SpinGlass& sg, uint64_t state) {
  const int n = sg.size();
  check_state_bits(n, "unnormalised_log_probability");
  const auto spin = [state](int k) { return ((state >> k) & 1u) ? 1.0 : -1.0; };
  double log_p = 0.0;
  for (int i = 0; i < n; ++i) {
    log_p += sg.h[i] * spin(i);
    for (int j = 0; j < i; ++j) log_p += sg.J(i, j) * spin(i) * spin(j);
  }
  return log_p;
}

}  // namespace spikewafer::sampling
