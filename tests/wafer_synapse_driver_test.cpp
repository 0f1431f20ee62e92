// Synapse drivers, rows and weights: no driver serves two buses, a row serves one bus, receptor
// and address group, no (row, column) holds two synapses, each realised synapse sits in a column
// of its target neuron, chains stay within a quadrant, and quantization stays within half a step.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <tuple>

#include "wafer/mapping.hpp"
#include "wafer/synapse_rows.hpp"
#include "wafer/synapse_switches.hpp"
#include "wafer_mapping_support.hpp"

namespace spikewafer::wafer {
namespace {

MappingResult map_small(uint32_t wafers = 1, uint32_t neuron_size = 0) {
  MappingOptions options;
  options.wafers = wafers;
  options.neuron_size = neuron_size;
  options.keep_places = true;
  Network net = test::two_populations_of_100();
  net.populations.push_back(test::lif_population("c", 600));
  net.projections.push_back(test::fixed_probability("c", "a", 0.2));
  net.projections.push_back(test::fixed_probability("a", "c", 0.05, Receptor::kInhibitory));
  return map_network(net, options);
}

TEST(WaferSynapseDriverTest, NoDriverOrSynapseUsedTwice) {
  // The chosen size (2) and single-circuit neurons, whose rows must come from their own half.
  for (uint32_t size : {0u, 1u}) {
  SCOPED_TRACE("neuron size " + std::to_string(size));
  const MappingResult r = map_small(1, size);
  std::set<std::tuple<uint32_t, uint32_t, uint32_t>> used;  // (chip, row, column)
  ASSERT_EQ(r.places.size(), r.total.requested);
  for (const PlacedSynapse& d : r.places) {
    const SynapsePlace& s = d.place;
    if (s.loss != LossCause::kNone) continue;
    EXPECT_TRUE(used.insert({s.chip, s.row, s.column}).second) << "synapse slot used twice";
    const auto chip = std::find_if(r.target_chips.begin(), r.target_chips.end(),
                                   [&](const ChipUse& c) { return c.chip == s.chip; });
    ASSERT_NE(chip, r.target_chips.end());
    const RowUse& row = chip->rows[s.row];
    // The row listens to the source's bus, decodes its address group, drives its receptor.
    EXPECT_EQ(row.bus, r.bus_of(d.pre));
    EXPECT_EQ(row.address_group, address_group(r.placement.slot_of(d.pre).address));
    const bool inhibitory = d.projection == 1 || d.projection == 3;  // see map_small
    EXPECT_EQ(row.receptor, inhibitory ? Receptor::kInhibitory : Receptor::kExcitatory);
    // The driver of the row is held by that bus.
    const SynapseDriverOnHicann driver(s.row / 2);
    EXPECT_EQ(chip->drivers.owner(driver), row.bus);
    // The column belongs to the target neuron.
    const NeuronSlot& target = r.placement.slot_of(d.post);
    EXPECT_GE(s.column, target.first_column);
    EXPECT_LT(s.column, target.first_column + r.placement.layout.columns_per_neuron);
    EXPECT_EQ(s.chip, r.placement.neurons[d.post].chip);
    if (target.half != SlotHalf::kBoth) {
      EXPECT_EQ(half_of(SynapseRowOnHicann(s.row)),
                target.half == SlotHalf::kTop ? Half::kTop : Half::kBottom);
    }
  }
  EXPECT_GT(used.size(), 1000u);
  }
}

TEST(WaferSynapseDriverTest, ChainsStayInTheirQuadrant) {
  for (uint32_t y = 0; y < kSynapseDriversPerHicann; ++y) {
    const SynapseDriverOnHicann d(y);
    for (SynapseDriverOnHicann n : chain_neighbours(d)) {
      EXPECT_EQ(driver_side(n), driver_side(d));
      EXPECT_EQ(driver_half(n), driver_half(d));
      EXPECT_EQ(std::abs(static_cast<int>(n.value()) - static_cast<int>(y)), 2);
    }
  }
}

TEST(WaferSynapseDriverTest, PoolNeverGivesADriverTwice) {
  DriverPool pool;
  std::set<uint32_t> given;
  for (uint32_t bus = 0; bus < 40; ++bus) {
    for (SynapseDriverOnHicann d : pool.allocate(bus, VLineOnHicann(bus * 6 % 256), 9)) {
      EXPECT_TRUE(given.insert(d.value()).second) << "driver " << d.value() << " given twice";
      EXPECT_EQ(pool.owner(d), bus);
    }
  }
  EXPECT_EQ(pool.used(), given.size());
  EXPECT_LE(given.size(), 224u);
  // Each primary driver is reachable from the line through a switch on this chip.
  DriverPool fresh;
  const auto drivers = fresh.allocate(0, VLineOnHicann(13), 1);
  ASSERT_EQ(drivers.size(), 1u);
  bool reachable = false;
  for (const DriverOnChip& d : reachable_drivers(VLineOnHicann(13)))
    reachable |= d.chip == ChipOffset::kSame && d.driver == drivers[0];
  EXPECT_TRUE(reachable);
}

TEST(WaferSynapseDriverTest, BusesOfEveryGroupFillASideWithoutGaps) {
  // Eight buses, one per switch group of the left side, each asking for 14 drivers: their
  // chains take all 112 drivers of the side, 14 each, none of the right side's.
  for (const uint32_t first_group : {0u, 3u}) {
    DriverPool pool;
    uint32_t total = 0;
    for (uint32_t k = 0; k < 8; ++k) {
      const uint32_t group = (first_group + 5 * k) % 8;
      const VLineOnHicann line(group * 4);  // (v mod 32) / 4 = group, left half
      const auto drivers = pool.allocate(k, line, 14);
      EXPECT_EQ(drivers.size(), 14u) << "bus " << k << " of group " << group;
      for (SynapseDriverOnHicann d : drivers) EXPECT_EQ(driver_side(d), Side::kLeft);
      total += static_cast<uint32_t>(drivers.size());
    }
    EXPECT_EQ(total, kSynapseDriversPerHicann / 2);
  }
}

TEST(WaferSynapseDriverTest, QuantizationWithinHalfAStep) {
  for (double max : {0.004, 1.0, 37.5}) {
    for (int i = 0; i <= 1000; ++i) {
      const double w = max * i / 1000.0;
      const QuantizedWeight q = quantize_weight(w, max);
      EXPECT_LE(q.digital, 15);
      EXPECT_LE(std::fabs(q.realised - w) / max, 1.0 / 30.0 + 1e-12) << w << " of " << max;
    }
    EXPECT_EQ(quantize_weight(max, max).digital, 15);
    EXPECT_DOUBLE_EQ(quantize_weight(max, max).realised, max);
  }
  EXPECT_EQ(quantize_weight(1.0, 0.0).digital, 0);
  const MappingResult r = map_small();
  EXPECT_GT(r.quantization.count(), 0u);
  EXPECT_LE(r.quantization.max_error(), 1.0 / 30.0 + 1e-9);
  EXPECT_GT(r.quantization.mean_error(), 0.0);  // uniform weights do not all fall on levels
  EXPECT_LE(r.quantization.mean_error(), r.quantization.max_error());
}

}  // namespace
}  // namespace spikewafer::wafer
