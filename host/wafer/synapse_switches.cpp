#include "wafer/synapse_switches.hpp"

#include <optional>
#include <utility>

namespace spikewafer::wafer {
namespace {

constexpr uint32_t kLineGroup = 32;      // vertical lines: the pattern repeats every 32 lines
constexpr uint32_t kLinesPerColumn = 4;  // ... in 8 columns of 4 lines (a = 0..7)
constexpr uint32_t kRowPeriod = 16;      // switch rows: the pattern repeats every 16 rows
constexpr uint32_t kRowsPerStep = 2;     // ... in 8 steps of 2 rows (b = 0..7)
constexpr uint32_t kSteps = 8;

uint32_t column_of(VLineOnHicann line) { return (line.value() % kLineGroup) / kLinesPerColumn; }
uint32_t step_of(SwitchRowLine row) { return (row.value() % kRowPeriod) / kRowsPerStep; }
bool upper(SwitchRowLine row) { return row.value() < kSynapseDriversPerSide; }

// Whether row `row` of side `side` holds a switch for vertical-line column a.
bool pattern(Side side, SwitchRowLine row, uint32_t a) {
  const bool diagonal = (side == Side::kLeft) == upper(row);  // upper-left or lower-right
  const uint32_t b = step_of(row);
  return diagonal ? b == a : kSteps - 1 - b == a;
}

ChipOffset towards(Side side) {
  return side == Side::kLeft ? ChipOffset::kWest : ChipOffset::kEast;
}

std::optional<HicannOnWafer> chip_at(HicannOnWafer chip, ChipOffset offset) {
  switch (offset) {
    case ChipOffset::kSame:
      return chip;
    case ChipOffset::kWest:
      return neighbour(chip, Direction::kWest);
    case ChipOffset::kEast:
      return neighbour(chip, Direction::kEast);
  }
  return std::nullopt;
}

Side other(Side side) { return side == Side::kLeft ? Side::kRight : Side::kLeft; }

}  // namespace

Side driver_side(SynapseDriverOnHicann driver) {
  const bool odd = driver.value() % 2 == 1;
  if (driver.value() < kSynapseDriversPerSide) return odd ? Side::kLeft : Side::kRight;
  return odd ? Side::kRight : Side::kLeft;
}

Half driver_half(SynapseDriverOnHicann driver) {
  return driver.value() < kSynapseDriversPerSide ? Half::kTop : Half::kBottom;
}

bool synapse_switch_exists(VLineOnHicann line, SwitchRowLine row) {
  return pattern(side_of(line), row, column_of(line));
}

std::array<SwitchRowLine, kSynapseSwitchesPerVLine> synapse_switch_rows(VLineOnHicann line) {
  std::vector<SwitchRowLine> rows;
  for (uint32_t y = 0; y < kSynapseDriversPerHicann; ++y) {
    if (synapse_switch_exists(line, SwitchRowLine(y))) rows.emplace_back(y);
  }
  // The pattern gives exactly 28 rows per line; at() would throw if it did not.
  return generate_array<kSynapseSwitchesPerVLine>([&](std::size_t i) { return rows.at(i); });
}

DriverOnChip driver_fed_by(Side side, SwitchRowLine row) {
  const SynapseDriverOnHicann driver(row.value());
  if (driver_side(driver) == side) return {driver, ChipOffset::kSame};
  return {driver, towards(side)};
}

std::array<DriverOnChip, kSynapseSwitchesPerVLine> reachable_drivers(VLineOnHicann line) {
  const auto rows = synapse_switch_rows(line);
  return generate_array<kSynapseSwitchesPerVLine>(
      [&](std::size_t i) { return driver_fed_by(side_of(line), rows[i]); });
}

std::array<VLineOnChip, 2 * kSynapseSwitchesPerRowSide> driver_inputs(
    SynapseDriverOnHicann driver) {
  const Side side = driver_side(driver);
  const SwitchRowLine row(driver.value());
  // Own chip: lines of the driver's side; neighbour: lines of the other side of the chip beyond.
  std::vector<VLineOnChip> inputs;
  for (const auto& [line_side, chip] :
       {std::pair{side, ChipOffset::kSame}, std::pair{other(side), towards(side)}}) {
    const uint32_t base = line_side == Side::kLeft ? 0 : kVLinesPerHalf;
    for (uint32_t v = base; v < base + kVLinesPerHalf; ++v) {
      const VLineOnHicann line(v);
      if (synapse_switch_exists(line, row)) inputs.push_back({line, chip});
    }
  }
  return generate_array<2 * kSynapseSwitchesPerRowSide>(
      [&](std::size_t i) { return inputs.at(i); });
}

std::vector<SynapseDriverOnWafer> reachable_drivers(const VLineOnWafer& line) {
  std::vector<SynapseDriverOnWafer> drivers;
  for (const DriverOnChip& d : reachable_drivers(line.line)) {
    if (auto chip = chip_at(line.hicann, d.chip)) drivers.push_back({*chip, d.driver});
  }
  return drivers;
}

std::vector<VLineOnWafer> driver_inputs(const SynapseDriverOnWafer& driver) {
  std::vector<VLineOnWafer> lines;
  for (const VLineOnChip& v : driver_inputs(driver.driver)) {
    if (auto chip = chip_at(driver.hicann, v.chip)) lines.push_back({*chip, v.line});
  }
  return lines;
}

}  // namespace spikewafer::wafer
