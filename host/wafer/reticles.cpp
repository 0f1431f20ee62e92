#include "wafer/reticles.hpp"

namespace spikewafer::wafer {
namespace {

// First populated column of each reticle row: 3, 5, 7, 9, 9, 7, 5, 3 reticles per row
// [halco lookup_tables.cpp, DNCOnWaferGrid]. Consistent with the chip grid: reticle row r covers
// chip rows 2r and 2r + 1, whose first chip column is 4 times this.
constexpr std::array<uint8_t, kReticleGridRows> kReticleRowFirstColumn = {3, 2, 1, 0, 0, 1, 2, 3};

// FPGA of each reticle, in reticle order [halco lookup_tables.cpp, reticle_fpga_grid_bss, the
// BrainScaleS production wafer modules; the older FACETS-style modules had only 12 FPGAs].
constexpr std::array<uint8_t, kReticlesPerWafer> kFpgaOfReticle = {
    12, 13, 11,                          //
    16, 14, 15, 10, 9,                   //
    20, 17, 19, 7,  6,  8,  3,           //
    22, 21, 23, 18, 5,  4,  0,  2,  1,   //
    25, 26, 24, 28, 43, 42, 47, 45, 46,  //
    27, 29, 30, 41, 40, 38, 44,          //
    31, 32, 39, 37, 36,                  //
    33, 34, 35};

struct ReticleTables {
  std::array<uint8_t, kReticlesPerWafer> x{};
  std::array<uint8_t, kReticlesPerWafer> y{};
  std::array<std::array<int8_t, kReticleGridColumns>, kReticleGridRows> index_at{};
  std::array<uint8_t, kFpgasPerWafer> reticle_of_fpga{};
};

ReticleTables make_tables() {
  ReticleTables t;
  uint32_t next = 0;
  for (uint32_t y = 0; y < kReticleGridRows; ++y) {
    const uint32_t first = kReticleRowFirstColumn[y];
    for (uint32_t x = 0; x < kReticleGridColumns; ++x) {
      const bool populated = x >= first && x < kReticleGridColumns - first;
      t.index_at[y][x] = populated ? static_cast<int8_t>(next) : int8_t{-1};
      if (populated) {
        t.x[next] = static_cast<uint8_t>(x);
        t.y[next] = static_cast<uint8_t>(y);
        ++next;
      }
    }
  }
  for (uint32_t r = 0; r < kReticlesPerWafer; ++r) {
    t.reticle_of_fpga[kFpgaOfReticle[r]] = static_cast<uint8_t>(r);
  }
  return t;
}

const ReticleTables& tables() {
  static const ReticleTables t = make_tables();
  return t;
}

}  // namespace

uint32_t reticle_x(ReticleOnWafer reticle) { return tables().x[reticle.value()]; }
uint32_t reticle_y(ReticleOnWafer reticle) { return tables().y[reticle.value()]; }

ReticleOnWafer reticle_of(HicannOnWafer chip) {
  const uint32_t rx = chip.x().value() / kHicannsPerReticleX;
  const uint32_t ry = chip.y().value() / kHicannsPerReticleY;
  // Every chip lies in a populated reticle (the chip grid is made of whole reticles).
  return ReticleOnWafer(tables().index_at[ry][rx]);
}

HicannOnReticle position_on_reticle(HicannOnWafer chip) {
  const uint32_t px = chip.x().value() % kHicannsPerReticleX;
  const uint32_t py = chip.y().value() % kHicannsPerReticleY;
  return HicannOnReticle(px + kHicannsPerReticleX * py);
}

HicannOnWafer hicann_at(ReticleOnWafer reticle, HicannOnReticle position) {
  const uint32_t px = position.value() % kHicannsPerReticleX;
  const uint32_t py = position.value() / kHicannsPerReticleX;
  return HicannOnWafer(GridX(reticle_x(reticle) * kHicannsPerReticleX + px),
                       GridY(reticle_y(reticle) * kHicannsPerReticleY + py));
}

std::array<HicannOnWafer, kHicannsPerReticle> hicanns_of(ReticleOnWafer reticle) {
  return generate_array<kHicannsPerReticle>(
      [&](std::size_t p) { return hicann_at(reticle, HicannOnReticle(p)); });
}

FpgaOnWafer fpga_of(ReticleOnWafer reticle) { return FpgaOnWafer(kFpgaOfReticle[reticle.value()]); }
FpgaOnWafer fpga_of(HicannOnWafer chip) { return fpga_of(reticle_of(chip)); }
ReticleOnWafer reticle_of(FpgaOnWafer fpga) {
  return ReticleOnWafer(tables().reticle_of_fpga[fpga.value()]);
}

}  // namespace spikewafer::wafer
