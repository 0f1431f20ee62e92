// The drivers each bus wants on each chip, counted before routing (host/wafer/bus_demand.hpp):
// for a network that maps without loss they are exactly the drivers its realisation takes, and
// the estimate of the loss for want of drivers is each over-asked chip's excess share.
#include <gtest/gtest.h>

#include "network/connectors.hpp"
#include "wafer/bus_demand.hpp"
#include "wafer/mapping.hpp"
#include "wafer_mapping_support.hpp"

namespace spikewafer::wafer {
namespace {

TEST(WaferBusDemand, CountsTheDriversTheRealisationTakes) {
  for (const uint32_t size : {2u, 4u}) {
    Network net;
    net.simulation.seed = 2;
    net.populations = {test::lif_population("a", 600), test::lif_population("b", 400)};
    net.projections = {test::fixed_probability("a", "b", 0.05),
                       test::fixed_probability("b", "a", 0.08, Receptor::kInhibitory),
                       test::fixed_probability("a", "a", 0.03)};
    MappingOptions options;
    options.wafers = 1;
    options.neuron_size = size;
    const MappingResult r = map_network(net, options);
    ASSERT_EQ(r.total.lost(), 0u) << "size " << size;
    const auto demands = bus_demands(connectors::plan_projections(net), net, r.placement, 2);
    uint64_t wanted = 0, synapses = 0;
    for (const BusDemand& d : demands) {
      wanted += d.drivers;
      synapses += d.synapses;
    }
    uint64_t taken = 0;
    for (const ChipUse& chip : r.target_chips) taken += chip.drivers.used();
    EXPECT_EQ(wanted, taken) << "size " << size;
    EXPECT_EQ(synapses, r.total.requested);
    EXPECT_EQ(estimated_driver_loss(demands), 0u);
  }
}

TEST(WaferBusDemand, EstimatesTheExcessShareOfAnOverAskedChip) {
  // Chip 0: 300 drivers wanted for 600 synapses, 76 over its 224; chip 1: 200, within.
  const std::vector<BusDemand> demands = {
      {0, 1, 400, 200}, {0, 2, 200, 100}, {1, 1, 1000, 200}};
  EXPECT_EQ(estimated_driver_loss(demands), 600u * 76 / 300);
}

}  // namespace
}  // namespace spikewafer::wafer
