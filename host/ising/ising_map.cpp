#include "ising/ising_map.hpp"

#include <cmath>
#include <limits>
#include <sstream>

#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

void require_positive(double value, const char* name) {
  if (!(std::isfinite(value) && value > 0.0)) {
    std::ostringstream message;
    message << "Ising grid: " << name << " must be positive and finite (got " << value << ")";
    throw input_error(message.str());
  }
}

void require_finite(double value, const char* name) {
  if (!std::isfinite(value)) {
    std::ostringstream message;
    message << "Ising grid: " << name << " must be finite (got " << value << ")";
    throw input_error(message.str());
  }
}

double mean(const std::vector<double>& values) {
  double sum = 0.0;
  for (double v : values) sum += v;
  return values.empty() ? 0.0 : sum / static_cast<double>(values.size());
}

}  // namespace

sampling::ChainParams chain_params_from_T_h(const Lattice&, double T, double h, uint64_t seed) {
  require_positive(T, "T");
  require_finite(h, "h");
  sampling::ChainParams params;
  params.alpha = 1.0 / T;
  params.gamma = 1.0 / T;
  params.beta = 2.0 * h / T;
  params.seed = seed;
  return params;
}

sampling::ChainParams chain_params_from_W_bf(const Lattice& lattice, double W, double b_f,
                                             uint64_t seed) {
  require_positive(W, "W");
  require_finite(b_f, "b_f");
  sampling::ChainParams params;
  params.alpha = W / (4.0 * lattice.spec.J);  // W_s holds 4 J per bond
  params.gamma = params.alpha * b_f;
  params.beta = 0.0;
  params.seed = seed;
  return params;
}

GridPoint grid_point_from_T_h(const Lattice& lattice, double T, double h) {
  require_positive(T, "T");
  require_finite(h, "h");
  GridPoint point;
  point.T = T;
  point.h = h;
  point.W = 4.0 * lattice.spec.J / T;
  // h_i = (1 - b_f) sum_j J_ij: one b_f gives a uniform field only where sum_j J_ij is the same
  // on every spin, which holds for the uniform lattices here (all regular) but not for glasses.
  if (h == 0.0) {
    point.b_f = 1.0;
  } else if (lattice.spec.couplings == Couplings::kUniform) {
    point.b_f = 1.0 - h / mean_coupling_sum(lattice);
  } else {
    point.b_f = std::numeric_limits<double>::quiet_NaN();
  }
  return point;
}

GridPoint grid_point_from_W_bf(const Lattice& lattice, double W, double b_f) {
  const sampling::ChainParams params = chain_params_from_W_bf(lattice, W, b_f, 0);
  GridPoint point;
  point.T = temperature(params);
  point.h = mean(site_fields(lattice, params));
  point.W = W;
  point.b_f = b_f;
  return point;
}

double temperature(const sampling::ChainParams& params) { return 1.0 / params.alpha; }

std::vector<double> site_fields(const Lattice& lattice, const sampling::ChainParams& params) {
  // Invert b_i = 2 h_i / T - 2 sum_j J_ij / T for the bias b_i = gamma b_s,i + beta that the
  // chain samples; W_c = alpha W_s = 4 J_ij / T fixes T = 1 / alpha.
  const auto& g = lattice.graph;
  const double T = temperature(params);
  std::vector<double> h(lattice.spins);
  for (uint32_t i = 0; i < lattice.spins; ++i) {
    double coupling_sum = 0.0;
    for (uint64_t k = g.row_ptr[i]; k < g.row_ptr[i + 1]; ++k) coupling_sum += coupling(lattice, k);
    h[i] = T * (params.gamma * g.bias[i] + params.beta) / 2.0 + coupling_sum;
  }
  return h;
}

double mean_coupling_sum(const Lattice& lattice) {
  double sum = 0.0;
  for (uint64_t k = 0; k < lattice.graph.weight.size(); ++k) sum += coupling(lattice, k);
  return sum / lattice.spins;
}

}  // namespace spikewafer::ising
