// Reticles and FPGAs. A reticle is the 4 x 2 block of chips exposed together; the chip at grid
// (x, y) lies in reticle column x / 4, row y / 2 [halco: HICANNOnWafer::toDNCOnWafer]. The 48
// populated reticle positions of the 9 x 8 reticle grid are numbered row by row as halco's
// DNCOnWafer (lookup_tables.cpp, DNCOnWaferGrid). Each reticle talks to the host and to other
// wafers (L2) through one FPGA; the FPGA numbers of a reticle are those of the BrainScaleS
// production wafer module [halco: reticle_fpga_grid_bss].
#pragma once

#include <array>
#include <cstdint>

#include "wafer/coordinates.hpp"
#include "wafer/hicann_grid.hpp"

namespace spikewafer::wafer {

// Position of a reticle on the 9 x 8 reticle grid.
uint32_t reticle_x(ReticleOnWafer reticle);
uint32_t reticle_y(ReticleOnWafer reticle);

ReticleOnWafer reticle_of(HicannOnWafer chip);
HicannOnReticle position_on_reticle(HicannOnWafer chip);
// The chip at a position of a reticle; every position of every reticle holds one.
HicannOnWafer hicann_at(ReticleOnWafer reticle, HicannOnReticle position);
// The 8 chips of a reticle, in HicannOnReticle order.
std::array<HicannOnWafer, kHicannsPerReticle> hicanns_of(ReticleOnWafer reticle);

FpgaOnWafer fpga_of(ReticleOnWafer reticle);
FpgaOnWafer fpga_of(HicannOnWafer chip);
ReticleOnWafer reticle_of(FpgaOnWafer fpga);

}  // namespace spikewafer::wafer
