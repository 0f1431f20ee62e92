#include "wafer/hicann_grid.hpp"

#include <array>
#include <string>

#include "spikewafer/error.hpp"

namespace spikewafer::wafer {
namespace {

// First populated column of each grid row; a row holds kGridColumns - 2 first chips, centred
// [halco lookup_tables.cpp, HICANNOnWaferGrid].
constexpr std::array<uint8_t, kGridRows> kRowFirstColumn = {12, 12, 8, 8, 4, 4, 0,  0,
                                                            0,  0,  4, 4, 8, 8, 12, 12};

struct GridTables {
  std::array<std::array<int16_t, kGridColumns>, kGridRows> index_at{};  // -1: no chip
  std::array<uint8_t, kHicannsPerWafer> x{};
  std::array<uint8_t, kHicannsPerWafer> y{};
};

GridTables make_tables() {
  GridTables t;
  uint32_t next = 0;
  for (uint32_t y = 0; y < kGridRows; ++y) {
    const uint32_t first = kRowFirstColumn[y];
    for (uint32_t x = 0; x < kGridColumns; ++x) {
      const bool populated = x >= first && x < kGridColumns - first;
      t.index_at[y][x] = populated ? static_cast<int16_t>(next) : int16_t{-1};
      if (populated) {
        t.x[next] = static_cast<uint8_t>(x);
        t.y[next] = static_cast<uint8_t>(y);
        ++next;
      }
    }
  }
  return t;
}

const GridTables& tables() {
  static const GridTables t = make_tables();
  return t;
}

}  // namespace

HicannOnWafer::HicannOnWafer(int64_t index) {
  if (index < 0 || index >= static_cast<int64_t>(kHicannsPerWafer)) {
    throw input_error("HICANN " + std::to_string(index) + " is out of range: a wafer holds " +
                      std::to_string(kHicannsPerWafer) + " chips, numbered 0 to " +
                      std::to_string(kHicannsPerWafer - 1));
  }
  index_ = static_cast<uint32_t>(index);
}

HicannOnWafer::HicannOnWafer(GridX x, GridY y) {
  const int16_t index = tables().index_at[y.value()][x.value()];
  if (index < 0) {
    throw input_error("no HICANN at grid position (x " + std::to_string(x.value()) + ", y " +
                      std::to_string(y.value()) + "): row " + std::to_string(y.value()) +
                      " holds chips in columns " + std::to_string(row_first_column(y)) + " to " +
                      std::to_string(row_first_column(y) + row_width(y) - 1));
  }
  index_ = static_cast<uint32_t>(index);
}

GridX HicannOnWafer::x() const { return GridX(tables().x[index_]); }
GridY HicannOnWafer::y() const { return GridY(tables().y[index_]); }

uint32_t row_first_column(GridY y) { return kRowFirstColumn[y.value()]; }
uint32_t row_width(GridY y) { return kGridColumns - 2 * kRowFirstColumn[y.value()]; }

bool is_populated(int64_t x, int64_t y) {
  if (x < 0 || y < 0 || x >= kGridColumns || y >= kGridRows) return false;
  return tables().index_at[y][x] >= 0;
}

std::optional<HicannOnWafer> neighbour(HicannOnWafer chip, Direction direction) {
  int64_t x = chip.x().value();
  int64_t y = chip.y().value();
  switch (direction) {
    case Direction::kNorth:
      --y;
      break;
    case Direction::kEast:
      ++x;
      break;
    case Direction::kSouth:
      ++y;
      break;
    case Direction::kWest:
      --x;
      break;
  }
  if (!is_populated(x, y)) return std::nullopt;
  return HicannOnWafer(GridX(x), GridY(y));
}

std::vector<HicannOnWafer> all_hicanns() {
  std::vector<HicannOnWafer> chips;
  chips.reserve(kHicannsPerWafer);
  for (uint32_t i = 0; i < kHicannsPerWafer; ++i) chips.emplace_back(i);
  return chips;
}

Direction opposite(Direction direction) {
  switch (direction) {
    case Direction::kNorth:
      return Direction::kSouth;
    case Direction::kEast:
      return Direction::kWest;
    case Direction::kSouth:
      return Direction::kNorth;
    case Direction::kWest:
      return Direction::kEast;
  }
  return direction;
}

}  // namespace spikewafer::wafer
