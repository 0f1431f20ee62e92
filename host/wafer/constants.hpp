// Every hardware figure of the BrainScaleS-1 system that the wafer model uses, each with its
// source. docs/wafer.md discusses the sources, where they disagree, and which figure we chose.
//
// Short names of the sources:
//   [halco]     electronicvisions/halco, include/halco/hicann/v2/*.h and src/halco/hicann/v2/*.cpp
//               (the coordinate library of the BrainScaleS-1 software; commit 065e894)
//   [marocco]   electronicvisions/marocco, marocco/placement/NeuronPlacement.cpp and
//               marocco/coordinates/LogicalNeuron.cpp (the mapping tool)
//   [guidebook] electronicvisions/hbp-sp9-guidebook, pm/pm_hardware_configuration.rst
//               ("About the BrainScaleS hardware")
//   [jeltsch]   S. Jeltsch's thesis, as quoted in [marocco] NeuronPlacement.cpp
#pragma once

#include <cstdint>

namespace spikewafer::wafer {

// --- system and wafer ---------------------------------------------------------------------------
// 20 wafer modules in the full system [guidebook: "consists of 20 neuromorphic wafer modules"].
constexpr uint32_t kMaxWafers = 20;
// 384 HICANN chips per wafer [halco: HICANNOnWafer enum size 384; guidebook: "384
// interconnectable HICANNs"] on a grid of 36 columns x 16 rows [halco: XRanged<35>, YRanged<15>].
constexpr uint32_t kHicannsPerWafer = 384;
constexpr uint32_t kGridColumns = 36;
constexpr uint32_t kGridRows = 16;
// 48 reticles (halco: DNCOnWafer, enum size 48) of 4 x 2 chips [halco: HICANNOnDNC XRanged<3>,
// YRanged<1>; HICANNOnWafer::toDNCOnWafer divides x by 4 and y by 2], on a 9 x 8 reticle grid.
constexpr uint32_t kReticlesPerWafer = 48;
constexpr uint32_t kReticleGridColumns = 9;
constexpr uint32_t kReticleGridRows = 8;
constexpr uint32_t kHicannsPerReticleX = 4;
constexpr uint32_t kHicannsPerReticleY = 2;
constexpr uint32_t kHicannsPerReticle = kHicannsPerReticleX * kHicannsPerReticleY;
// One FPGA per reticle, 48 per wafer [halco: FPGAOnWafer 0..47, reticle_fpga_grid_bss;
// guidebook: "48 FPGA communication modules", "each ... connected to ... 8 HICANNs"].
constexpr uint32_t kFpgasPerWafer = 48;

// --- neurons
// -------------------------------------------------------------------------------------- 512
// dendritic membrane circuits ("denmems") per chip: 256 columns x 2 rows [halco: NeuronOnHICANN
// XRanged<255>, YRanged<1>; guidebook: "up to 512 neurons"].
constexpr uint32_t kDenmemColumns = 256;
constexpr uint32_t kDenmemRows = 2;
constexpr uint32_t kDenmemsPerHicann = kDenmemColumns * kDenmemRows;
// 8 neuron blocks of 32 columns x 2 rows = 64 circuits, each with its own priority encoder
// [halco: NeuronBlockOnHICANN 0..7, NeuronOnNeuronBlock XRanged<31>, YRanged<1>].
constexpr uint32_t kNeuronBlocksPerHicann = 8;
constexpr uint32_t kDenmemColumnsPerBlock = 32;
constexpr uint32_t kDenmemsPerBlock = kDenmemColumnsPerBlock * kDenmemRows;
// A neuron joins 1 to 64 circuits; the toolchain requires an even number that fits one block
// [marocco: check_neuron_size, "multiple-of-two neuron size, must fit on neuron block"].
constexpr uint32_t kMaxDenmemsPerNeuron = kDenmemsPerBlock;

// --- synapses
// ------------------------------------------------------------------------------------- 224 synapse
// drivers per chip, 112 on each side [halco: SynapseDriverOnHICANN, enum 112 * 2], each driving 2
// synapse rows [halco: RowOnSynapseDriver 0..1; SynapseRowOnHICANN 0..447] of 256 synapses [halco:
// SynapseColumnOnHICANN = the 256 denmem columns]. The upper 224 rows feed the upper denmem row,
// the lower 224 the lower one [halco: SynapseOnHICANN::toNeuronOnHICANN].
constexpr uint32_t kSynapseDriversPerHicann = 224;
constexpr uint32_t kSynapseDriversPerSide = kSynapseDriversPerHicann / 2;
constexpr uint32_t kRowsPerSynapseDriver = 2;
constexpr uint32_t kSynapseRowsPerHicann = kSynapseDriversPerHicann * kRowsPerSynapseDriver;
constexpr uint32_t kSynapseColumns = kDenmemColumns;
constexpr uint32_t kSynapsesPerHicann = kSynapseRowsPerHicann * kSynapseColumns;  // 114,688
// Synapses that reach one denmem: the rows of its half (upper or lower) of the array.
constexpr uint32_t kSynapsesPerDenmem = kSynapseRowsPerHicann / kDenmemRows;  // 224
// 4-bit weights w in [0, 15], scaled per row by gmax_div in [2, 30] and one of 4 analog
// V_gmax values per quadrant [guidebook: "Synaptic Weights"].
constexpr uint32_t kWeightBits = 4;
constexpr uint32_t kMaxDigitalWeight = (1u << kWeightBits) - 1;
constexpr uint32_t kGmaxValuesPerQuadrant = 4;

// --- layer-1 (L1) network
// ------------------------------------------------------------------------- 64 horizontal and 256
// vertical L1 lines per chip [halco: HLineOnHICANN 0..63, VLineOnHICANN 0..255; the vertical lines
// split into a left (0..127) and a right (128..255) half].
constexpr uint32_t kHLinesPerHicann = 64;
constexpr uint32_t kVLinesPerHicann = 256;
constexpr uint32_t kVLinesPerHalf = kVLinesPerHicann / 2;
// Line numbers shift by 2 at every chip border [halco: HLineOnHICANN::east/west,
// VLineOnHICANN::north/south; see l1_continuation.hpp].
constexpr uint32_t kL1BorderShift = 2;
// Crossbar: each horizontal line reaches 4 vertical lines in each half (8 in all), each vertical
// line is reached from 2 horizontal lines [halco: HLineOnHICANN::toVLineOnHICANN,
// VLineOnHICANN::toHLineOnHICANN, CrossbarSwitchOnHICANN per_row 8, per_column 2].
constexpr uint32_t kCrossbarSwitchesPerHLine = 8;
constexpr uint32_t kCrossbarSwitchesPerVLine = 2;
constexpr uint32_t kCrossbarSwitchesPerHicann = kHLinesPerHicann * kCrossbarSwitchesPerHLine;
// Synapse-driver switches: each vertical line has 28 switches (14 into the upper, 14 into the
// lower switch rows); each switch row (one per driver line and side) has 16 switches
// [halco: SynapseSwitchOnHICANN per_column 28, per_side 16; VLineOnHICANN::switches_per_side 14].
constexpr uint32_t kSynapseSwitchesPerVLine = 28;
constexpr uint32_t kSynapseSwitchesPerRowSide = 16;
constexpr uint32_t kSynapseSwitchesPerHicann = kVLinesPerHicann * kSynapseSwitchesPerVLine;
// 6-bit L1 addresses, 64 per bus, of which 59 are usable: address 0 serves repeater locking and 4
// more implement disabled synapses [jeltsch, quoted in marocco NeuronPlacement.cpp].
constexpr uint32_t kL1AddressBits = 6;
constexpr uint32_t kL1Addresses = 1u << kL1AddressBits;
constexpr uint32_t kUsableL1AddressesPerBus = 59;
// Repeater blocks: 6 per chip (upper/lower left and right for vertical lines, centre left and
// right for horizontal lines) [halco: RepeaterBlockOnHICANN XRanged<1>, YRanged<2>].
constexpr uint32_t kRepeaterBlocksPerHicann = 6;
// 8 sending repeaters inject the chip's own events on horizontal lines 6, 14, ..., 62
// [halco: HRepeaterOnHICANN::spl1].
constexpr uint32_t kSendingRepeatersPerHicann = 8;
constexpr uint32_t kFirstSendingHLine = 6;
constexpr uint32_t kSendingHLineStride = 8;

// --- merger tree and background generators ------------------------------------------------------
// 8 background generators, one per neuron block [halco: BackgroundGeneratorOnHICANN 0..7,
// toNeuronBlockOnHICANN]; mergers 8/4/2/1 on levels 0..3 and 8 DNC mergers [halco:
// Merger0..3OnHICANN, DNCMergerOnHICANN; marocco: MergerTreeGraph.cpp].
constexpr uint32_t kBackgroundGeneratorsPerHicann = 8;
constexpr uint32_t kDncMergersPerHicann = 8;

}  // namespace spikewafer::wafer
