// The wafer model's report on a plastic projection (host/wafer/stdp_hardware.hpp): 4-bit levels
// of w_max / 15, the change of one spike pair in those steps, and the pairs that must accumulate
// before the hardware moves a weight, in mapping.json through map_network.
#include <cmath>

#include "test_support.hpp"
#include "wafer/mapping.hpp"
#include "wafer/stdp_hardware.hpp"

namespace spikewafer::test {
namespace {

Network plastic_network(WeightDependence dependence) {
  Network net = network_of({poisson_source("pre", 20, 10.0),
                            lif("post", 10, Model::kIfCondExp, NeuronParams{})},
                           0.1, 100.0);
  Projection p = one_to_one("pre", "post", 0.006, 1.0);
  p.connector.kind = Connector::Kind::kAllToAll;
  p.stdp.enabled = true;
  p.stdp.dependence = dependence;
  p.stdp.A_plus = 0.01;
  p.stdp.A_minus = 0.012;
  p.stdp.w_min = 0.0;
  p.stdp.w_max = 0.012;
  net.projections = {p};
  return net;
}

TEST(StdpHardware, AdditivePairsMoveWeightsByAFractionOfAFourBitStep) {
  const auto reports = wafer::stdp_hardware_reports(plastic_network(WeightDependence::kAdditive));
  ASSERT_EQ(reports.size(), 1u);
  const wafer::StdpHardwareReport& r = reports[0];
  EXPECT_EQ(r.name, "pre->post[0]");
  EXPECT_DOUBLE_EQ(r.weight_step, 0.012 / 15);
  EXPECT_EQ(r.levels, 16u);  // 0 .. w_max
  EXPECT_NEAR(r.potentiation_steps, 0.01 * 15, 1e-12);   // A_plus w_max / (w_max / 15)
  EXPECT_NEAR(r.depression_steps, 0.012 * 15, 1e-12);
  EXPECT_NEAR(r.pairs_per_step, 1 / (0.012 * 15), 1e-9);  // the larger change decides
  EXPECT_DOUBLE_EQ(r.initial_weight, 0.006);
  // 0.006 = 7.5 steps: half a step off the nearest level.
  EXPECT_NEAR(r.initial_rounding_error, 0.5 / 15, 1e-12);
  EXPECT_NE(wafer::stdp_hardware_text(r).find("projections[0]"), std::string::npos);
}

TEST(StdpHardware, MultiplicativeChangesScaleWithTheRoomToTheBounds) {
  const auto r = wafer::stdp_hardware_reports(plastic_network(WeightDependence::kMultiplicative))[0];
  EXPECT_NEAR(r.potentiation_steps, 0.01 * (0.012 - 0.006) / (0.012 / 15), 1e-9);
  EXPECT_NEAR(r.depression_steps, 0.012 * 0.006 / (0.012 / 15), 1e-9);
}

TEST(StdpHardware, TheMappingCarriesTheReport) {
  Network net = plastic_network(WeightDependence::kAdditive);
  net.populations.push_back(lif("other", 5, Model::kIfCondExp, NeuronParams{}));
  net.projections.push_back(one_to_one("pre", "other", 0.004, 1.0));  // static: no report
  net.projections.back().connector.kind = Connector::Kind::kAllToAll;
  wafer::MappingOptions options;
  options.wafers = 1;
  const wafer::MappingResult r = wafer::map_network(net, options);
  ASSERT_EQ(r.stdp.size(), 1u);
  EXPECT_EQ(r.stdp[0].projection, 0u);
  EXPECT_EQ(wafer::stdp_hardware_reports(plastic_network(WeightDependence::kAdditive))[0].levels,
            r.stdp[0].levels);
}

}  // namespace
}  // namespace spikewafer::test
