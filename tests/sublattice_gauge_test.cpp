// The sublattice gauge (ising/sublattice_gauge.hpp): which lattices have it, and that the gauged
// machine, read back with one sublattice flipped, is the same Boltzmann distribution (exact
// enumeration of the 4x4 at temperatures and fields on both sides of Tc).
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "ising/ising_map.hpp"
#include "ising/lattice.hpp"
#include "ising/sublattice_gauge.hpp"
#include "lattice_machine.hpp"
#include "sampling/exact_distribution.hpp"

namespace spikewafer::ising {
namespace {

TEST(SublatticeGauge, TheSquareLatticeSplitsIntoACheckerboard) {
  const Lattice lattice = test::square(4);
  const auto gauge = sublattice_gauge(lattice);
  ASSERT_TRUE(gauge.has_value());
  for (uint32_t i = 0; i < lattice.spins; ++i) {
    const auto& [x, y, z] = lattice.coords[i];
    EXPECT_EQ(gauge->flipped[i], gauge->flipped[0] ^ ((x + y) % 2)) << i;
  }
}

TEST(SublatticeGauge, LatticesWithoutTwoEqualSublatticesHaveNone) {
  EXPECT_FALSE(sublattice_gauge(test::square(5)));  // odd L: the periodic wrap joins like sites
  EXPECT_FALSE(sublattice_gauge(make_lattice({LatticeKind::kComplete, 6, 1.0, Couplings::kUniform, 1})));
  // A spin glass: the structure biases differ from spin to spin.
  EXPECT_FALSE(sublattice_gauge(make_lattice({LatticeKind::kSquare, 4, 1.0, Couplings::kPlusMinusJ, 3})));
  EXPECT_TRUE(sublattice_gauge(make_lattice({LatticeKind::kChain, 6, 1.0, Couplings::kUniform, 1})));
  EXPECT_TRUE(sublattice_gauge(make_lattice({LatticeKind::kCubic, 4, 1.0, Couplings::kUniform, 1})));
}

TEST(SublatticeGauge, TheGaugedMachineSamplesTheSameDistribution) {
  const Lattice lattice = test::square(4);
  const SublatticeGauge gauge = *sublattice_gauge(lattice);
  Lattice gauged = lattice;
  gauged.graph = gauged_graph(lattice, gauge);
  const uint32_t n = lattice.spins;
  for (const double T : {1.8, 3.0})
    for (const double h : {0.0, 0.7, -0.4}) {
      const sampling::ChainParams chain = chain_params_from_T_h(lattice, T, h, 1);
      const Eigen::VectorXd p = sampling::exact_distribution(test::machine_of(lattice, chain));
      const Eigen::VectorXd q =
          sampling::exact_distribution(test::machine_of(gauged, gauged_params(chain, gauge)));
      uint64_t flip = 0;
      for (uint32_t i = 0; i < n; ++i) flip |= uint64_t{gauge.flipped[i]} << i;
      double largest = 0.0;
      for (uint64_t s = 0; s < (uint64_t{1} << n); ++s)
        largest = std::max(largest, std::abs(p[s] - q[s ^ flip]));
      EXPECT_LT(largest, 1e-12) << "T = " << T << ", h = " << h;
    }
}

TEST(SublatticeGauge, FlippingTwiceGivesTheStatesBack) {
  const SublatticeGauge gauge = *sublattice_gauge(test::square(4));
  std::vector<uint8_t> z(3 * 16);
  for (size_t k = 0; k < z.size(); ++k) z[k] = (k * 7 % 5) < 2;
  std::vector<uint8_t> flipped = z;
  flip_sublattice(flipped, gauge);
  EXPECT_NE(flipped, z);
  for (size_t k = 0; k < z.size(); ++k) EXPECT_EQ(flipped[k], gauge.flipped[k % 16] ? 1 - z[k] : z[k]);
  flip_sublattice(flipped, gauge);
  EXPECT_EQ(flipped, z);
}

}  // namespace
}  // namespace spikewafer::ising
