#include "learning/rbm.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/random.hpp"

namespace spikewafer::learning {

namespace {

// log sum_s exp(bias^T s + sum_k softplus(other_bias_k + (M s)_k)) over all binary s of the
// summed layer (M: other x summed). Gray-code order updates M s by one column per state.
double sum_over_layer(const Eigen::MatrixXd& M, const Eigen::VectorXd& bias,
                      const Eigen::VectorXd& other_bias) {
  const auto n = static_cast<uint32_t>(bias.size());
  Eigen::VectorXd field = other_bias;  // other_bias + M s
  double linear = 0.0;                 // bias^T s
  uint64_t state = 0;
  double largest = -std::numeric_limits<double>::infinity(), total = 0.0;
  const auto add = [&](double term) {  // streaming log-sum-exp
    if (term > largest) {
      total = total * std::exp(largest - term) + 1.0;
      largest = term;
    } else {
      total += std::exp(term - largest);
    }
  };
  const auto term = [&] {
    double t = linear;
    for (Eigen::Index k = 0; k < field.size(); ++k) t += softplus(field[k]);
    return t;
  };
  add(term());
  for (uint64_t g = 1; g < (uint64_t{1} << n); ++g) {
    const auto bit = static_cast<Eigen::Index>(__builtin_ctzll(g));  // the bit Gray code flips
    const bool on = !((state >> bit) & 1);
    state ^= uint64_t{1} << bit;
    const double sign = on ? 1.0 : -1.0;
    field += sign * M.col(bit);
    linear += sign * bias[bit];
    add(term());
  }
  return largest + std::log(total);
}

}  // namespace

Rbm make_rbm(uint32_t visible, uint32_t labels, uint32_t hidden, double weight_std,
             uint64_t seed) {
  Rbm rbm;
  rbm.visible = visible;
  rbm.labels = labels;
  rbm.hidden = hidden;
  rbm.W = Eigen::MatrixXd::Zero(visible + labels, hidden);
  for (uint32_t i = 0; i < visible + labels; ++i)
    for (uint32_t j = 0; j < hidden; ++j) {
      const kernels::Uniform4 draw = kernels::philox_uniform4(seed, i, j, kernels::Stream::kInitial, 11);
      const float* u = draw.u;
      // Box-Muller from two uniforms in (0, 1].
      const double r = std::sqrt(-2.0 * std::log(1.0 - static_cast<double>(u[0])));
      rbm.W(i, j) = weight_std * r * std::cos(2.0 * M_PI * u[1]);
    }
  rbm.b = Eigen::VectorXd::Zero(visible + labels);
  rbm.c = Eigen::VectorXd::Zero(hidden);
  return rbm;
}

sampling::CouplingGraph rbm_graph(const Rbm& rbm) {
  const uint32_t n = rbm.inputs(), units = rbm.units();
  sampling::CouplingGraph g;
  g.size = units;
  g.row_ptr.push_back(0);
  for (uint32_t i = 0; i < units; ++i) {
    if (i < n) {
      for (uint32_t j = 0; j < rbm.hidden; ++j) {
        g.column.push_back(n + j);
        g.weight.push_back(static_cast<float>(rbm.W(i, j)));
      }
      g.bias.push_back(static_cast<float>(rbm.b[i]));
    } else {
      for (uint32_t k = 0; k < n; ++k) {
        g.column.push_back(k);
        g.weight.push_back(static_cast<float>(rbm.W(k, i - n)));
      }
      g.bias.push_back(static_cast<float>(rbm.c[i - n]));
    }
    g.row_ptr.push_back(g.column.size());
  }
  g.colour.assign(units, 0);
  for (uint32_t i = n; i < units; ++i) g.colour[i] = 1;
  g.colours = 2;
  return g;
}

double free_energy(const Rbm& rbm, const Eigen::VectorXd& x) {
  const Eigen::VectorXd field = rbm.c + rbm.W.transpose() * x;
  double f = -rbm.b.dot(x);
  for (Eigen::Index j = 0; j < field.size(); ++j) f -= softplus(field[j]);
  return f;
}

double log_partition(const Rbm& rbm) {
  if (std::min(rbm.inputs(), rbm.hidden) > kMaxExactLayer)
    return std::numeric_limits<double>::quiet_NaN();
  if (rbm.hidden <= rbm.inputs()) return sum_over_layer(rbm.W, rbm.c, rbm.b);
  return sum_over_layer(rbm.W.transpose(), rbm.b, rbm.c);
}

double mean_log_likelihood(const Rbm& rbm, const Eigen::MatrixXd& inputs) {
  return mean_log_likelihood(rbm, inputs, log_partition(rbm));
}

double mean_log_likelihood(const Rbm& rbm, const Eigen::MatrixXd& inputs, double log_z) {
  if (std::isnan(log_z) || inputs.rows() == 0) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0.0;
  for (Eigen::Index r = 0; r < inputs.rows(); ++r)
    sum -= free_energy(rbm, inputs.row(r).transpose());
  return sum / static_cast<double>(inputs.rows()) - log_z;
}

uint32_t classify(const Rbm& rbm, const Eigen::VectorXd& image) {
  Eigen::Index best = 0;
  label_posterior(rbm, image).maxCoeff(&best);
  return static_cast<uint32_t>(best);
}

}  // namespace spikewafer::learning
