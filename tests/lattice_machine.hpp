// Test helpers for lattices as Boltzmann machines: the periodic square lattice, and the machine
// one chain of it samples (W = alpha W_s, b = gamma b_s + beta), for exact enumeration.
#pragma once

#include <cstdint>

#include "ising/lattice.hpp"
#include "sampling/boltzmann_machine.hpp"
#include "sampling/coupling_graph.hpp"

namespace spikewafer::test {

inline ising::Lattice square(uint32_t L) {
  return ising::make_lattice({ising::LatticeKind::kSquare, L, 1.0, ising::Couplings::kUniform, 1});
}

inline sampling::BoltzmannMachine machine_of(const ising::Lattice& lattice,
                                             const sampling::ChainParams& p) {
  const sampling::CouplingGraph& g = lattice.graph;
  const int n = static_cast<int>(g.size);
  sampling::BoltzmannMachine bm;
  bm.W = Eigen::MatrixXd::Zero(n, n);
  bm.b = Eigen::VectorXd(n);
  for (int i = 0; i < n; ++i) {
    for (uint64_t k = g.row_ptr[i]; k < g.row_ptr[i + 1]; ++k)
      bm.W(i, g.column[k]) += p.alpha * static_cast<double>(g.weight[k]);
    bm.b[i] = p.gamma * static_cast<double>(g.bias[i]) + p.beta;
  }
  return bm;
}

}  // namespace spikewafer::test
