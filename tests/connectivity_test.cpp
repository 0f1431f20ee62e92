// build_connectivity and expected_synapses: what each connector draws, how weights and delays
// are stored, and that the CSR depends on the seed only (not on the thread count).
#include "network/connectivity.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>
#include <utility>

#include "kernels/synapse_packing.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer {
namespace {

using kernels::unpack_delay;
using kernels::unpack_target;

Population population(const std::string& name, uint32_t size, Model model = Model::kIfCondExp) {
  Population p;
  p.name = name;
  p.size = size;
  p.model = model;
  return p;
}

Projection projection(const std::string& source, const std::string& target, Connector::Kind kind) {
  Projection p;
  p.source = source;
  p.target = target;
  p.connector.kind = kind;
  p.weight = Distribution::constant(0.5);
  p.delay = Distribution::constant(1.0);
  return p;
}

// A network of populations "a" (size_a) and "b" (size_b) with the given projections.
Network network(uint32_t size_a, uint32_t size_b, std::vector<Projection> projections) {
  Network n;
  n.populations = {population("a", size_a), population("b", size_b)};
  n.projections = std::move(projections);
  return n;
}

struct Synapse {
  uint32_t pre, post, delay;
  float weight;
  bool operator<(const Synapse& o) const {
    return std::tie(pre, post, delay, weight) < std::tie(o.pre, o.post, o.delay, o.weight);
  }
};

std::vector<Synapse> synapses(const Connectivity& c) {
  std::vector<Synapse> out;
  for (uint32_t r = 0; r < c.neurons; ++r)
    for (uint64_t i = c.row_ptr[r]; i < c.row_ptr[r + 1]; ++i)
      out.push_back(
          {r, unpack_target(c.target_delay[i]), unpack_delay(c.target_delay[i]), c.weight[i]});
  return out;
}

// The CSR's own invariants: shape, and rows sorted by target with no duplicate pair.
void expect_well_formed(const Connectivity& c, bool distinct_pairs) {
  ASSERT_EQ(c.row_ptr.size(), uint64_t{c.neurons} + 1);
  EXPECT_EQ(c.row_ptr.front(), 0u);
  EXPECT_EQ(c.row_ptr.back(), c.synapses());
  EXPECT_EQ(c.weight.size(), c.synapses());
  for (uint32_t r = 0; r < c.neurons; ++r)
    for (uint64_t i = c.row_ptr[r] + 1; i < c.row_ptr[r + 1]; ++i) {
      if (distinct_pairs) {
        ASSERT_LT(unpack_target(c.target_delay[i - 1]), unpack_target(c.target_delay[i]));
      } else {
        ASSERT_LE(c.target_delay[i - 1], c.target_delay[i]);
      }
    }
}

bool same_csr(const Connectivity& x, const Connectivity& y) {
  return x.neurons == y.neurons && x.row_ptr == y.row_ptr && x.target_delay == y.target_delay &&
         x.weight == y.weight && x.max_delay_steps == y.max_delay_steps;
}

void expect_input_error(const Network& n, const std::string& needle) {
  try {
    build_connectivity(n);
    FAIL() << "expected an input error mentioning " << needle;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInput);
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
}

TEST(Connectivity, AllToAllWithAndWithoutAutapses) {
  Projection self = projection("a", "a", Connector::Kind::kAllToAll);
  Connectivity with = build_connectivity(network(20, 5, {self}));
  EXPECT_EQ(with.neurons, 25u);
  EXPECT_EQ(with.synapses(), 400u);
  expect_well_formed(with, true);

  self.connector.allow_self = false;
  Connectivity without = build_connectivity(network(20, 5, {self}));
  EXPECT_EQ(without.synapses(), 380u);
  expect_well_formed(without, true);
  for (uint32_t r = 0; r < 20; ++r) {  // exactly the other 19 neurons of "a", in order
    ASSERT_EQ(without.row_ptr[r + 1] - without.row_ptr[r], 19u);
    for (uint32_t k = 0; k < 19; ++k)
      EXPECT_EQ(unpack_target(without.target_delay[without.row_ptr[r] + k]), k < r ? k : k + 1);
  }

  // Between populations, global indices carry the offsets; allow_self is irrelevant.
  Projection ab = projection("b", "a", Connector::Kind::kAllToAll);
  ab.connector.allow_self = false;
  Connectivity between = build_connectivity(network(20, 5, {ab}));
  EXPECT_EQ(between.synapses(), 100u);
  for (const Synapse& s : synapses(between)) {
    EXPECT_GE(s.pre, 20u);
    EXPECT_LT(s.post, 20u);
  }
}

TEST(Connectivity, OneToOne) {
  Connectivity c =
      build_connectivity(network(7, 7, {projection("a", "b", Connector::Kind::kOneToOne)}));
  std::vector<Synapse> s = synapses(c);
  ASSERT_EQ(s.size(), 7u);
  for (uint32_t i = 0; i < 7; ++i) {
    EXPECT_EQ(s[i].pre, i);
    EXPECT_EQ(s[i].post, 7 + i);
  }
  expect_input_error(network(7, 8, {projection("a", "b", Connector::Kind::kOneToOne)}),
                     "projections[0]");

  // Large enough to be drawn in several slices and staged through many row buckets.
  Connectivity large =
      build_connectivity(network(20000, 20000, {projection("b", "a", Connector::Kind::kOneToOne)}));
  ASSERT_EQ(large.synapses(), 20000u);
  for (uint32_t r = 0; r < 40000; ++r) {
    ASSERT_EQ(large.row_ptr[r + 1] - large.row_ptr[r], r < 20000 ? 0u : 1u) << r;
    if (r >= 20000) {
      ASSERT_EQ(unpack_target(large.target_delay[large.row_ptr[r]]), r - 20000);
    }
  }
}

TEST(Connectivity, FixedProbabilityCountDistinctNoAutapses) {
  Projection p = projection("a", "a", Connector::Kind::kFixedProbability);
  p.connector.p = 0.05;
  p.connector.allow_self = false;
  const Network n = network(2000, 1, {p});
  const Connectivity c = build_connectivity(n);
  const double pairs = 2000.0 * 1999.0;
  const double mean = 0.05 * pairs, sigma = std::sqrt(pairs * 0.05 * 0.95);
  EXPECT_DOUBLE_EQ(expected_synapses(n), mean);
  EXPECT_NEAR(static_cast<double>(c.synapses()), mean, 5 * sigma);
  expect_well_formed(c, true);
  for (const Synapse& s : synapses(c)) EXPECT_NE(s.pre, s.post);

  // More candidates than one unit's chunk: the chunks together still give the binomial count.
  Projection wide = projection("a", "b", Connector::Kind::kFixedProbability);
  wide.connector.p = 0.01;
  const Connectivity w = build_connectivity(network(70000, 3, {wide}));
  const double wide_pairs = 70000.0 * 3;
  EXPECT_NEAR(static_cast<double>(w.synapses()), 0.01 * wide_pairs,
              5 * std::sqrt(wide_pairs * 0.01 * 0.99));
  expect_well_formed(w, true);

  p.connector.p = 0.0;
  EXPECT_EQ(build_connectivity(network(300, 1, {p})).synapses(), 0u);
  p.connector.p = 1.0;
  EXPECT_EQ(build_connectivity(network(300, 1, {p})).synapses(), 300u * 299u);
  p.connector.p = 1.5;
  expect_input_error(network(300, 1, {p}), "projections[0]");
}

TEST(Connectivity, FixedInDegreeExactDistinctNoSelf) {
  // Hash-set draw, bitmap draw, complement draw, every source.
  for (uint32_t n_in : {5u, 50u, 400u, 499u}) {
    Projection p = projection("a", "a", Connector::Kind::kFixedInDegree);
    p.connector.n = n_in;
    p.connector.allow_self = false;
    const Connectivity c = build_connectivity(network(500, 10, {p}));
    expect_well_formed(c, true);
    std::vector<uint32_t> in_degree(510, 0), out_degree(510, 0);
    for (const Synapse& s : synapses(c)) {
      EXPECT_NE(s.pre, s.post);
      ++in_degree[s.post];
      ++out_degree[s.pre];
    }
    for (uint32_t t = 0; t < 500; ++t) ASSERT_EQ(in_degree[t], n_in) << "target " << t;
    // Sources are spread over the population: none is left out (P ~ e^-50 for n = 50).
    if (n_in >= 50) {
      for (uint32_t s = 0; s < 500; ++s) EXPECT_GT(out_degree[s], 0u) << "source " << s;
    }
  }
  Projection too_many = projection("a", "a", Connector::Kind::kFixedInDegree);
  too_many.connector.n = 500;
  too_many.connector.allow_self = false;
  expect_input_error(network(500, 10, {projection("a", "b", Connector::Kind::kAllToAll), too_many}),
                     "projections[1]");
  too_many.connector.allow_self = true;
  EXPECT_EQ(build_connectivity(network(500, 10, {too_many})).synapses(), 500u * 500u);
}

TEST(Connectivity, FromListExactContent) {
  Projection p = projection("a", "b", Connector::Kind::kFromList);
  p.receptor = Receptor::kInhibitory;
  p.connector.list = {{2, 1, 0.25, 0.5}, {0, 3, 1.5, 2.0}, {2, 0, 0.75, 0.1}, {2, 1, 0.125, 0.5}};
  const Connectivity c = build_connectivity(network(3, 4, {p}));
  const std::vector<Synapse> expected = {
      {0, 6, 20, -1.5f}, {2, 3, 1, -0.75f}, {2, 4, 5, -0.25f}, {2, 4, 5, -0.125f}};
  std::vector<Synapse> got = synapses(c);
  ASSERT_EQ(got.size(), expected.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].pre, expected[i].pre) << i;
    EXPECT_EQ(got[i].post, expected[i].post) << i;
    EXPECT_EQ(got[i].delay, expected[i].delay) << i;
  }
  // Duplicates are kept, ordered by weight within (target, delay).
  std::multiset<float> weights;
  for (const Synapse& s : got) weights.insert(s.weight);
  EXPECT_EQ(weights, (std::multiset<float>{-1.5f, -0.75f, -0.25f, -0.125f}));
  EXPECT_EQ(got[2].weight, -0.25f);
  EXPECT_EQ(got[3].weight, -0.125f);
  EXPECT_EQ(c.max_delay_steps, 20u);
  EXPECT_DOUBLE_EQ(expected_synapses(network(3, 4, {p})), 4.0);

  p.connector.list.push_back({3, 0, 1.0, 1.0});  // pre outside "a"
  expect_input_error(network(3, 4, {p}), "projections[0]");
}

