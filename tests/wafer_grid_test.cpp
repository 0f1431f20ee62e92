// The HICANN grid of one wafer: 384 chips on the 36 x 16 grid with halco's row widths and empty
// corners, halco's enumeration order, and neighbours that stop at the edge and the corners.
#include <gtest/gtest.h>

#include <set>

#include "spikewafer/error.hpp"
#include "wafer/hicann_grid.hpp"

namespace spikewafer::wafer {
namespace {

TEST(WaferGridTest, HoldsThreeHundredEightyFourChipsInHalcosRowWidths) {
  // Chips per row, north to south [halco lookup_tables.cpp, HICANNOnWaferGrid].
  const uint32_t widths[kGridRows] = {12, 12, 20, 20, 28, 28, 36, 36,
                                      36, 36, 28, 28, 20, 20, 12, 12};
  uint32_t total = 0;
  for (uint32_t y = 0; y < kGridRows; ++y) {
    EXPECT_EQ(row_width(GridY(y)), widths[y]) << "row " << y;
    EXPECT_EQ(row_first_column(GridY(y)) * 2 + widths[y], kGridColumns) << "row " << y;
    uint32_t populated = 0;
    for (uint32_t x = 0; x < kGridColumns; ++x) populated += is_populated(x, y) ? 1 : 0;
    EXPECT_EQ(populated, widths[y]) << "row " << y;
    total += populated;
  }
  EXPECT_EQ(total, 384u);
  EXPECT_EQ(kHicannsPerWafer, 384u);
  EXPECT_EQ(all_hicanns().size(), 384u);
}

TEST(WaferGridTest, CornersAreEmpty) {
  for (auto [x, y] : {std::pair{0, 0}, std::pair{35, 0}, std::pair{0, 15}, std::pair{35, 15},
                      std::pair{11, 0}, std::pair{24, 1}, std::pair{7, 2}, std::pair{3, 5},
                      std::pair{32, 10}, std::pair{28, 13}, std::pair{11, 15}}) {
    EXPECT_FALSE(is_populated(x, y)) << x << "," << y;
    EXPECT_THROW(HicannOnWafer(GridX(x), GridY(y)), Error) << x << "," << y;
  }
  for (auto [x, y] : {std::pair{12, 0}, std::pair{23, 0}, std::pair{8, 2}, std::pair{4, 4},
                      std::pair{0, 6}, std::pair{35, 9}, std::pair{31, 11}, std::pair{23, 15}}) {
    EXPECT_TRUE(is_populated(x, y)) << x << "," << y;
  }
  EXPECT_FALSE(is_populated(-1, 7));
  EXPECT_FALSE(is_populated(36, 7));
  EXPECT_FALSE(is_populated(18, 16));
}

TEST(WaferGridTest, EnumeratesRowByRowAsHalco) {
  EXPECT_EQ(HicannOnWafer(0).x().value(), 12u);
  EXPECT_EQ(HicannOnWafer(0).y().value(), 0u);
  EXPECT_EQ(HicannOnWafer(11).x().value(), 23u);
  EXPECT_EQ(HicannOnWafer(12).x().value(), 12u);
  EXPECT_EQ(HicannOnWafer(12).y().value(), 1u);
  EXPECT_EQ(HicannOnWafer(383).x().value(), 23u);
  EXPECT_EQ(HicannOnWafer(383).y().value(), 15u);
  // halco test/hicann/v2/HICANN.cpp: HICANN at (12, 12) has enum 324.
  EXPECT_EQ(HicannOnWafer(GridX(12), GridY(12)).index(), 324u);
  // The first chip of the first full row: 24 + 40 + 56 chips come before it.
  EXPECT_EQ(HicannOnWafer(GridX(0), GridY(6)).index(), 120u);
  for (const HicannOnWafer& chip : all_hicanns()) {
    EXPECT_EQ(HicannOnWafer(chip.x(), chip.y()), chip);
  }
}

TEST(WaferGridTest, NeighboursRoundTripAndStopAtTheEdge) {
  uint32_t links = 0;
  for (const HicannOnWafer& chip : all_hicanns()) {
    for (Direction d : {Direction::kNorth, Direction::kEast, Direction::kSouth, Direction::kWest}) {
      const auto next = neighbour(chip, d);
      if (!next) continue;
      ++links;
      ASSERT_TRUE(neighbour(*next, opposite(d)).has_value());
      EXPECT_EQ(*neighbour(*next, opposite(d)), chip);
    }
  }
  // Horizontal links: 384 chips - 16 rows; vertical: chips with a chip south of them.
  uint32_t vertical = 0;
  for (uint32_t y = 0; y + 1 < kGridRows; ++y) {
    for (uint32_t x = 0; x < kGridColumns; ++x)
      vertical += is_populated(x, y) && is_populated(x, y + 1);
  }
  EXPECT_EQ(links, 2 * ((384 - 16) + vertical));

  // Edges and corners.
  const HicannOnWafer first(0);  // (12, 0)
  EXPECT_FALSE(neighbour(first, Direction::kNorth));
  EXPECT_FALSE(neighbour(first, Direction::kWest));
  EXPECT_EQ(neighbour(first, Direction::kEast)->index(), 1u);
  EXPECT_EQ(neighbour(first, Direction::kSouth)->index(), 12u);
  // (8, 2): nothing north of it, (8, 1) is an empty corner position.
  EXPECT_FALSE(neighbour(HicannOnWafer(GridX(8), GridY(2)), Direction::kNorth));
  EXPECT_FALSE(neighbour(HicannOnWafer(GridX(35), GridY(7)), Direction::kEast));
  EXPECT_FALSE(neighbour(HicannOnWafer(GridX(0), GridY(9)), Direction::kSouth));
}

TEST(WaferGridTest, BadChipNumbersAreClearErrors) {
  EXPECT_THROW(HicannOnWafer(384), Error);
  EXPECT_THROW(HicannOnWafer(-1), Error);
  EXPECT_THROW(GridX(36), Error);
  EXPECT_THROW(GridY(16), Error);
  try {
    HicannOnWafer(GridX(0), GridY(0));
    FAIL() << "no error for an empty corner";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInput);
    EXPECT_NE(std::string(e.what()).find("columns 12 to 23"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace spikewafer::wafer
