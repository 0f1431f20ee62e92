// Loss accounting: zero loss where the network fits comfortably; an oversubscribed chip reports
// its loss by cause, and requested = realised + lost, overall and per projection.
#include <gtest/gtest.h>

#include "wafer/mapping.hpp"
#include "wafer/mapping_report.hpp"
#include "wafer_mapping_support.hpp"

namespace spikewafer::wafer {
namespace {

void expect_balanced(const MappingResult& r) {
  EXPECT_EQ(r.total.requested, r.drawn.synapses());
  EXPECT_EQ(r.total.requested, r.total.realised + r.total.lost());
  uint64_t requested = 0;
  for (const LossCounts& p : r.per_projection) {
    EXPECT_EQ(p.requested, p.realised + p.lost());
    requested += p.requested;
  }
  EXPECT_EQ(requested, r.total.requested);
}

TEST(WaferMappingLossTest, SmallNetworkMapsWithoutLoss) {
  for (RouterKind router : {RouterKind::kShortestPath, RouterKind::kBackbone}) {
    MappingOptions options;
    options.wafers = 1;
    options.router = router;
    const MappingResult r = map_network(test::two_populations_of_100(), options);
    EXPECT_EQ(r.placement.neuron_size, 2u);
    EXPECT_EQ(r.placement.hicanns_used, 1u);
    EXPECT_GT(r.total.requested, 1500u);  // about 2 x 100 x 100 x 0.1
    EXPECT_EQ(r.total.lost(), 0u) << router_name(router);
    EXPECT_EQ(r.total.realised, r.total.requested);
    EXPECT_GT(r.l1_lines_used, 0u);
    expect_balanced(r);
  }
}

TEST(WaferMappingLossTest, OversubscribedChipReportsLossByCause) {
  const Network net = test::oversubscribed_chip();
  MappingOptions options;
  options.wafers = 1;
  options.neuron_size = 2;
  const MappingResult r = map_network(net, options);
  expect_balanced(r);
  EXPECT_GT(r.total.lost(), 0u);
  EXPECT_GT(r.total.realised, 0u);
  EXPECT_GT(r.total.no_driver + r.total.no_route, 0u);
  EXPECT_GT(r.total.no_address, 0u);  // drivers found, but too few rows for every address
  const std::string json = mapping_json(net, r, 0.0);
  EXPECT_NE(json.find("\"no_driver\""), std::string::npos);
  EXPECT_NE(json.find("\"synapse_loss\""), std::string::npos);
}

TEST(WaferMappingLossTest, BiggerNeuronsTradeCountForFanIn) {
  // A neuron of size 2 offers 448 synapse slots; 600 sources from one bus group each need more
  // rows than size 2 gives per column, so bigger neurons lose less.
  Network net;
  net.populations = {test::lif_population("dst", 8), test::lif_population("src", 600)};
  net.projections = {test::all_to_all("src", "dst")};
  MappingOptions options;
  options.wafers = 1;
  options.neuron_size = 2;
  const MappingResult small = map_network(net, options);
  options.neuron_size = 8;
  const MappingResult big = map_network(net, options);
  expect_balanced(small);
  expect_balanced(big);
  EXPECT_LE(big.total.lost(), small.total.lost());
  EXPECT_EQ(big.total.lost(), 0u);
}

}  // namespace
}  // namespace spikewafer::wafer
