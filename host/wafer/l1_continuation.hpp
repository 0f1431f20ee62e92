// How L1 lines continue across chip borders. A line of one chip is joined to a line of the
// neighbouring chip through a repeater at the border, and the line number shifts by 2 at each
// border [halco l1.h: HLineOnHICANN::east/west, VLineOnHICANN::north/south]:
//   horizontal: line h continues as (h + 2) mod 64 on the east neighbour, (h - 2) mod 64 west;
//   vertical, left half (0..127):   v continues as (v + 2) mod 128 on the north neighbour,
//                                   (v - 2) mod 128 south;
//   vertical, right half (128..255): the shift is the other way round, 128 + (v - 128 - 2) mod 128
//                                   north and 128 + (v - 128 + 2) mod 128 south.
// So a signal travelling east along a row of chips climbs two line numbers per chip and comes
// back to its number after 32 chips; lines never change half. At the edge of the wafer or at a
// missing corner chip a line ends.
//
// Each line has one repeater on its own chip [halco: HLineOnHICANN::toHRepeaterOnHICANN,
// VLineOnHICANN::toVRepeaterOnHICANN]: horizontal lines with even numbers at the left (west)
// border, odd ones at the right; vertical lines of the left half at the top when odd, at the
// bottom when even, and of the right half the other way round.
#pragma once

#include <optional>

#include "wafer/coordinates.hpp"
#include "wafer/hicann_grid.hpp"

namespace spikewafer::wafer {

// Line numbers on the neighbouring chip (no check that the neighbour exists).
HLineOnHicann hline_east(HLineOnHicann line);
HLineOnHicann hline_west(HLineOnHicann line);
VLineOnHicann vline_north(VLineOnHicann line);
VLineOnHicann vline_south(VLineOnHicann line);

// A line of a particular chip of the wafer.
struct HLineOnWafer {
  HicannOnWafer hicann;
  HLineOnHicann line;
};
struct VLineOnWafer {
  HicannOnWafer hicann;
  VLineOnHicann line;
};
inline bool operator==(const HLineOnWafer& a, const HLineOnWafer& b) {
  return a.hicann == b.hicann && a.line == b.line;
}
inline bool operator==(const VLineOnWafer& a, const VLineOnWafer& b) {
  return a.hicann == b.hicann && a.line == b.line;
}

// The line this one continues on in a direction: east or west for horizontal lines, north or
// south for vertical ones; none at the edge of the wafer or a missing chip. Asking a horizontal
// line for north or south (or a vertical one for east or west) throws input_error: lines only
// run straight; turning needs a crossbar switch (crossbar.hpp).
std::optional<HLineOnWafer> continuation(const HLineOnWafer& line, Direction direction);
std::optional<VLineOnWafer> continuation(const VLineOnWafer& line, Direction direction);

// Where a line's own repeater sits: kLeft/kRight for horizontal lines, kTop/kBottom for vertical.
Side repeater_side(HLineOnHicann line);
Half repeater_half(VLineOnHicann line);

// The horizontal line a DNC merger's sending repeater drives: DNC merger m feeds sending repeater
// 7 - m, which drives line 6 + 8 (7 - m) [halco: DNCMergerOnHICANN::toSendingRepeaterOnHICANN,
// HRepeaterOnHICANN::spl1].
HLineOnHicann sending_hline(DncMergerOnHicann merger);
// The merger whose events a horizontal line carries from its chip, if it is a sending line.
std::optional<DncMergerOnHicann> sending_merger(HLineOnHicann line);

}  // namespace spikewafer::wafer
