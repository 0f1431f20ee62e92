// A projection's [stdp] table in NET.toml: every key read, the defaults PyNN's SpikePairRule and
// weight dependences have, and errors that name the key and the fix.
#include "network_config_support.hpp"

namespace spikewafer::test {
namespace {

const std::string kPlastic = kOnePopulation + R"(
[populations.s]
size = 2
model = "SpikeSourcePoisson"
rate = 10.0
[[projections]]
source = "s"
target = "a"
connector = { kind = "all_to_all" }
weight = 0.2
)";

TEST(StdpConfig, ReadsEveryKey) {
  const Network net = parse(kPlastic + R"(stdp = { weight_dependence = "multiplicative", pairing = "nearest", tau_plus = 15.0, tau_minus = 25.0, A_plus = 0.02, A_minus = 0.03, w_min = 0.1, w_max = 0.5 }
)");
  const Stdp& s = net.projections.at(0).stdp;
  EXPECT_TRUE(s.enabled);
  EXPECT_EQ(s.dependence, WeightDependence::kMultiplicative);
  EXPECT_EQ(s.pairing, StdpPairing::kNearest);
  EXPECT_EQ(s.tau_plus, 15.0);
  EXPECT_EQ(s.tau_minus, 25.0);
  EXPECT_EQ(s.A_plus, 0.02);
  EXPECT_EQ(s.A_minus, 0.03);
  EXPECT_EQ(s.w_min, 0.1);
  EXPECT_EQ(s.w_max, 0.5);
}

TEST(StdpConfig, AnEmptyTableIsPyNNsDefaultRule) {
  const Stdp s = parse(kPlastic + "stdp = {}\n").projections.at(0).stdp;
  EXPECT_TRUE(s.enabled);
  EXPECT_EQ(s.dependence, WeightDependence::kAdditive);
  EXPECT_EQ(s.pairing, StdpPairing::kAllToAll);
  EXPECT_EQ(s.tau_plus, 20.0);
  EXPECT_EQ(s.tau_minus, 20.0);
  EXPECT_EQ(s.A_plus, 0.01);
  EXPECT_EQ(s.A_minus, 0.01);
  EXPECT_EQ(s.w_min, 0.0);
  EXPECT_EQ(s.w_max, 1.0);
  EXPECT_FALSE(parse(kPlastic).projections.at(0).stdp.enabled);
}

TEST(StdpConfig, ErrorsNameTheKey) {
  expect_error(kPlastic + "stdp = { tau = 3.0 }\n", {"tau"});
  expect_error(kPlastic + "stdp = { pairing = \"triplet\" }\n", {"pairing", "all_to_all", "nearest"});
  expect_error(kPlastic + "stdp = { tau_minus = -1.0 }\n", {"tau_minus"});
  expect_error(kPlastic + "stdp = { w_max = 0.1 }\n", {"projections[0].weight", "w_max"});
  expect_error(kPlastic + "synapse = \"renewing\"\nstdp = {}\n", {"stdp", "additive"});
}

}  // namespace
}  // namespace spikewafer::test