TEST(Connectivity, DenseMatrixNonZerosOnly) {
  Projection p = projection("a", "b", Connector::Kind::kDenseMatrix);
  p.delay = Distribution::constant(0.3);
  p.connector.matrix = {0.0, 1.0, 0.0,   // source 0
                        2.0, 0.0, 0.0};  // source 1
  const Network n = network(2, 3, {p});
  const std::vector<Synapse> got = synapses(build_connectivity(n));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].pre, 0u);
  EXPECT_EQ(got[0].post, 3u);
  EXPECT_EQ(got[0].weight, 1.0f);
  EXPECT_EQ(got[0].delay, 3u);
  EXPECT_EQ(got[1].pre, 1u);
  EXPECT_EQ(got[1].post, 2u);
  EXPECT_EQ(got[1].weight, 2.0f);
  EXPECT_DOUBLE_EQ(expected_synapses(n), 2.0);
  p.connector.matrix.pop_back();
  expect_input_error(network(2, 3, {p}), "projections[0]");
}

TEST(Connectivity, WeightsSignAndDistributions) {
  Projection exc = projection("a", "b", Connector::Kind::kAllToAll);
  exc.weight = Distribution::uniform(0.1, 0.2);
  Projection inh = projection("b", "a", Connector::Kind::kAllToAll);
  inh.receptor = Receptor::kInhibitory;
  inh.weight = Distribution::constant(0.7);
  Projection clipped = projection("a", "a", Connector::Kind::kAllToAll);
  clipped.weight = Distribution::normal_clipped_to_boundary(-1.0, 0.1);  // every draw to 0
  const Connectivity c = build_connectivity(network(30, 40, {exc, inh, clipped}));
  for (const Synapse& s : synapses(c)) {
    if (s.pre < 30 && s.post >= 30) {
      EXPECT_GE(s.weight, 0.1f);
      EXPECT_LE(s.weight, 0.2f);
    } else if (s.pre >= 30) {
      EXPECT_EQ(s.weight, -0.7f);
    } else {
      EXPECT_EQ(s.weight, 0.0f);
    }
  }
}

