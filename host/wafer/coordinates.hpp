// The typed coordinates of the wafer model. Each kind of index is its own type (RangedIndex with
// a tag), numbered as in halco, so that a wrong kind of index does not compile and a wrong number
// throws a clear error. Chips (HicannOnWafer) live in hicann_grid.hpp, because only some grid
// positions hold one.
#pragma once

#include <cstdint>

#include "wafer/constants.hpp"
#include "wafer/ranged_index.hpp"

namespace spikewafer::wafer {

namespace tags {
struct Wafer {
  static constexpr const char* kName = "wafer";
  static constexpr uint32_t kCount = kMaxWafers;
};
struct GridX {
  static constexpr const char* kName = "HICANN grid column";
  static constexpr uint32_t kCount = kGridColumns;
};
struct GridY {
  static constexpr const char* kName = "HICANN grid row";
  static constexpr uint32_t kCount = kGridRows;
};
struct Reticle {
  static constexpr const char* kName = "reticle";
  static constexpr uint32_t kCount = kReticlesPerWafer;
};
struct Fpga {
  static constexpr const char* kName = "FPGA";
  static constexpr uint32_t kCount = kFpgasPerWafer;
};
struct HicannOnReticle {
  static constexpr const char* kName = "HICANN on reticle";
  static constexpr uint32_t kCount = kHicannsPerReticle;
};
struct Denmem {
  static constexpr const char* kName = "denmem (neuron circuit)";
  static constexpr uint32_t kCount = kDenmemsPerHicann;
};
struct NeuronBlock {
  static constexpr const char* kName = "neuron block";
  static constexpr uint32_t kCount = kNeuronBlocksPerHicann;
};
struct HLine {
  static constexpr const char* kName = "horizontal L1 line";
  static constexpr uint32_t kCount = kHLinesPerHicann;
};
struct VLine {
  static constexpr const char* kName = "vertical L1 line";
  static constexpr uint32_t kCount = kVLinesPerHicann;
};
struct SynapseDriver {
  static constexpr const char* kName = "synapse driver";
  static constexpr uint32_t kCount = kSynapseDriversPerHicann;
};
struct SynapseRow {
  static constexpr const char* kName = "synapse row";
  static constexpr uint32_t kCount = kSynapseRowsPerHicann;
};
struct SynapseColumn {
  static constexpr const char* kName = "synapse column";
  static constexpr uint32_t kCount = kSynapseColumns;
};
struct BackgroundGenerator {
  static constexpr const char* kName = "background generator";
  static constexpr uint32_t kCount = kBackgroundGeneratorsPerHicann;
};
struct DncMerger {
  static constexpr const char* kName = "DNC merger";
  static constexpr uint32_t kCount = kDncMergersPerHicann;
};
struct L1Address {
  static constexpr const char* kName = "L1 address";
  static constexpr uint32_t kCount = kL1Addresses;
};
}  // namespace tags

using WaferIndex = RangedIndex<tags::Wafer>;  // 0..19, a wafer module of the system
using GridX = RangedIndex<tags::GridX>;       // 0..35, west to east
using GridY = RangedIndex<tags::GridY>;       // 0..15, north to south
// 0..47, in halco's DNCOnWafer order (row by row over the populated reticle positions).
using ReticleOnWafer = RangedIndex<tags::Reticle>;
using FpgaOnWafer = RangedIndex<tags::Fpga>;  // 0..47, the FPGA numbers of the BSS wafer module
// 0..7 = x + 4 y for the chip at (x, y) of the reticle's 4 x 2 chips (halco HICANNOnDNC).
using HicannOnReticle = RangedIndex<tags::HicannOnReticle>;
// 0..511 = column + 256 row (row 0 upper, 1 lower), as halco's NeuronOnHICANN.
using DenmemOnHicann = RangedIndex<tags::Denmem>;
using NeuronBlockOnHicann = RangedIndex<tags::NeuronBlock>;  // 0..7, columns 32 b .. 32 b + 31
using HLineOnHicann = RangedIndex<tags::HLine>;              // 0..63
using VLineOnHicann = RangedIndex<tags::VLine>;  // 0..255; 0..127 left half, 128..255 right
// 0..223, the driver's line counted from the top; its side follows from the line
// (synapse_switches.hpp: driver_side).
using SynapseDriverOnHicann = RangedIndex<tags::SynapseDriver>;
using SynapseRowOnHicann = RangedIndex<tags::SynapseRow>;  // 0..447 = 2 driver + row on driver
using SynapseColumnOnHicann = RangedIndex<tags::SynapseColumn>;              // 0..255
using BackgroundGeneratorOnHicann = RangedIndex<tags::BackgroundGenerator>;  // 0..7
using DncMergerOnHicann = RangedIndex<tags::DncMerger>;                      // 0..7
using L1Address = RangedIndex<tags::L1Address>;                              // 0..63

enum class Side { kLeft, kRight };  // halves of a chip, west and east
enum class Half { kTop, kBottom };  // halves of a chip, north and south
enum class Direction { kNorth, kEast, kSouth, kWest };

// Denmem (circuit) helpers: column 0..255, row 0 (upper) or 1 (lower), block of the column.
inline uint32_t denmem_column(DenmemOnHicann d) { return d.value() % kDenmemColumns; }
inline uint32_t denmem_row(DenmemOnHicann d) { return d.value() / kDenmemColumns; }
inline NeuronBlockOnHicann neuron_block(DenmemOnHicann d) {
  return NeuronBlockOnHicann(denmem_column(d) / kDenmemColumnsPerBlock);
}

// The background generator on a neuron block's merger [halco: toNeuronBlockOnHICANN].
inline BackgroundGeneratorOnHicann background_generator(NeuronBlockOnHicann block) {
  return BackgroundGeneratorOnHicann(block.value());
}

// Side of a vertical line: 0..127 left, 128..255 right [halco: VLineOnHICANN::toSideHorizontal].
inline Side side_of(VLineOnHicann line) {
  return line.value() < kVLinesPerHalf ? Side::kLeft : Side::kRight;
}

// Synapse rows of a driver: 2 driver + 0 and 2 driver + 1 [halco: SynapseRowOnHICANN].
inline SynapseRowOnHicann synapse_row(SynapseDriverOnHicann driver, uint32_t row_on_driver) {
  if (row_on_driver >= kRowsPerSynapseDriver) {
    throw input_error("row on synapse driver " + std::to_string(row_on_driver) +
                      " is out of range: a driver drives rows 0 and 1");
  }
  return SynapseRowOnHicann(int64_t{driver.value()} * kRowsPerSynapseDriver + row_on_driver);
}

// Upper rows (0..223) feed the upper denmem row, lower rows the lower one.
inline Half half_of(SynapseRowOnHicann row) {
  return row.value() < kSynapseRowsPerHicann / 2 ? Half::kTop : Half::kBottom;
}

}  // namespace spikewafer::wafer
