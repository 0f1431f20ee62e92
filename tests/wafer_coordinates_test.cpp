// Typed coordinates: distinct kinds do not convert into each other, numbers out of range throw a
// clear error, and the per-chip counts and helpers agree with the published figures.
#include <gtest/gtest.h>

#include <type_traits>

#include "spikewafer/error.hpp"
#include "wafer/coordinates.hpp"
#include "wafer/hicann_grid.hpp"
#include "wafer/merger_tree.hpp"

namespace spikewafer::wafer {
namespace {

// A wrong kind of index does not compile.
static_assert(!std::is_convertible_v<VLineOnHicann, HLineOnHicann>);
static_assert(!std::is_constructible_v<HLineOnHicann, VLineOnHicann>);
static_assert(!std::is_constructible_v<ReticleOnWafer, FpgaOnWafer>);
static_assert(!std::is_constructible_v<HicannOnWafer, ReticleOnWafer>);
static_assert(!std::is_constructible_v<HicannOnWafer, GridY, GridX>);  // x and y swapped
static_assert(!std::is_convertible_v<int, HLineOnHicann>);             // explicit only
static_assert(!std::is_convertible_v<int, HicannOnWafer>);
static_assert(!std::is_convertible_v<HLineOnHicann, uint32_t>);

TEST(WaferCoordinatesTest, OutOfRangeNumbersThrowNamingTheKind) {
  EXPECT_NO_THROW(HLineOnHicann(63));
  EXPECT_NO_THROW(VLineOnHicann(255));
  EXPECT_THROW(HLineOnHicann(64), Error);
  EXPECT_THROW(VLineOnHicann(256), Error);
  EXPECT_THROW(VLineOnHicann(-1), Error);
  EXPECT_THROW(SynapseDriverOnHicann(224), Error);
  EXPECT_THROW(NeuronBlockOnHicann(8), Error);
  EXPECT_THROW(DenmemOnHicann(512), Error);
  EXPECT_THROW(WaferIndex(20), Error);
  EXPECT_THROW(L1Address(64), Error);
  EXPECT_THROW(synapse_row(SynapseDriverOnHicann(0), 2), Error);
  try {
    VLineOnHicann bad(300);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInput);
    EXPECT_EQ(std::string(e.what()), "vertical L1 line 300 is out of range: valid are 0 to 255");
  }
}

TEST(WaferCoordinatesTest, PerChipCountsAsPublished) {
  EXPECT_EQ(kDenmemsPerHicann, 512u);
  EXPECT_EQ(kNeuronBlocksPerHicann * kDenmemsPerBlock, 512u);
  EXPECT_EQ(kSynapseDriversPerHicann, 224u);
  EXPECT_EQ(kSynapseRowsPerHicann, 448u);
  EXPECT_EQ(kSynapsesPerHicann, 114688u);
  EXPECT_EQ(kDenmemsPerHicann * kSynapsesPerDenmem, kSynapsesPerHicann);
  EXPECT_EQ(kL1Addresses, 64u);
  EXPECT_EQ(kUsableL1AddressesPerBus, 59u);
  EXPECT_EQ(kMaxDigitalWeight, 15u);
  EXPECT_EQ(kReticlesPerWafer * kHicannsPerReticle, kHicannsPerWafer);
}

TEST(WaferCoordinatesTest, CircuitsBlocksAndSynapseRows) {
  EXPECT_EQ(neuron_block(DenmemOnHicann(31)).value(), 0u);
  EXPECT_EQ(neuron_block(DenmemOnHicann(32)).value(), 1u);
  EXPECT_EQ(neuron_block(DenmemOnHicann(256 + 255)).value(), 7u);
  EXPECT_EQ(denmem_row(DenmemOnHicann(300)), 1u);
  EXPECT_EQ(denmem_column(DenmemOnHicann(300)), 44u);
  EXPECT_EQ(synapse_row(SynapseDriverOnHicann(111), 1).value(), 223u);
  EXPECT_EQ(half_of(synapse_row(SynapseDriverOnHicann(111), 1)), Half::kTop);
  EXPECT_EQ(half_of(synapse_row(SynapseDriverOnHicann(112), 0)), Half::kBottom);
  EXPECT_EQ(background_generator(NeuronBlockOnHicann(5)).value(), 5u);
}

TEST(WaferCoordinatesTest, MergerTreeJoinsBlocksTowardsTheDncMergers) {
  EXPECT_EQ(blocks_below(MergerNode(0, 3)).size(), 1u);
  EXPECT_EQ(blocks_below(MergerNode(3, 0)).size(), 8u);
  EXPECT_EQ(blocks_below(MergerNode(2, 1)).front().value(), 4u);
  EXPECT_EQ(merger_inputs(MergerNode(1, 2))[1], MergerNode(0, 5));
  EXPECT_THROW(merger_inputs(MergerNode(0, 0)), Error);
  EXPECT_THROW(MergerNode(1, 4), Error);
  EXPECT_THROW(MergerNode(4, 0), Error);
  // DNC merger 3 sees all blocks (one bus for size 8), DNC merger 5 blocks 4..7 [marocco].
  EXPECT_EQ(dnc_merger_source(DncMergerOnHicann(3)), MergerNode(3, 0));
  EXPECT_EQ(blocks_below(dnc_merger_source(DncMergerOnHicann(5))).size(), 4u);
  // Every block can reach its "own" DNC merger through the tree.
  for (uint32_t m = 0; m < kDncMergersPerHicann; ++m) {
    bool reaches_own = false;
    for (auto b : blocks_below(dnc_merger_source(DncMergerOnHicann(m))))
      reaches_own |= b.value() == m;
    EXPECT_TRUE(reaches_own) << m;
  }
}

}  // namespace
}  // namespace spikewafer::wafer