TEST(Connectivity, DelaysRoundToStepsWithinLimits) {
  Projection p = projection("a", "b", Connector::Kind::kOneToOne);
  Network n = network(4, 4, {p});
  n.simulation.dt = 0.1;
  const auto steps_for = [&](double delay_ms) {
    n.projections[0].delay = Distribution::constant(delay_ms);
    const Connectivity c = build_connectivity(n);
    EXPECT_EQ(c.max_delay_steps, unpack_delay(c.target_delay[0]));
    return unpack_delay(c.target_delay[0]);
  };
  EXPECT_EQ(steps_for(1.5), 15u);
  EXPECT_EQ(steps_for(0.26), 3u);
  EXPECT_EQ(steps_for(0.04), 1u);  // at least one step
  EXPECT_EQ(steps_for(25.5), 255u);
  n.projections[0].delay = Distribution::constant(25.6);
  expect_input_error(n, "projections[0]");
  n.projections[0].delay = Distribution::normal(100.0, 1.0);  // caught while drawing
  expect_input_error(n, "projections[0]");

  n.projections[0].delay = Distribution::uniform(1.0, 2.0);
  const Connectivity uniform = build_connectivity(n);
  for (uint32_t td : uniform.target_delay) {
    EXPECT_GE(unpack_delay(td), 10u);
    EXPECT_LE(unpack_delay(td), 20u);
  }
  n.projections[0].connector.kind = Connector::Kind::kFixedProbability;
  n.projections[0].connector.p = 0.0;
  EXPECT_EQ(build_connectivity(n).max_delay_steps, 1u);  // no synapse
}

