// The default mapping searches the neuron size (host/wafer/neuron_size_search.cpp): a network
// that loses synapses at the densest size maps without loss at a bigger one when one exists, and
// the report lists what was tried; a given size is used as given; where every size loses, the
// least loss wins.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "wafer/mapping.hpp"
#include "wafer/mapping_report.hpp"
#include "wafer_mapping_support.hpp"

namespace spikewafer::wafer {
namespace {

// 1,000 neurons, p = 0.05 onto themselves: about 49,600 synapses (the example).
Network recurrent_thousand() {
  Network net;
  net.simulation.seed = 1;
  net.populations = {test::lif_population("exc", 1000)};
  net.projections = {test::fixed_probability("exc", "exc", 0.05, Receptor::kExcitatory,
                                             Distribution::constant(0.001))};
  return net;
}

TEST(WaferNeuronSizeSearch, FindsTheLosslessSizeByDefault) {
  MappingOptions options;
  options.wafers = 1;
  options.delays = DelayModel::kIdeal;
  options.neuron_size = 2;
  const MappingResult dense = map_network(recurrent_thousand(), options);
  ASSERT_GT(dense.total.lost(), dense.total.requested / 20);  // more than 5 % lost at size 2
  ASSERT_EQ(dense.attempts.size(), 1u);                         // a given size is not searched
  options.neuron_size = 0;
  const MappingResult searched = map_network(recurrent_thousand(), options);
  EXPECT_EQ(searched.total.lost(), 0u);
  EXPECT_EQ(searched.total.realised, dense.total.requested);
  ASSERT_GE(searched.attempts.size(), 2u);
  EXPECT_EQ(searched.attempts.front().neuron_size, 2u);
  EXPECT_EQ(searched.attempts.front().total.lost(), dense.total.lost());
  EXPECT_EQ(searched.attempts.back().neuron_size, searched.placement.neuron_size);
  const nlohmann::json j = mapping_summary(recurrent_thousand(), searched, 0.0);
  ASSERT_EQ(j["neuron_sizes_tried"].size(), searched.attempts.size());
  EXPECT_EQ(j["neuron_sizes_tried"].back()["chosen"], true);
  EXPECT_EQ(j["neuron_sizes_tried"].back()["synapses_lost"], 0);
  EXPECT_EQ(attempt_lines(searched).size(), searched.attempts.size());
}

TEST(WaferNeuronSizeSearch, KeepsTheLeastLossWhenEverySizeLoses) {
  MappingOptions options;
  options.wafers = 1;
  options.delays = DelayModel::kIdeal;
  const MappingResult r = map_network(test::oversubscribed_chip(), options);
  ASSERT_GE(r.attempts.size(), 1u);
  EXPECT_GT(r.total.lost(), 0u);
  for (const MappingAttempt& a : r.attempts) EXPECT_GE(a.total.lost(), r.total.lost());
}

}  // namespace
}  // namespace spikewafer::wafer
