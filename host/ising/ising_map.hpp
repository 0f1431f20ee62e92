// The two axes of an Ising phase diagram, mapped onto the per-chain scaling of a lattice's
// structure graph (sampling::ChainParams: W_c = alpha W_s, b_c = gamma b_s + beta).
//   (T, h):    the physicist's temperature and field:  alpha = gamma = 1/T, beta = 2 h / T.
//   (W, b_f):  the literature's BM weight of one bond of strength J, W = 4 J / T, and the bias
//              as a fraction of the zero-field bias, b = b_f (-1/2 sum_j W_ij):
//              alpha = W / (4 J), gamma = alpha b_f, beta = 0.  b_f = 1 is h = 0 on every graph.
// Every grid point is reported on both axes; docs/models.md derives the conversions.
#pragma once

#include <cstdint>
#include <vector>

#include "ising/lattice.hpp"
#include "sampling/coupling_graph.hpp"

namespace spikewafer::ising {

struct GridPoint {
  double T = 1.0;    // temperature, in units of the lattice's J (k_B = 1)
  double h = 0.0;    // field; the mean of h_i where the lattice's couplings are not uniform
  double W = 4.0;    // BM weight of one bond of strength J: 4 J / T
  double b_f = 1.0;  // bias as a fraction of the zero-field bias; NaN where that bias averages 0
};

// Throw input_error for T <= 0 or W <= 0 (or non-finite inputs).
sampling::ChainParams chain_params_from_T_h(const Lattice& lattice, double T, double h,
                                            uint64_t seed);
sampling::ChainParams chain_params_from_W_bf(const Lattice& lattice, double W, double b_f,
                                             uint64_t seed);
GridPoint grid_point_from_T_h(const Lattice& lattice, double T, double h);
GridPoint grid_point_from_W_bf(const Lattice& lattice, double W, double b_f);

// The temperature a chain samples at: T = 1 / alpha.
double temperature(const sampling::ChainParams& params);

// The field on each spin that a chain samples: h_i = T (gamma b_s,i + beta) / 2 + sum_j J_ij.
std::vector<double> site_fields(const Lattice& lattice, const sampling::ChainParams& params);

// The mean over spins of sum_j J_ij (q J on a uniform lattice of coordination q).
double mean_coupling_sum(const Lattice& lattice);

}  // namespace spikewafer::ising
