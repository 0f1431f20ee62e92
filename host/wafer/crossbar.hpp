// The crossbar of a chip: sparse switches between its 64 horizontal and 256 vertical L1 lines.
// Horizontal line h reaches, in the left half, vertical lines 31 - h/2 + 32 k, and in the right
// half 128 + h/2 + 32 k (k = 0..3): 8 lines in all, one in each group of 32. Vertical line v is
// reached from horizontal lines 2 c and 2 c + 1, with c = 31 - v mod 32 (left half) or
// c = v mod 32 (right half) [halco l1.cpp: HLineOnHICANN::toVLineOnHICANN,
// VLineOnHICANN::toHLineOnHICANN, CrossbarSwitchOnHICANN::exists]. A switch joins the two lines
// in both directions, so routing may cross it either way.
#pragma once

#include <array>

#include "wafer/constants.hpp"
#include "wafer/coordinates.hpp"

namespace spikewafer::wafer {

// Vertical lines a horizontal line reaches: 4 in the left half, then 4 in the right, ascending.
std::array<VLineOnHicann, kCrossbarSwitchesPerHLine> crossbar_vlines(HLineOnHicann line);
// Horizontal lines that reach a vertical line, ascending.
std::array<HLineOnHicann, kCrossbarSwitchesPerVLine> crossbar_hlines(VLineOnHicann line);
// Whether the crossbar has a switch between the two lines.
bool crossbar_switch_exists(HLineOnHicann hline, VLineOnHicann vline);

}  // namespace spikewafer::wafer
