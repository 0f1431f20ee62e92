#include "wafer/crossbar.hpp"

namespace spikewafer::wafer {
namespace {

// Lines of one half come in 4 groups of 32; the switch pattern repeats in each group.
constexpr uint32_t kGroup = 32;

}  // namespace

std::array<VLineOnHicann, kCrossbarSwitchesPerHLine> crossbar_vlines(HLineOnHicann line) {
  const uint32_t left = kGroup - 1 - line.value() / 2;
  const uint32_t right = kVLinesPerHalf + line.value() / 2;
  return generate_array<kCrossbarSwitchesPerHLine>([&](std::size_t k) {
    const uint32_t group = static_cast<uint32_t>(k % 4);
    return VLineOnHicann((k < 4 ? left : right) + group * kGroup);
  });
}

std::array<HLineOnHicann, kCrossbarSwitchesPerVLine> crossbar_hlines(VLineOnHicann line) {
  const uint32_t in_group = line.value() % kGroup;
  const uint32_t pair = side_of(line) == Side::kLeft ? kGroup - 1 - in_group : in_group;
  return {HLineOnHicann(2 * pair), HLineOnHicann(2 * pair + 1)};
}

bool crossbar_switch_exists(HLineOnHicann hline, VLineOnHicann vline) {
  for (HLineOnHicann h : crossbar_hlines(vline)) {
    if (h == hline) return true;
  }
  return false;
}

}  // namespace spikewafer::wafer
