// The (T, h) and (W, b_f) axes: a chain's Boltzmann machine is the Ising Boltzmann distribution
// exp(-E / T), b_f = 1 is zero field, and the two axes convert into each other.
#include "ising/ising_map.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "network/random_stream.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer::ising {
namespace {

// E(s) on the periodic 3 x 3 square lattice with J = 1, written out independently of the
// lattice code: each site's right and lower bond once.
double square3_energy(const std::vector<int>& s, double h) {
  double E = 0.0;
  for (int y = 0; y < 3; ++y) {
    for (int x = 0; x < 3; ++x) {
      const int i = x + 3 * y;
      E -= s[i] * s[(x + 1) % 3 + 3 * y] + s[i] * s[x + 3 * ((y + 1) % 3)] + h * s[i];
    }
  }
  return E;
}

// z^T W z / 2 + b^T z with W = alpha W_s, b = gamma b_s + beta: what the chain samples.
double bm_log_probability(const Lattice& lat, const sampling::ChainParams& p,
                          const std::vector<int>& z) {
  const auto& g = lat.graph;
  double value = 0.0;
  for (uint32_t i = 0; i < lat.spins; ++i) {
    for (uint64_t k = g.row_ptr[i]; k < g.row_ptr[i + 1]; ++k) {
      value += 0.5 * p.alpha * g.weight[k] * z[i] * z[g.column[k]];
    }
    value += (p.gamma * g.bias[i] + p.beta) * z[i];
  }
  return value;
}

TEST(IsingMapTest, ChainSamplesTheIsingBoltzmannDistribution) {
  const Lattice lat = make_lattice({LatticeKind::kSquare, 3, 1.0, Couplings::kUniform, 1});
  const double T = 2.0, h = 0.3;
  const sampling::ChainParams params = chain_params_from_T_h(lat, T, h, 5);
  EXPECT_EQ(params.seed, 5u);
  RandomStream random(11, 0, StreamPurpose::kConnect, 0);
  const auto random_state = [&] {
    std::vector<int> z(9);
    for (int& zi : z) zi = static_cast<int>(random.below(2));
    return z;
  };
  const auto spins = [](const std::vector<int>& z) {
    std::vector<int> s(z.size());
    for (size_t i = 0; i < z.size(); ++i) s[i] = 2 * z[i] - 1;
    return s;
  };
  for (int trial = 0; trial < 200; ++trial) {
    const std::vector<int> z = random_state(), z2 = random_state();
    const double bm_difference =
        bm_log_probability(lat, params, z) - bm_log_probability(lat, params, z2);
    const double ising_difference =
        -(square3_energy(spins(z), h) - square3_energy(spins(z2), h)) / T;
    EXPECT_NEAR(bm_difference, ising_difference, 1e-9);
  }
  EXPECT_DOUBLE_EQ(temperature(params), T);
  for (double hi : site_fields(lat, params)) EXPECT_NEAR(hi, h, 1e-12);
}

TEST(IsingMapTest, BiasFractionOneIsZeroFieldOnEveryGraph) {
  for (LatticeKind kind :
       {LatticeKind::kChain, LatticeKind::kSquare, LatticeKind::kCubic, LatticeKind::kComplete}) {
    for (Couplings c : {Couplings::kUniform, Couplings::kPlusMinusJ, Couplings::kGaussian}) {
      const Lattice lat = make_lattice({kind, 4, 0.7, c, 9});
      for (double W : {0.5, 2.0}) {
        const GridPoint point = grid_point_from_W_bf(lat, W, 1.0);
        EXPECT_NEAR(point.h, 0.0, 1e-6);
        EXPECT_DOUBLE_EQ(point.T, 4.0 * 0.7 / W);
        for (double hi : site_fields(lat, chain_params_from_W_bf(lat, W, 1.0, 1))) {
          EXPECT_NEAR(hi, 0.0, 1e-6) << lattice_kind_name(kind) << " " << couplings_name(c);
        }
      }
    }
  }
}

TEST(IsingMapTest, BiasFractionGivesFieldQJTimesOneMinusBf) {
  const Lattice lat = make_lattice({LatticeKind::kSquare, 8, 1.0, Couplings::kUniform, 1});
  const GridPoint point = grid_point_from_W_bf(lat, 4.0 / 2.269, 0.9);
  EXPECT_NEAR(point.T, 2.269, 1e-12);
  EXPECT_NEAR(point.h, 4.0 * 1.0 * 0.1, 1e-12);  // q = 4
  // On the square lattice b = -2 W b_f.
  const sampling::ChainParams p = chain_params_from_W_bf(lat, 1.5, 0.9, 1);
  EXPECT_NEAR(p.gamma * lat.graph.bias[0] + p.beta, -2.0 * 1.5 * 0.9, 1e-12);
}

TEST(IsingMapTest, AxesRoundTrip) {
  for (LatticeKind kind :
       {LatticeKind::kChain, LatticeKind::kSquare, LatticeKind::kCubic, LatticeKind::kComplete}) {
    const Lattice lat = make_lattice({kind, 5, 1.3, Couplings::kUniform, 1});
    for (double T : {0.8, 2.269, 5.0}) {
      for (double h : {-0.4, 0.0, 0.25}) {
        const GridPoint there = grid_point_from_T_h(lat, T, h);
        const GridPoint back = grid_point_from_W_bf(lat, there.W, there.b_f);
        EXPECT_NEAR(back.T, T, 1e-12);
        EXPECT_NEAR(back.h, h, 1e-9);
        // Both parameterisations give the same chain: the same temperature and fields.
        const auto via_T_h = chain_params_from_T_h(lat, T, h, 1);
        const auto via_W_bf = chain_params_from_W_bf(lat, there.W, there.b_f, 1);
        EXPECT_NEAR(temperature(via_W_bf), temperature(via_T_h), 1e-12);
        const auto h_T_h = site_fields(lat, via_T_h), h_W_bf = site_fields(lat, via_W_bf);
        for (uint32_t i = 0; i < lat.spins; ++i) EXPECT_NEAR(h_T_h[i], h_W_bf[i], 1e-9);
      }
    }
  }
}

TEST(IsingMapTest, RefusesNonPositiveTemperatureAndWeight) {
  const Lattice lat = make_lattice({LatticeKind::kSquare, 4, 1.0, Couplings::kUniform, 1});
  EXPECT_THROW(chain_params_from_T_h(lat, 0.0, 0.0, 1), Error);
  EXPECT_THROW(chain_params_from_T_h(lat, -1.0, 0.0, 1), Error);
  EXPECT_THROW(grid_point_from_T_h(lat, 0.0, 0.1), Error);
  EXPECT_THROW(chain_params_from_W_bf(lat, 0.0, 1.0, 1), Error);
  EXPECT_THROW(grid_point_from_W_bf(lat, -2.0, 1.0), Error);
  // A uniform field has no single b_f on a spin glass.
  const Lattice glass = make_lattice({LatticeKind::kSquare, 4, 1.0, Couplings::kGaussian, 1});
  EXPECT_TRUE(std::isnan(grid_point_from_T_h(glass, 1.0, 0.2).b_f));
  EXPECT_EQ(grid_point_from_T_h(glass, 1.0, 0.0).b_f, 1.0);
}

}  // namespace
}  // namespace spikewafer::ising
