// The default mapping searches the neuron size (host/wafer/neuron_size_search.cpp): a size whose
// drivers cannot hold the network by count is not mapped, a network that loses synapses at the
// densest size maps without loss at a bigger one when one exists, and the report lists what was
// counted and mapped; a given size is used as given; where every size loses, the least loss wins.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "wafer/mapping.hpp"
#include "wafer/mapping_report.hpp"
#include "wafer_mapping_support.hpp"

namespace spikewafer::wafer {
namespace {

// 1,000 neurons at probability p onto themselves (p = 0.05: the issue's example, about 49,600
// synapses).
Network recurrent_thousand(double p) {
  Network net;
  net.simulation.seed = 1;
  net.populations = {test::lif_population("exc", 1000)};
  net.projections = {test::fixed_probability("exc", "exc", p, Receptor::kExcitatory,
                                             Distribution::constant(0.001))};
  return net;
}

MappingOptions one_wafer(uint32_t neuron_size = 0) {
  MappingOptions options;
  options.wafers = 1;
  options.delays = DelayModel::kIdeal;
  options.neuron_size = neuron_size;
  return options;
}

TEST(WaferNeuronSizeSearch, TheIssuesExampleMapsWithoutLossAtTheDensestSize) {
  const MappingResult r = map_network(recurrent_thousand(0.05), one_wafer());
  EXPECT_EQ(r.total.lost(), 0u);
  EXPECT_EQ(r.placement.neuron_size, 2u);
  ASSERT_EQ(r.attempts.size(), 1u);  // counted without loss, mapped without loss: no search
  EXPECT_TRUE(r.attempts.front().mapped);
}

TEST(WaferNeuronSizeSearch, SkipsASizeWhoseDriversCannotHoldTheNetwork) {
  // At p = 0.2 the 5 chips of size 2 are asked for more drivers than they have.
  const MappingResult dense = map_network(recurrent_thousand(0.2), one_wafer(2));
  ASSERT_GT(dense.total.lost(), dense.total.requested / 20);  // more than 5 % lost at size 2
  ASSERT_EQ(dense.attempts.size(), 1u);                         // a given size is not searched
  const MappingResult searched = map_network(recurrent_thousand(0.2), one_wafer());
  EXPECT_EQ(searched.total.lost(), 0u);
  EXPECT_EQ(searched.total.realised, dense.total.requested);
  ASSERT_EQ(searched.attempts.size(), 2u);
  const MappingAttempt& skipped = searched.attempts.front();
  EXPECT_EQ(skipped.neuron_size, 2u);
  EXPECT_FALSE(skipped.mapped);
  // The count's estimate is within 30 % of what mapping that size does lose.
  EXPECT_NEAR(static_cast<double>(skipped.estimated_driver_loss),
              static_cast<double>(dense.total.lost()), 0.3 * dense.total.lost());
  EXPECT_EQ(searched.attempts.back().neuron_size, searched.placement.neuron_size);
  EXPECT_TRUE(searched.attempts.back().mapped);
  const nlohmann::json j = mapping_summary(recurrent_thousand(0.2), searched, 0.0);
  ASSERT_EQ(j["neuron_sizes_tried"].size(), searched.attempts.size());
  EXPECT_EQ(j["neuron_sizes_tried"].front()["mapped"], false);
  EXPECT_FALSE(j["neuron_sizes_tried"].front().contains("synapses_lost"));
  EXPECT_EQ(j["neuron_sizes_tried"].back()["chosen"], true);
  EXPECT_EQ(j["neuron_sizes_tried"].front()["chosen"], false);
  EXPECT_EQ(j["neuron_sizes_tried"].back()["neurons_per_chip"], 118);  // size 4: all slots
  EXPECT_EQ(j["neuron_sizes_tried"].back()["synapses_lost"], 0);
  EXPECT_EQ(attempt_lines(searched).size(), searched.attempts.size());
}

TEST(WaferNeuronSizeSearch, MapsBiggerSizesWhileTheLossFalls) {
  // 2,000 neurons at p = 0.1: size 4's drivers suffice by count, but its mapping loses some
  // synapses for want of rows; size 8 loses none.
  Network net = recurrent_thousand(0.1);
  net.populations.front().size = 2000;
  const MappingResult r = map_network(net, one_wafer());
  EXPECT_EQ(r.total.lost(), 0u);
  ASSERT_EQ(r.attempts.size(), 3u);
  EXPECT_FALSE(r.attempts[0].mapped);
  EXPECT_TRUE(r.attempts[1].mapped);
  EXPECT_GT(r.attempts[1].total.lost(), 0u);
  EXPECT_EQ(r.attempts[2].neuron_size, r.placement.neuron_size);
}

TEST(WaferNeuronSizeSearch, KeepsTheLeastLossWhenEverySizeLoses) {
  const MappingResult r = map_network(test::oversubscribed_chip(), one_wafer());
  ASSERT_GE(r.attempts.size(), 1u);
  EXPECT_GT(r.total.lost(), 0u);
  for (const MappingAttempt& a : r.attempts)
    if (a.mapped) {
      EXPECT_GE(a.total.lost(), r.total.lost());
    }
}

}  // namespace
}  // namespace spikewafer::wafer
