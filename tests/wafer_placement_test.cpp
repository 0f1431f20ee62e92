// Placement: deterministic for a seed, contiguous along the serpentine, connected populations
// next to each other, no chip over its neuron capacity, one usable L1 address per neuron of a
// bus, and the too-large network refused with what it needs.
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "spikewafer/error.hpp"
#include "wafer/mapping.hpp"
#include "wafer_mapping_support.hpp"

namespace spikewafer::wafer {
namespace {

using test::fixed_probability;
using test::lif_population;

Network chain_of_populations() {
  // a - c - b - d coupled in a chain, listed out of chain order.
  Network net;
  net.populations = {lif_population("a", 300), lif_population("b", 300),
                     lif_population("c", 300), lif_population("d", 300)};
  net.projections = {fixed_probability("a", "c", 0.05), fixed_probability("c", "b", 0.05),
                     fixed_probability("b", "d", 0.05)};
  return net;
}

Placement place(const Network& net, uint32_t size, uint64_t seed, uint32_t wafers = 1) {
  const DrawnNetwork drawn = draw_synapses(net);
  return place_network(net, drawn, size, System(wafers), seed);
}

TEST(WaferPlacementTest, SerpentineStaysLocal) {
  const auto order = serpentine_order();
  ASSERT_EQ(order.size(), 384u);
  std::set<uint32_t> seen;
  for (size_t i = 0; i < order.size(); ++i) {
    seen.insert(order[i].index());
    if (i == 0) continue;
    const int dx = static_cast<int>(order[i].x().value()) - static_cast<int>(order[i - 1].x().value());
    const int dy = static_cast<int>(order[i].y().value()) - static_cast<int>(order[i - 1].y().value());
    // Within a row the next chip is the neighbour; at a row change the next row starts below
    // (or up to 4 columns beside, where the round wafer's rows change width).
    if (dy == 0) {
      EXPECT_EQ(std::abs(dx), 1) << "step " << i;
    } else {
      EXPECT_EQ(dy, 1) << "step " << i;
      EXPECT_LE(std::abs(dx), 4) << "step " << i;
    }
  }
  EXPECT_EQ(seen.size(), 384u);
}

TEST(WaferPlacementTest, DeterministicForASeed) {
  const Network net = chain_of_populations();
  const Placement a = place(net, 2, 11), b = place(net, 2, 11);
  ASSERT_EQ(a.neurons.size(), b.neurons.size());
  for (size_t n = 0; n < a.neurons.size(); ++n) {
    EXPECT_EQ(a.neurons[n].chip, b.neurons[n].chip);
    EXPECT_EQ(a.neurons[n].slot, b.neurons[n].slot);
  }
  EXPECT_EQ(a.population_order, b.population_order);
}

TEST(WaferPlacementTest, ConnectedPopulationsSitNextToEachOther) {
  const Placement p = place(chain_of_populations(), 2, 1);
  // The chain a - c - b - d is laid down in chain order, although the file lists a, b, c, d.
  EXPECT_EQ(p.population_order, (std::vector<uint32_t>{0, 2, 1, 3}));
  // Populations are contiguous: 1200 neurons at 236 per chip fill 6 consecutive chips.
  EXPECT_EQ(p.hicanns_used, 6u);
  EXPECT_EQ(p.wafers_used, 1u);
}

TEST(WaferPlacementTest, NoChipOverCapacityAndAddressesUniquePerBus) {
  for (uint32_t size : {2u, 4u, 6u, 8u, 10u, 64u}) {
    const Placement p = place(chain_of_populations(), size, 3);
    const uint32_t per_chip = neurons_per_chip(size);
    std::set<std::tuple<uint32_t, uint32_t, uint32_t>> addresses;  // (chip, bus, address)
    std::set<std::pair<uint32_t, uint32_t>> columns;                // (chip, column)
    for (uint32_t n = 0; n < p.neurons.size(); ++n) {
      const NeuronSlot& slot = p.slot_of(n);
      EXPECT_TRUE(is_usable_l1_address(L1Address(slot.address)));
      EXPECT_TRUE(addresses.insert({p.neurons[n].chip, slot.bus, slot.address}).second)
          << "address used twice on a bus, size " << size;
      for (uint32_t c = 0; c < p.layout.columns_per_neuron; ++c)
        EXPECT_TRUE(columns.insert({p.neurons[n].chip, slot.first_column + c}).second);
      EXPECT_EQ(slot.block, (slot.first_column) / 32) << "neuron inside its block";
    }
    for (uint32_t count : p.neurons_on_chip) EXPECT_LE(count, per_chip) << "size " << size;
  }
}

TEST(WaferPlacementTest, ALimitPerChipSpreadsTheNetworkOnItsFirstSlots) {
  const Network net = chain_of_populations();  // 1,200 neurons
  const DrawnNetwork drawn = draw_synapses(net);
  const Placement p = place_network(net, drawn, 2, System(1), 3, 100);
  EXPECT_EQ(p.neurons_per_chip, 100u);
  EXPECT_EQ(p.hicanns_used, 12u);
  for (uint32_t count : p.neurons_on_chip) EXPECT_LE(count, 100u);
  for (uint32_t n = 0; n < p.neurons.size(); ++n) EXPECT_LT(p.neurons[n].slot, 100u);
  // Above the size's slots a limit changes nothing.
  EXPECT_EQ(place_network(net, drawn, 2, System(1), 3, 400).neurons_per_chip, 236u);
  // A limit the wafers cannot hold is refused, naming the option.
  try {
    place_network(net, drawn, 2, System(1), 3, 3);
    FAIL() << "1,200 neurons at 3 per chip fit one wafer";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("--neurons-per-chip"), std::string::npos) << e.what();
  }
}

TEST(WaferPlacementTest, FiftyNineUsableAddresses) {
  const auto& usable = usable_l1_addresses();
  EXPECT_EQ(usable.size(), 59u);
  for (uint32_t a : {0u, 1u, 17u, 33u, 49u}) EXPECT_FALSE(is_usable_l1_address(L1Address(a)));
  EXPECT_TRUE(is_usable_l1_address(L1Address(2)));
  EXPECT_TRUE(is_usable_l1_address(L1Address(63)));
}

TEST(WaferPlacementTest, NeuronSizeChosenFromInDegree) {
  Network net;
  net.populations = {lif_population("src", 1000), lif_population("dst", 10)};
  net.projections = {test::all_to_all("src", "dst")};  // in-degree 1000
  const DrawnNetwork drawn = draw_synapses(net);
  EXPECT_EQ(drawn.max_in_degree, 1000u);
  EXPECT_EQ(choose_neuron_size(drawn, System(1)), 6u);  // 224 x 6 = 1344 >= 1000
  EXPECT_EQ(choose_neuron_size(draw_synapses(test::two_populations_of_100()), System(1)), 2u);
}

TEST(WaferPlacementTest, SingleCircuitNeuronsWhenSizeTwoIsFull) {
  // One wafer holds 90,624 neurons of 2 circuits and 181,248 of one (472 per chip).
  Network net;
  net.populations = {lif_population("a", 100000)};
  const DrawnNetwork drawn = draw_synapses(net);
  EXPECT_EQ(choose_neuron_size(drawn, System(1)), 1u);
  const Placement p = place_network(net, drawn, 1, System(1), 0);
  EXPECT_EQ(p.layout.slots.size(), 472u);
  EXPECT_EQ(p.hicanns_used, (100000 + 471) / 472);
  // Two neurons per denmem column, one in each half, each slot once.
  std::set<std::pair<uint32_t, SlotHalf>> seen;
  for (const NeuronSlot& slot : p.layout.slots) {
    EXPECT_NE(slot.half, SlotHalf::kBoth);
    EXPECT_TRUE(seen.insert({slot.first_column, slot.half}).second);
  }
  net.populations[0].size = 200000;  // more than 181,248: refused, naming both sizes
  try {
    place_network(net, draw_synapses(net), 1, System(1), 0);
    FAIL() << "200,000 neurons were placed on one wafer";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("472 neurons per HICANN"), std::string::npos) << e.what();
  }
}

TEST(WaferPlacementTest, TooLargeNetworkSaysWhatItNeeds) {
  Network net;
  net.source = "big.toml";
  net.populations = {lif_population("huge", 100000)};
  try {
    place(net, 2, 1, 1);
    FAIL() << "a network larger than one wafer was placed";
  } catch (const Error& e) {
    const std::string m = e.what();
    EXPECT_EQ(e.kind(), ErrorKind::kInput);
    EXPECT_NE(m.find("big.toml"), std::string::npos) << m;
    EXPECT_NE(m.find("100000 neurons"), std::string::npos) << m;
    EXPECT_NE(m.find("424 HICANNs on 2 wafers"), std::string::npos) << m;  // 100000 / 236
    EXPECT_NE(m.find("--wafers 2"), std::string::npos) << m;
  }
  EXPECT_NO_THROW(place(net, 2, 1, 2));
}

}  // namespace
}  // namespace spikewafer::wafer
