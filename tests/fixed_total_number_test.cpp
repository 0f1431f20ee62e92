// fixed_total_number (PyNN's FixedTotalNumberConnector with replacement, NEST's
// fixed_total_number): exactly n synapses, each an independent uniform (source, target) pair,
// so multapses occur, autapses only where allowed; per-target counts binomial(n, 1 / targets);
// the same synapses for any thread count; in NET.toml and with its errors.
#include <gtest/gtest.h>
#include <omp.h>

#include <cmath>
#include <map>
#include <vector>

#include "kernels/synapse_packing.hpp"
#include "network/connectivity.hpp"
#include "network_config_support.hpp"
#include "test_support.hpp"

namespace spikewafer::test {
namespace {

Network total_number(uint32_t n, bool allow_self, uint32_t size_a = 40, uint32_t size_b = 30) {
  Network net = network_of({lif("a", size_a, Model::kIfCurrExp, NeuronParams{}),
                            lif("b", size_b, Model::kIfCurrExp, NeuronParams{})},
                           0.1, 10.0);
  Projection ab = one_to_one("a", "b", 0.1, 1.0);
  ab.connector.kind = Connector::Kind::kFixedTotalNumber;
  ab.connector.n = n;
  Projection aa = ab;
  aa.target = "a";
  aa.connector.allow_self = allow_self;
  net.projections = {ab, aa};
  return net;
}

// Synapse counts per (pre, post) of projection rows [first_row, last_row) onto targets
// [first_target, last_target).
std::map<std::pair<uint32_t, uint32_t>, int> pairs(const Connectivity& c, uint32_t first_target,
                                                   uint32_t last_target) {
  std::map<std::pair<uint32_t, uint32_t>, int> count;
  for (uint32_t r = 0; r < c.neurons; ++r)
    for (uint64_t k = c.row_ptr[r]; k < c.row_ptr[r + 1]; ++k) {
      const uint32_t t = kernels::unpack_target(c.target_delay[k]);
      if (t >= first_target && t < last_target) ++count[{r, t}];
    }
  return count;
}

TEST(FixedTotalNumber, ExactlyNPairsWithMultapsesAndNoAutapsesWhereExcluded) {
  const Connectivity c = build_connectivity(total_number(5000, false));
  // a = global 0..39, b = 40..69
  const auto onto_b = pairs(c, 40, 70), onto_a = pairs(c, 0, 40);
  int total_b = 0, total_a = 0, multapses = 0, autapses = 0;
  for (const auto& [pair, n] : onto_b) total_b += n, multapses += n > 1;
  for (const auto& [pair, n] : onto_a) total_a += n, autapses += pair.first == pair.second;
  EXPECT_EQ(total_b, 5000);
  EXPECT_EQ(total_a, 5000);
  EXPECT_GT(multapses, 0);  // 5000 draws over 1200 pairs
  EXPECT_EQ(autapses, 0);
  const Connectivity with = build_connectivity(total_number(5000, true));
  int with_autapses = 0;
  for (const auto& [pair, n] : pairs(with, 0, 40)) with_autapses += pair.first == pair.second;
  EXPECT_GT(with_autapses, 0);  // expected 5000 / 40 = 125
}

TEST(FixedTotalNumber, InDegreesAreBinomialAndSourcesUniform) {
  constexpr uint32_t kN = 200000, kTargets = 100, kSources = 50;
  const Connectivity c = build_connectivity(total_number(kN, true, kSources, kTargets));
  std::vector<double> in_degree(kTargets, 0.0), out_degree(kSources, 0.0);
  for (uint32_t r = 0; r < kSources; ++r)
    for (uint64_t k = c.row_ptr[r]; k < c.row_ptr[r + 1]; ++k) {
      const uint32_t t = kernels::unpack_target(c.target_delay[k]);
      if (t < kSources) continue;  // the a -> a projection
      in_degree[t - kSources] += 1;
      out_degree[r] += 1;
    }
  const auto moments = [](const std::vector<double>& x) {
    double m = 0, v = 0;
    for (double y : x) m += y;
    m /= static_cast<double>(x.size());
    for (double y : x) v += (y - m) * (y - m);
    return std::pair<double, double>{m, v / static_cast<double>(x.size() - 1)};
  };
  // Binomial(n, 1/T): mean 2000, variance 1980; the sample variance of 100 targets has a
  // relative standard error of sqrt(2/99) = 14 %, so 45 % is three of them.
  const auto [mean_in, var_in] = moments(in_degree);
  EXPECT_DOUBLE_EQ(mean_in, kN / static_cast<double>(kTargets));
  const double binomial_var = kN * (1.0 / kTargets) * (1.0 - 1.0 / kTargets);
  EXPECT_NEAR(var_in / binomial_var, 1.0, 0.45);
  const auto [mean_out, var_out] = moments(out_degree);
  EXPECT_DOUBLE_EQ(mean_out, kN / static_cast<double>(kSources));
  EXPECT_NEAR(var_out / (kN * (1.0 / kSources) * (1.0 - 1.0 / kSources)), 1.0, 0.6);
}

TEST(FixedTotalNumber, TheSameForOneAndTwoThreads) {
  const int before = omp_get_max_threads();
  omp_set_num_threads(1);
  const Connectivity one = build_connectivity(total_number(300000, false));
  omp_set_num_threads(2);
  const Connectivity two = build_connectivity(total_number(300000, false));
  omp_set_num_threads(before);
  EXPECT_EQ(one.row_ptr, two.row_ptr);
  EXPECT_EQ(one.target_delay, two.target_delay);
  EXPECT_EQ(one.synapses(), 600000u);
}

TEST(FixedTotalNumber, ReadFromNetToml) {
  const Network net = parse(kOnePopulation + R"(
[[projections]]
source = "a"
target = "a"
connector = { kind = "fixed_total_number", n = 12, allow_self = false, with_replacement = true }
weight = 0.1
)");
  const Connector& c = net.projections.at(0).connector;
  EXPECT_EQ(c.kind, Connector::Kind::kFixedTotalNumber);
  EXPECT_EQ(c.n, 12u);
  EXPECT_FALSE(c.allow_self);
  expect_error(kOnePopulation + R"(
[[projections]]
source = "a"
target = "a"
connector = { kind = "fixed_total_number", n = 12, with_replacement = false }
weight = 0.1
)",
               {"with_replacement", "fixed_probability"});
}

TEST(FixedTotalNumber, NoPairToConnectIsAnError) {
  Network net = total_number(5, false, 1, 3);
  net.projections.erase(net.projections.begin());  // a (1 neuron) -> a without autapses
  EXPECT_THROW(build_connectivity(net), Error);
}

}  // namespace
}  // namespace spikewafer::test
