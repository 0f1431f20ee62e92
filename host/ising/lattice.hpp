// Ising lattices as coupling graphs. A lattice is stored once, as a "structure graph" that every
// chain of a (T, h) or (W, b_f) grid rescales (sampling::ChainParams):
//   weight W_s,ij = 4 J_ij              (J_ij = J, +-J or N(0, J^2) per bond; J/N on the
//                                        complete graph, so that its energy is extensive)
//   bias   b_s,i  = -1/2 sum_j W_s,ij   (the zero-field line h = 0)
// docs/models.md ("Ising models as Boltzmann machines") derives why this is the right split.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sampling/coupling_graph.hpp"

namespace spikewafer::ising {

// Periodic boundaries everywhere: square L x L, chain of L, cubic L^3, complete graph of L spins.
enum class LatticeKind { kSquare, kChain, kCubic, kComplete };

// Uniform ferromagnet, or a spin glass with one random coupling per bond.
enum class Couplings { kUniform, kPlusMinusJ, kGaussian };

struct LatticeSpec {
  LatticeKind kind = LatticeKind::kSquare;
  uint32_t size = 16;  // L: the side length (the number of spins on the complete graph)
  double J = 1.0;      // bond strength; the standard deviation for kGaussian
  Couplings couplings = Couplings::kUniform;
  uint64_t disorder_seed = 1;  // draws the spin-glass couplings; unused for kUniform
};

struct Lattice {
  LatticeSpec spec;
  uint32_t spins = 0;
  sampling::CouplingGraph graph;  // W_s and b_s as above, and a proper colouring
  // (x, y, z) of each spin; spin index = x + L (y + L z). The chain and the complete graph use
  // (index, 0, 0), so that patterns "along x" run along the index there.
  std::vector<std::array<uint32_t, 3>> coords;
  uint32_t dims = 0;   // 1, 2, 3 for chain, square, cubic; 0 for the complete graph (no space)
  uint64_t bonds = 0;  // undirected bonds: N, 2N, 3N, N (N - 1) / 2
};

// Limits: spins <= 16,777,216 (the engine's neuron limit); chain, square and cubic need L >= 3
// (with L = 2 the periodic wrap would join two neighbours twice); the complete graph needs
// 2 <= L <= kMaxCompleteSpins (it stores N (N - 1) couplings). Throws input_error otherwise.
Lattice make_lattice(const LatticeSpec& spec);

constexpr uint32_t kMaxSpins = 16777216;
constexpr uint32_t kMaxCompleteSpins = 8192;

// The coupling J_ij of entry k of the graph (k indexes graph.column / graph.weight).
inline double coupling(const Lattice& lattice, uint64_t k) {
  return static_cast<double>(lattice.graph.weight[k]) / 4.0;
}

// "square", "chain", "cubic", "complete"; lattice_kind_from_name throws input_error on others.
std::string lattice_kind_name(LatticeKind kind);
LatticeKind lattice_kind_from_name(const std::string& name);

// "uniform", "pm_j", "gaussian"; couplings_from_name throws input_error on others.
std::string couplings_name(Couplings couplings);
Couplings couplings_from_name(const std::string& name);

}  // namespace spikewafer::ising
