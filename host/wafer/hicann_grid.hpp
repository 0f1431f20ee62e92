// The HICANN chips of one wafer: 384 of the 576 positions of the 36 x 16 grid hold a chip (the
// wafer is round, so the corners are empty). Chips are numbered 0..383 row by row, west to east,
// north to south, as halco's HICANNOnWafer (lookup_tables.cpp, HICANNOnWaferGrid).
//
// Populated columns per grid row [halco HICANNOnWaferGrid]:
//   rows  0, 1 and 14, 15: x 12..23 (12 chips)     rows 4, 5 and 10, 11: x 4..31 (28 chips)
//   rows  2, 3 and 12, 13: x  8..27 (20 chips)     rows 6..9:            x 0..35 (36 chips)
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "wafer/coordinates.hpp"

namespace spikewafer::wafer {

class HicannOnWafer {
 public:
  // By enumeration index 0..383; throws input_error otherwise.
  explicit HicannOnWafer(int64_t index);
  // By grid position; throws input_error for a position outside the grid or in an empty corner.
  HicannOnWafer(GridX x, GridY y);

  uint32_t index() const { return index_; }
  GridX x() const;
  GridY y() const;

  friend bool operator==(HicannOnWafer a, HicannOnWafer b) { return a.index_ == b.index_; }
  friend bool operator!=(HicannOnWafer a, HicannOnWafer b) { return a.index_ != b.index_; }
  friend bool operator<(HicannOnWafer a, HicannOnWafer b) { return a.index_ < b.index_; }

 private:
  uint32_t index_;
};

// First populated column of a grid row and the number of chips in it.
uint32_t row_first_column(GridY y);
uint32_t row_width(GridY y);

// Whether grid position (x, y) holds a chip; false outside the grid too (no throw), so that
// callers can probe positions next to the edge.
bool is_populated(int64_t x, int64_t y);

// The neighbouring chip in a direction, or none at the wafer's edge or a missing corner. North
// is y - 1, east x + 1 [halco: HICANNOnWafer::north/east/has_north/has_east].
std::optional<HicannOnWafer> neighbour(HicannOnWafer chip, Direction direction);

// All 384 chips in enumeration order.
std::vector<HicannOnWafer> all_hicanns();

// The direction that leads back: opposite(kEast) == kWest.
Direction opposite(Direction direction);

}  // namespace spikewafer::wafer
