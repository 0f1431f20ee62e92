// make_lattice: sizes, bonds and neighbours of every kind, the periodic wrap, a proper
// colouring, spin-glass couplings that are a symmetric pure function of the seed, and errors.
#include "ising/lattice.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

Lattice lattice(LatticeKind kind, uint32_t L, Couplings couplings = Couplings::kUniform,
                uint64_t seed = 1) {
  return make_lattice(LatticeSpec{kind, L, 1.0, couplings, seed});
}

std::set<uint32_t> neighbours(const Lattice& lat, uint32_t i) {
  const auto& g = lat.graph;
  return {g.column.begin() + g.row_ptr[i], g.column.begin() + g.row_ptr[i + 1]};
}

// W_s,ij as stored in row i; NaN if j is not a neighbour.
double weight(const Lattice& lat, uint32_t i, uint32_t j) {
  const auto& g = lat.graph;
  for (uint64_t k = g.row_ptr[i]; k < g.row_ptr[i + 1]; ++k) {
    if (g.column[k] == j) return g.weight[k];
  }
  return NAN;
}

TEST(LatticeTest, SpinsBondsAndNeighbourCountsOfEveryKind) {
  struct Case {
    LatticeKind kind;
    uint32_t L, spins, degree;
    uint64_t bonds;
  };
  for (const Case& c :
       {Case{LatticeKind::kChain, 5, 5, 2, 5}, Case{LatticeKind::kSquare, 3, 9, 4, 18},
        Case{LatticeKind::kSquare, 4, 16, 4, 32}, Case{LatticeKind::kCubic, 3, 27, 6, 81},
        Case{LatticeKind::kCubic, 4, 64, 6, 192}, Case{LatticeKind::kComplete, 2, 2, 1, 1},
        Case{LatticeKind::kComplete, 7, 7, 6, 21}}) {
    const Lattice lat = lattice(c.kind, c.L);
    SCOPED_TRACE(lattice_kind_name(c.kind) + " L=" + std::to_string(c.L));
    EXPECT_EQ(lat.spins, c.spins);
    EXPECT_EQ(lat.bonds, c.bonds);
    EXPECT_EQ(lat.graph.size, c.spins);
    EXPECT_EQ(lat.graph.column.size(), 2 * c.bonds);
    EXPECT_EQ(lat.coords.size(), c.spins);
    for (uint32_t i = 0; i < lat.spins; ++i) {
      EXPECT_EQ(neighbours(lat, i).size(), c.degree) << "spin " << i;  // no duplicates
      EXPECT_EQ(neighbours(lat, i).count(i), 0u) << "spin " << i;      // no self-coupling
      EXPECT_FLOAT_EQ(lat.graph.bias[i], -0.5 * c.degree * lat.graph.weight[0]);
    }
  }
}

TEST(LatticeTest, PeriodicBoundariesWrapAround) {
  // Spin index = x + L (y + L z).
  EXPECT_EQ(neighbours(lattice(LatticeKind::kChain, 6), 0), (std::set<uint32_t>{1, 5}));
  EXPECT_EQ(neighbours(lattice(LatticeKind::kSquare, 4), 0), (std::set<uint32_t>{1, 3, 4, 12}));
  EXPECT_EQ(neighbours(lattice(LatticeKind::kSquare, 4), 15), (std::set<uint32_t>{3, 12, 11, 14}));
  EXPECT_EQ(neighbours(lattice(LatticeKind::kCubic, 4), 0),
            (std::set<uint32_t>{1, 3, 4, 12, 16, 48}));
  const Lattice square = lattice(LatticeKind::kSquare, 5);
  EXPECT_EQ(square.coords[7][0], 2u);
  EXPECT_EQ(square.coords[7][1], 1u);
  EXPECT_EQ(square.dims, 2u);
}

TEST(LatticeTest, UniformWeightsAreFourJAndTheCompleteGraphScalesByN) {
  const Lattice square = make_lattice({LatticeKind::kSquare, 4, 0.5, Couplings::kUniform, 1});
  for (float w : square.graph.weight) EXPECT_EQ(w, 2.0f);
  const Lattice complete = make_lattice({LatticeKind::kComplete, 10, 1.0, Couplings::kUniform, 1});
  for (float w : complete.graph.weight) EXPECT_FLOAT_EQ(w, 0.4f);  // 4 J / N
  EXPECT_EQ(complete.dims, 0u);
}

TEST(LatticeTest, ColouringIsProperAndCheckerboardForEvenL) {
  for (LatticeKind kind :
       {LatticeKind::kChain, LatticeKind::kSquare, LatticeKind::kCubic, LatticeKind::kComplete}) {
    for (uint32_t L : {3u, 4u, 5u, 6u}) {
      const Lattice lat = lattice(kind, L);
      const auto& g = lat.graph;
      SCOPED_TRACE(lattice_kind_name(kind) + " L=" + std::to_string(L));
      ASSERT_EQ(g.colour.size(), lat.spins);
      if (kind != LatticeKind::kComplete && L % 2 == 0) {
        EXPECT_EQ(g.colours, 2u);
      }
      if (kind == LatticeKind::kComplete) {
        EXPECT_EQ(g.colours, L);
      }
      for (uint32_t i = 0; i < lat.spins; ++i) {
        EXPECT_LT(g.colour[i], g.colours);
        for (uint32_t j : neighbours(lat, i)) EXPECT_NE(g.colour[i], g.colour[j]) << i << "-" << j;
      }
    }
  }
}