// Several connectors with random weights and delays, plus a spike source population.
Network mixed_network(uint64_t seed) {
  Network n = network(300, 200, {});
  n.populations.push_back(population("in", 50, Model::kSpikeSourcePoisson));
  n.simulation.seed = seed;
  Projection prob = projection("a", "a", Connector::Kind::kFixedProbability);
  prob.connector.p = 0.1;
  prob.connector.allow_self = false;
  prob.weight = Distribution::normal(0.5, 0.3);
  prob.delay = Distribution::uniform(0.1, 5.0);
  Projection in_degree = projection("a", "b", Connector::Kind::kFixedInDegree);
  in_degree.connector.n = 40;
  in_degree.receptor = Receptor::kInhibitory;
  in_degree.weight = Distribution::uniform(0.1, 1.0);
  Projection back = projection("b", "a", Connector::Kind::kFixedInDegree);
  back.connector.n = 20;
  Projection input = projection("in", "a", Connector::Kind::kAllToAll);
  input.delay = Distribution::normal(2.0, 1.0);
  Projection list = projection("in", "b", Connector::Kind::kFromList);
  list.connector.list = {{1, 2, 0.5, 1.0}, {1, 2, 0.5, 1.0}, {0, 199, 0.3, 3.0}};
  n.projections = {prob, in_degree, back, input, list};
  return n;
}

TEST(Connectivity, SeedDeterminesTheCsr) {
  const Connectivity first = build_connectivity(mixed_network(7));
  EXPECT_EQ(first.neurons, 550u);
  expect_well_formed(first, false);
  EXPECT_TRUE(same_csr(first, build_connectivity(mixed_network(7))));
  EXPECT_FALSE(same_csr(first, build_connectivity(mixed_network(8))));
}

TEST(Connectivity, IdenticalForOneAndTwoThreads) {
  const int before = omp_get_max_threads();
  omp_set_num_threads(1);
  const Connectivity one = build_connectivity(mixed_network(3));
  omp_set_num_threads(2);
  const Connectivity two = build_connectivity(mixed_network(3));
  omp_set_num_threads(before);
  EXPECT_GT(one.synapses(), 0u);
  EXPECT_TRUE(same_csr(one, two));
}

TEST(Connectivity, ExpectedSynapses) {
  Projection all = projection("a", "a", Connector::Kind::kAllToAll);
  all.connector.allow_self = false;
  Projection one = projection("a", "b", Connector::Kind::kOneToOne);
  Projection prob = projection("a", "b", Connector::Kind::kFixedProbability);
  prob.connector.p = 0.25;
  Projection in = projection("b", "a", Connector::Kind::kFixedInDegree);
  in.connector.n = 3;
  EXPECT_DOUBLE_EQ(expected_synapses(network(8, 8, {all})), 56.0);
  EXPECT_DOUBLE_EQ(expected_synapses(network(8, 8, {one})), 8.0);
  EXPECT_DOUBLE_EQ(expected_synapses(network(8, 8, {prob})), 16.0);
  EXPECT_DOUBLE_EQ(expected_synapses(network(8, 8, {in})), 24.0);
  EXPECT_DOUBLE_EQ(expected_synapses(network(8, 8, {all, one, prob, in})), 104.0);
  EXPECT_DOUBLE_EQ(expected_synapses(network(8, 8, {})), 0.0);
}

TEST(Connectivity, RejectsTooManyNeuronsAndUnknownPopulations) {
  Network big = network(kernels::kMaxTargets, 1, {});
  expect_input_error(big, "16,777,216");
  expect_input_error(network(3, 3, {projection("a", "c", Connector::Kind::kAllToAll)}),
                     "projections[0]");
}

}  // namespace
}  // namespace spikewafer
