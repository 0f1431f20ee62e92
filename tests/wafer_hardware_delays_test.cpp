// The hardware's delays (wafer/hardware_delays.hpp, docs/wafer.md "Delays"): the measured fit,
// the chips a route crosses, and the delays a mapped network runs with (on one chip, over L2,
// ideal on request), and a delay beyond what a synapse holds is refused.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

#include "spikewafer/error.hpp"
#include "wafer/hardware_delays.hpp"
#include "wafer/mapped_network.hpp"
#include "wafer/mapping.hpp"
#include "wafer_mapping_support.hpp"

namespace spikewafer::wafer {
namespace {

double bio_ms(uint32_t hicanns, bool over_l2, double speedup) {
  return hardware_delay_ns(hicanns, over_l2) * 1e-6 * speedup;
}

TEST(WaferHardwareDelaysTest, MatchTheFitToWafer30) {
  // brainscales1-demos: delay = 0.0397 ms x HICANNs on the route + 0.6444 ms at 10^4.
  for (uint32_t h : {1u, 5u, 20u})
    EXPECT_NEAR(bio_ms(h, false, 1e4), 0.0397 * h + 0.6444, 1e-12);
  // Hardware time does not depend on the speed-up; biological time scales with it.
  EXPECT_NEAR(bio_ms(3, false, 1e3) * 10, bio_ms(3, false, 1e4), 1e-12);
  EXPECT_NEAR(bio_ms(1, true, 1e4) - bio_ms(1, false, 1e4), kL2DelayNs * 1e-2, 1e-12);
}

TEST(WaferHardwareDelaysTest, RoutesCrossAtLeastTheGridDistance) {
  MappingOptions options;
  options.wafers = 1;
  const MappingResult r = map_network(test::spread_network(), options);
  uint32_t longest = 0;
  for (const BusRoute& route : r.routes) {
    const HicannOnWafer source(route.bus / 8 % kHicannsPerWafer);
    const std::vector<uint32_t> hicanns = hicanns_to_entries(route);
    ASSERT_EQ(hicanns.size(), route.entries.size());
    for (size_t e = 0; e < hicanns.size(); ++e) {
      const HicannOnWafer target = route.entries[e].target;
      const uint32_t grid = static_cast<uint32_t>(
          std::abs(static_cast<int>(target.x().value()) - static_cast<int>(source.x().value())) +
          std::abs(static_cast<int>(target.y().value()) - static_cast<int>(source.y().value())));
      EXPECT_GE(hicanns[e], grid + 1) << "bus " << route.bus;
      if (target == source) {
        EXPECT_EQ(hicanns[e], 1u);
      }
      longest = std::max(longest, hicanns[e]);
    }
  }
  EXPECT_GT(longest, 2u);
  // The report's delays span exactly those routes.
  EXPECT_EQ(r.delays.count, r.total.realised);
  EXPECT_GE(r.delays.min_ms, bio_ms(1, false, 1e4) - 1e-9);
  EXPECT_LE(r.delays.max_ms, bio_ms(longest, false, 1e4) + 1e-9);
  EXPECT_GT(r.delays.max_ms, bio_ms(2, false, 1e4) - 1e-9);
}

// Every realised synapse of the mapped network gets `steps`.
void expect_all_delays(const MappingResult& r, uint8_t steps) {
  uint64_t realised = 0;
  for (const auto& m : r.mapped) {
    ASSERT_EQ(m->delay_steps.size(), m->weight.size());
    for (size_t k = 0; k < m->weight.size(); ++k) {
      if (std::isnan(m->weight[k])) continue;
      EXPECT_EQ(m->delay_steps[k], steps) << k;
      ++realised;
    }
  }
  EXPECT_EQ(realised, r.total.realised);
  EXPECT_GT(realised, 0u);
}

TEST(WaferHardwareDelaysTest, OneChipGivesTheFixedDelay) {
  const Network net = test::two_populations_of_100();  // dt 0.1 ms, one chip
  MappingOptions options;
  options.wafers = 1;
  const MappingResult r = map_network(net, options);
  ASSERT_EQ(r.placement.hicanns_used, 1u);
  expect_all_delays(r, 7);  // 0.6841 ms
  options.speedup = 1e3;
  expect_all_delays(map_network(net, options), 1);  // 0.068 ms: the shortest delay, one step
  options.delays = DelayModel::kIdeal;
  const MappingResult ideal = map_network(net, options);
  for (const auto& m : ideal.mapped) EXPECT_TRUE(m->delay_steps.empty());
  const Network mapped = mapped_network(net, ideal);
  EXPECT_EQ(mapped.projections[0].mapped, ideal.mapped[0]);
}

TEST(WaferHardwareDelaysTest, OtherWafersAddTheL2Delay) {
  const Network net = test::split_over_two_wafers();
  MappingOptions options;
  options.wafers = 2;
  options.neuron_size = 2;
  const MappingResult r = map_network(net, options);
  ASSERT_EQ(r.total.lost(), 0u);
  expect_all_delays(r, 57);  // 500 + 64.44 + 3.97 ns at 10^4: 5.684 ms
  // At 10^5 that is 56.8 ms, 568 steps: more than a synapse holds.
  options.speedup = 1e5;
  try {
    map_network(net, options);
    FAIL() << "a delay of 568 steps was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInput);
    EXPECT_NE(std::string(e.what()).find("hardware delay"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("ideal delays"), std::string::npos) << e.what();
    // Numbers in their shortest form, not in %f's six decimals ("100000.000000").
    EXPECT_NE(std::string(e.what()).find("delay of 56.841 ms (at speed-up 1e+05)"),
              std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("dt = 0.1 ms"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace spikewafer::wafer
