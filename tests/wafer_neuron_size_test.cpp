// The neuron-size table (the published 472/236/118/59/32/16/8 and marocco's other even sizes),
// the toolchain's even-size rule, capacity queries for sizes and wafer counts, and the 20-wafer
// totals of the design.
#include <gtest/gtest.h>

#include "spikewafer/error.hpp"
#include "wafer/capacity.hpp"

namespace spikewafer::wafer {
namespace {

TEST(WaferNeuronSizeTest, PublishedTable) {
  const auto table = published_neuron_size_table();
  const uint32_t sizes[] = {1, 2, 4, 8, 16, 32, 64};
  const uint32_t neurons[] = {472, 236, 118, 59, 32, 16, 8};
  ASSERT_EQ(table.size(), 7u);
  for (size_t i = 0; i < table.size(); ++i) {
    EXPECT_EQ(table[i].circuits_per_neuron, sizes[i]);
    EXPECT_EQ(table[i].neurons_per_chip, neurons[i]) << "size " << sizes[i];
    EXPECT_EQ(table[i].circuit_limit, 512 / sizes[i]);
    EXPECT_EQ(table[i].synapses_per_neuron, 224 * sizes[i]);
  }
  EXPECT_EQ(table.back().synapses_per_neuron, 14336u);  // "more than 10000 synapses per neuron"
}

TEST(WaferNeuronSizeTest, OtherEvenSizesAsMarocco) {
  // marocco NeuronPlacement.cpp: size 6 -> 10 per block, 80 per chip on two buses; sizes of 10
  // and more: at most 6 per block, 48 per chip.
  EXPECT_EQ(neurons_per_chip(6), 80u);
  EXPECT_EQ(neuron_size_figures(6).buses, 2u);
  EXPECT_EQ(neurons_per_chip(10), 48u);
  EXPECT_EQ(neurons_per_chip(12), 40u);
  EXPECT_EQ(neurons_per_chip(22), 16u);  // 2 per block
  EXPECT_EQ(neurons_per_chip(34), 8u);   // 1 per block
  for (uint32_t s = 2; s <= 64; s += 2) {
    const NeuronSizeFigures f = neuron_size_figures(s);
    EXPECT_LE(f.neurons_per_chip, f.circuit_limit);
    EXPECT_LE(f.neurons_per_chip, 59 * f.buses);
    EXPECT_LE(f.neurons_per_chip * s, 512u);
  }
}

TEST(WaferNeuronSizeTest, ToolchainAllowsEvenSizesOnly) {
  EXPECT_THROW(neurons_per_chip(1), Error);  // toolchain rule is the default
  EXPECT_EQ(neurons_per_chip(1, SizeRule::kPublished), 472u);
  for (int64_t s : {3, 5, 7, 33, 63}) {
    EXPECT_THROW(neurons_per_chip(s), Error) << s;
    EXPECT_THROW(neurons_per_chip(s, SizeRule::kPublished), Error) << s;
  }
  for (int64_t s : {0, -2, 66, 128}) EXPECT_THROW(neurons_per_chip(s), Error) << s;
  try {
    check_neuron_size(3);
    FAIL() << "odd size accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInput);
    EXPECT_NE(std::string(e.what()).find("even size 2 to 64"), std::string::npos) << e.what();
  }
}

TEST(WaferNeuronSizeTest, CapacityScalesWithWafersAndSize) {
  const Capacity one = capacity(4, System(1));
  EXPECT_EQ(one.hicanns, 384u);
  EXPECT_EQ(one.neurons, 384u * 118);
  EXPECT_EQ(one.synapses_per_neuron, 896u);
  EXPECT_EQ(one.synapses_of_neurons, 384ull * 118 * 896);
  EXPECT_EQ(one.circuits, 196608u);    // guidebook: "up to 196,608 neurons per wafer"
  EXPECT_EQ(one.synapses, 44040192u);  // guidebook: "approximately 44 million synapses"
  const Capacity five = capacity(4, System(5));
  EXPECT_EQ(five.neurons, 5 * one.neurons);
  EXPECT_EQ(five.synapses, 5 * one.synapses);
  // Bigger neurons: fewer of them, more synapses each, never more synapses than exist.
  for (uint32_t s = 2; s <= 64; s *= 2) {
    const Capacity c = capacity(s, System(3));
    const Capacity bigger = capacity(2 * s <= 64 ? 2 * s : s, System(3));
    EXPECT_LE(bigger.neurons, c.neurons);
    EXPECT_GE(bigger.synapses_per_neuron, c.synapses_per_neuron);
    EXPECT_LE(c.synapses_of_neurons, c.synapses);
  }
}

TEST(WaferNeuronSizeTest, TwentyWafersGiveTheDesignsTotals) {
  const System full;  // default: 20 wafers
  EXPECT_EQ(full.wafers(), 20u);
  const Capacity c = capacity(1, full, SizeRule::kPublished);
  // The design's "about 3.9 M neurons and 0.88 B synapses" count every circuit and synapse.
  EXPECT_EQ(c.circuits, 3932160u);
  EXPECT_EQ(c.synapses, 880803840u);
  // Placeable single-circuit neurons with 59 usable addresses per bus: 472 per chip.
  EXPECT_EQ(c.neurons, 3624960u);
  EXPECT_EQ(c.synapses_of_neurons, 3624960ull * 224);
  EXPECT_EQ(capacity(2).neurons, 20u * 384 * 236);
}

TEST(WaferNeuronSizeTest, SystemHasOneToTwentyWafers) {
  EXPECT_THROW(System(0), Error);
  EXPECT_THROW(System(21), Error);
  EXPECT_THROW(System(-1), Error);
  EXPECT_EQ(System(1).hicanns(), 384u);
  EXPECT_EQ(System(20).wafer_indices().size(), 20u);
  try {
    System bad(21);
    FAIL() << "21 wafers accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("1 to 20 wafers"), std::string::npos) << e.what();
  }
  const System two(2);
  const HicannOnSystem chip = hicann_on_system(two, 400);
  EXPECT_EQ(chip.wafer.value(), 1u);
  EXPECT_EQ(chip.hicann.index(), 16u);
  EXPECT_EQ(global_index(chip), 400u);
  EXPECT_THROW(hicann_on_system(two, 768), Error);
}

}  // namespace
}  // namespace spikewafer::wafer