TEST(LatticeTest, SpinGlassIsDeterministicPerSeedAndSymmetric) {
  for (Couplings couplings : {Couplings::kPlusMinusJ, Couplings::kGaussian}) {
    const Lattice a = lattice(LatticeKind::kSquare, 32, couplings, 7);
    const Lattice b = lattice(LatticeKind::kSquare, 32, couplings, 7);
    const Lattice c = lattice(LatticeKind::kSquare, 32, couplings, 8);
    EXPECT_EQ(a.graph.weight, b.graph.weight);
    EXPECT_NE(a.graph.weight, c.graph.weight);
    double sum = 0.0, sum_sq = 0.0;
    for (uint32_t i = 0; i < a.spins; ++i) {
      for (uint32_t j : neighbours(a, i)) EXPECT_EQ(weight(a, i, j), weight(a, j, i));
      for (uint64_t k = a.graph.row_ptr[i]; k < a.graph.row_ptr[i + 1]; ++k) {
        const double J = a.graph.weight[k] / 4.0;
        if (couplings == Couplings::kPlusMinusJ) {
          EXPECT_EQ(std::abs(J), 1.0);
        }
        sum += J, sum_sq += J * J;
      }
    }
    // 2048 bonds, each counted twice: mean 0 and variance J^2 within about 4 standard errors.
    const double n = 2.0 * a.bonds;
    EXPECT_NEAR(sum / n, 0.0, 0.1);
    EXPECT_NEAR(sum_sq / n, 1.0, couplings == Couplings::kPlusMinusJ ? 1e-12 : 0.13);
  }
  // Sherrington-Kirkpatrick scaling on the complete graph: J / sqrt(N).
  const Lattice sk = lattice(LatticeKind::kComplete, 16, Couplings::kPlusMinusJ, 3);
  for (float w : sk.graph.weight) EXPECT_FLOAT_EQ(std::abs(w), 1.0f);
  for (uint32_t j = 1; j < 16; ++j) EXPECT_EQ(weight(sk, 0, j), weight(sk, j, 0));
}

TEST(LatticeTest, SameGraphOnAnyThreadCount) {
  // Large enough (25,600 spins) for the parallel build.
  const int threads = omp_get_max_threads();
  omp_set_num_threads(1);
  const Lattice serial = lattice(LatticeKind::kSquare, 160, Couplings::kGaussian, 5);
  omp_set_num_threads(std::max(threads, 2));
  const Lattice parallel = lattice(LatticeKind::kSquare, 160, Couplings::kGaussian, 5);
  omp_set_num_threads(threads);
  EXPECT_EQ(serial.graph.row_ptr, parallel.graph.row_ptr);
  EXPECT_EQ(serial.graph.column, parallel.graph.column);
  EXPECT_EQ(serial.graph.weight, parallel.graph.weight);
  EXPECT_EQ(serial.graph.bias, parallel.graph.bias);
}

TEST(LatticeTest, RefusesDegenerateAndOversizedLattices) {
  const auto refuses = [](LatticeKind kind, uint32_t L, double J = 1.0) {
    EXPECT_THROW(make_lattice({kind, L, J, Couplings::kUniform, 1}), Error)
        << lattice_kind_name(kind) << " L=" << L;
  };
  refuses(LatticeKind::kChain, 1);
  refuses(LatticeKind::kChain, 2);
  refuses(LatticeKind::kSquare, 2);
  refuses(LatticeKind::kCubic, 2);
  refuses(LatticeKind::kCubic, 257);  // 16,974,593 spins
  refuses(LatticeKind::kSquare, 4097);
  refuses(LatticeKind::kComplete, 1);
  refuses(LatticeKind::kComplete, kMaxCompleteSpins + 1);
  refuses(LatticeKind::kSquare, 4, 0.0);
  refuses(LatticeKind::kSquare, 4, -1.0);
  try {
    make_lattice({LatticeKind::kSquare, 2, 1.0, Couplings::kUniform, 1});
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInput);
    EXPECT_NE(std::string(e.what()).find("L >= 3"), std::string::npos) << e.what();
  }
}

TEST(LatticeTest, NamesRoundTrip) {
  for (LatticeKind kind :
       {LatticeKind::kChain, LatticeKind::kSquare, LatticeKind::kCubic, LatticeKind::kComplete}) {
    EXPECT_EQ(lattice_kind_from_name(lattice_kind_name(kind)), kind);
  }
  for (Couplings c : {Couplings::kUniform, Couplings::kPlusMinusJ, Couplings::kGaussian}) {
    EXPECT_EQ(couplings_from_name(couplings_name(c)), c);
  }
  EXPECT_THROW(lattice_kind_from_name("hexagonal"), Error);
  EXPECT_THROW(couplings_from_name("ferro"), Error);
}

}  // namespace
}  // namespace spikewafer::ising
