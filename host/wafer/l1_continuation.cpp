#include "wafer/l1_continuation.hpp"

#include <string>

#include "spikewafer/error.hpp"

namespace spikewafer::wafer {
namespace {

// (a + delta) mod n for a small signed delta.
uint32_t wrap(uint32_t a, int32_t delta, uint32_t n) {
  const int64_t r = (int64_t{a} + delta) % int64_t{n};
  return static_cast<uint32_t>(r < 0 ? r + n : r);
}

VLineOnHicann shift_in_half(VLineOnHicann line, int32_t delta) {
  const uint32_t base = side_of(line) == Side::kLeft ? 0 : kVLinesPerHalf;
  return VLineOnHicann(base + wrap(line.value() - base, delta, kVLinesPerHalf));
}

const char* direction_name(Direction d) {
  switch (d) {
    case Direction::kNorth:
      return "north";
    case Direction::kEast:
      return "east";
    case Direction::kSouth:
      return "south";
    case Direction::kWest:
      return "west";
  }
  return "?";
}

constexpr int32_t kShift = static_cast<int32_t>(kL1BorderShift);

}  // namespace

HLineOnHicann hline_east(HLineOnHicann line) {
  return HLineOnHicann(wrap(line.value(), kShift, kHLinesPerHicann));
}
HLineOnHicann hline_west(HLineOnHicann line) {
  return HLineOnHicann(wrap(line.value(), -kShift, kHLinesPerHicann));
}
VLineOnHicann vline_north(VLineOnHicann line) {
  return shift_in_half(line, side_of(line) == Side::kLeft ? kShift : -kShift);
}
VLineOnHicann vline_south(VLineOnHicann line) {
  return shift_in_half(line, side_of(line) == Side::kLeft ? -kShift : kShift);
}

std::optional<HLineOnWafer> continuation(const HLineOnWafer& line, Direction direction) {
  if (direction != Direction::kEast && direction != Direction::kWest) {
    throw input_error(std::string("a horizontal L1 line runs east and west only, not ") +
                      direction_name(direction) + "; turn through a crossbar switch");
  }
  const std::optional<HicannOnWafer> next = neighbour(line.hicann, direction);
  if (!next) return std::nullopt;
  return HLineOnWafer{
      *next, direction == Direction::kEast ? hline_east(line.line) : hline_west(line.line)};
}

std::optional<VLineOnWafer> continuation(const VLineOnWafer& line, Direction direction) {
  if (direction != Direction::kNorth && direction != Direction::kSouth) {
    throw input_error(std::string("a vertical L1 line runs north and south only, not ") +
                      direction_name(direction) + "; turn through a crossbar switch");
  }
  const std::optional<HicannOnWafer> next = neighbour(line.hicann, direction);
  if (!next) return std::nullopt;
  return VLineOnWafer{
      *next, direction == Direction::kNorth ? vline_north(line.line) : vline_south(line.line)};
}

Side repeater_side(HLineOnHicann line) {
  return line.value() % 2 == 0 ? Side::kLeft : Side::kRight;
}

Half repeater_half(VLineOnHicann line) {
  const bool odd = line.value() % 2 == 1;
  if (side_of(line) == Side::kLeft) return odd ? Half::kTop : Half::kBottom;
  return odd ? Half::kBottom : Half::kTop;
}

HLineOnHicann sending_hline(DncMergerOnHicann merger) {
  const uint32_t sending_repeater = kDncMergersPerHicann - 1 - merger.value();
  return HLineOnHicann(kFirstSendingHLine + kSendingHLineStride * sending_repeater);
}

std::optional<DncMergerOnHicann> sending_merger(HLineOnHicann line) {
  if (line.value() % kSendingHLineStride != kFirstSendingHLine) return std::nullopt;
  const uint32_t sending_repeater = line.value() / kSendingHLineStride;
  return DncMergerOnHicann(kDncMergersPerHicann - 1 - sending_repeater);
}

}  // namespace spikewafer::wafer
