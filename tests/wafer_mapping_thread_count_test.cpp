// The mapping routes the wafers in parallel and realises the target chips in parallel
// (host/wafer/routing.cpp, mapping.cpp): every route, every synapse's place and the report are
// the same for any thread count.
#include <gtest/gtest.h>
#include <omp.h>

#include "thread_count_guard.hpp"
#include "wafer/mapping.hpp"
#include "wafer_mapping_support.hpp"

namespace spikewafer::wafer {
namespace {

class WaferMappingThreadCount : public test::RestoresThreadCount {};

// 3,200 neurons at size 64 (8 per chip): 400 chips, so the network spans two wafers and its
// synapses cross between them over L2.
MappingResult map_with_threads(int threads) {
  omp_set_num_threads(threads);
  Network net;
  net.simulation.seed = 4;
  net.populations = {test::lif_population("a", 1600), test::lif_population("b", 1600)};
  net.projections = {test::fixed_probability("a", "b", 0.01),
                     test::fixed_probability("b", "a", 0.01, Receptor::kInhibitory)};
  MappingOptions options;
  options.wafers = 2;
  options.neuron_size = 64;
  options.keep_places = true;
  return map_network(net, options);
}

TEST_F(WaferMappingThreadCount, OneAndTwoThreadsMapAlike) {
  const MappingResult one = map_with_threads(1);
  const MappingResult two = map_with_threads(2);
  ASSERT_EQ(one.placement.wafers_used, 2u);
  ASSERT_GT(one.l2_links, 0u);
  ASSERT_EQ(one.routes.size(), two.routes.size());
  for (size_t i = 0; i < one.routes.size(); ++i) {
    EXPECT_EQ(one.routes[i].lines, two.routes[i].lines) << "bus " << one.routes[i].bus;
    ASSERT_EQ(one.routes[i].entries.size(), two.routes[i].entries.size());
    for (size_t e = 0; e < one.routes[i].entries.size(); ++e)
      EXPECT_EQ(one.routes[i].entries[e].line, two.routes[i].entries[e].line);
  }
  ASSERT_EQ(one.places.size(), two.places.size());
  for (size_t i = 0; i < one.places.size(); ++i) {
    const SynapsePlace& a = one.places[i].place;
    const SynapsePlace& b = two.places[i].place;
    ASSERT_EQ(a.loss, b.loss) << "synapse " << i;
    EXPECT_EQ(a.row, b.row);
    EXPECT_EQ(a.column, b.column);
    EXPECT_EQ(a.digital, b.digital);
  }
  EXPECT_EQ(one.total.realised, two.total.realised);
  EXPECT_EQ(one.delays.sum_ms, two.delays.sum_ms);  // merged in chip order: bit for bit
  EXPECT_EQ(one.quantization.mean_error(), two.quantization.mean_error());
}

}  // namespace
}  // namespace spikewafer::wafer
