// Reticles and FPGAs: 48 reticles of 8 chips partition the wafer, the reticle grid follows
// halco's DNCOnWafer, and each reticle has its own FPGA as in halco's reticle_fpga_grid_bss.
#include <gtest/gtest.h>

#include <set>

#include "spikewafer/error.hpp"
#include "wafer/reticles.hpp"

namespace spikewafer::wafer {
namespace {

TEST(WaferReticleTest, FortyEightReticlesOfEightChipsPartitionTheWafer) {
  std::set<uint32_t> seen;
  for (uint32_t r = 0; r < kReticlesPerWafer; ++r) {
    const ReticleOnWafer reticle(r);
    const auto chips = hicanns_of(reticle);
    ASSERT_EQ(chips.size(), 8u);
    for (uint32_t p = 0; p < chips.size(); ++p) {
      EXPECT_TRUE(seen.insert(chips[p].index()).second) << "chip in two reticles";
      EXPECT_EQ(reticle_of(chips[p]), reticle);
      EXPECT_EQ(position_on_reticle(chips[p]).value(), p);
      // A reticle is 4 x 2 chips.
      EXPECT_EQ(chips[p].x().value() / 4, reticle_x(reticle));
      EXPECT_EQ(chips[p].y().value() / 2, reticle_y(reticle));
    }
  }
  EXPECT_EQ(seen.size(), 384u);
}

TEST(WaferReticleTest, ReticleGridAsHalco) {
  // Reticles per reticle row [halco DNCOnWaferGrid]: 3, 5, 7, 9, 9, 7, 5, 3.
  const uint32_t widths[kReticleGridRows] = {3, 5, 7, 9, 9, 7, 5, 3};
  uint32_t per_row[kReticleGridRows] = {};
  for (uint32_t r = 0; r < kReticlesPerWafer; ++r) ++per_row[reticle_y(ReticleOnWafer(r))];
  for (uint32_t y = 0; y < kReticleGridRows; ++y) EXPECT_EQ(per_row[y], widths[y]) << y;
  EXPECT_EQ(reticle_x(ReticleOnWafer(0)), 3u);
  EXPECT_EQ(reticle_x(ReticleOnWafer(15)), 0u);  // first of the first full row
  EXPECT_EQ(reticle_y(ReticleOnWafer(15)), 3u);
  EXPECT_EQ(reticle_of(HicannOnWafer(0)).value(), 0u);
  EXPECT_EQ(reticle_of(HicannOnWafer(383)).value(), 47u);
}

TEST(WaferReticleTest, OneFpgaPerReticleAsTheProductionWafer) {
  std::set<uint32_t> fpgas;
  for (uint32_t r = 0; r < kReticlesPerWafer; ++r) {
    const FpgaOnWafer fpga = fpga_of(ReticleOnWafer(r));
    EXPECT_TRUE(fpgas.insert(fpga.value()).second) << "FPGA " << fpga.value() << " twice";
    EXPECT_EQ(reticle_of(fpga).value(), r);
  }
  EXPECT_EQ(fpgas.size(), 48u);
  // Hand-checked entries of halco's reticle_fpga_grid_bss.
  EXPECT_EQ(fpga_of(ReticleOnWafer(0)).value(), 12u);
  EXPECT_EQ(fpga_of(ReticleOnWafer(21)).value(), 0u);
  EXPECT_EQ(fpga_of(ReticleOnWafer(30)).value(), 47u);
  EXPECT_EQ(fpga_of(ReticleOnWafer(47)).value(), 35u);
  EXPECT_EQ(fpga_of(HicannOnWafer(0)).value(), 12u);
  EXPECT_EQ(fpga_of(HicannOnWafer(GridX(12), GridY(12))).value(), 32u);  // reticle (3, 6) = 41
}

TEST(WaferReticleTest, OutOfRangeReticlesAndFpgasThrow) {
  EXPECT_THROW(ReticleOnWafer(48), Error);
  EXPECT_THROW(FpgaOnWafer(48), Error);
  EXPECT_THROW(HicannOnReticle(8), Error);
}

}  // namespace
}  // namespace spikewafer::wafer
