#include "wafer/synapse_rows.hpp"

#include <algorithm>

namespace spikewafer::wafer {
namespace {

constexpr uint32_t kAddressGroups = kL1Addresses / 16;

// (receptor, address group) as one index 0..7: the rows of a bus are granted per key.
uint32_t row_key(const ChipSynapse& s) {
  return (s.inhibitory() ? kAddressGroups : 0) + s.address_group();
}

// The synapses of one target under one key: consecutive in the chip's sorted synapses (by bus,
// key, target and source), so a run of indices.
struct TargetRun {
  size_t first = 0;
  uint32_t size = 0;
};

void lose_all(const IncomingBus& bus, LossCause cause, std::vector<SynapsePlace>& places) {
  for (size_t s = bus.begin; s < bus.end; ++s) places[s].loss = cause;
}

}  // namespace

void realise_on_chip(const std::vector<IncomingBus>& buses,
                     const std::vector<ChipSynapse>& synapses, const Placement& placement,
                     ChipUse& chip, std::vector<SynapsePlace>& places,
                     QuantizationStats& quantization) {
  const uint32_t columns = placement.layout.columns_per_neuron;
  const bool by_half = placement.layout.slots.front().half != SlotHalf::kBoth;
  std::vector<size_t> realised_here;
  for (const IncomingBus& bus : buses) {
    if (!bus.entry) {
      lose_all(bus, LossCause::kNoRoute, places);
      continue;
    }
    // Rows each (receptor, group) needs: the most synapses onto one target, over s/2 columns.
    // (Buffers kept per thread: chips are realised in parallel, buses by the thousand.)
    thread_local std::array<std::vector<TargetRun>, 2 * kAddressGroups> keys;
    for (auto& runs : keys) runs.clear();
    for (size_t s = bus.begin; s < bus.end; ++s) {
      auto& runs = keys[row_key(synapses[s])];
      if (runs.empty() || synapses[runs.back().first].post() != synapses[s].post())
        runs.push_back({s, 0});
      ++runs.back().size;
    }
    // Rows come from one pool, or for single-circuit neurons from the half of their target.
    const auto pool_of = [&](const TargetRun& target) -> uint32_t {
      return placement.slot_of(synapses[target.first].post()).half == SlotHalf::kBottom;
    };
    std::array<std::array<uint32_t, 2>, 2 * kAddressGroups> rows_needed{};
    uint32_t rows_wanted = 0;
    for (uint32_t k = 0; k < keys.size(); ++k) {
      for (const TargetRun& t : keys[k]) {
        uint32_t& needed = rows_needed[k][pool_of(t)];
        needed = std::max<uint32_t>(needed, (t.size + columns - 1) / columns);
      }
      rows_wanted += rows_needed[k][0] + rows_needed[k][1];
    }
    const auto drivers = chip.drivers.allocate(bus.bus, *bus.entry, (rows_wanted + 1) / 2);
    if (drivers.empty()) {
      lose_all(bus, LossCause::kNoDriver, places);
      continue;
    }
    // Grant rows round robin over the keys until each has what it needs or none are left.
    std::array<std::vector<SynapseRowOnHicann>, 2> free_rows;
    for (SynapseDriverOnHicann d : drivers)
      for (uint32_t r = 0; r < kRowsPerSynapseDriver; ++r) {
        const SynapseRowOnHicann row = synapse_row(d, r);
        free_rows[by_half && half_of(row) == Half::kBottom].push_back(row);
      }
    std::array<std::array<std::vector<SynapseRowOnHicann>, 2>, 2 * kAddressGroups> granted;
    std::array<size_t, 2> next_row{0, 0};
    for (bool progress = true; progress;) {
      progress = false;
      for (uint32_t k = 0; k < keys.size(); ++k)
        for (uint32_t h = 0; h < 2; ++h)
          if (granted[k][h].size() < rows_needed[k][h] && next_row[h] < free_rows[h].size()) {
            granted[k][h].push_back(free_rows[h][next_row[h]++]);
            progress = true;
          }
    }
    for (uint32_t k = 0; k < keys.size(); ++k) {
      for (const auto& pool : granted[k])
        for (SynapseRowOnHicann row : pool) {
          RowUse& use = chip.rows[row.value()];
          use.bus = bus.bus;
          use.receptor = k >= kAddressGroups ? Receptor::kInhibitory : Receptor::kExcitatory;
          use.address_group = static_cast<uint8_t>(k % kAddressGroups);
        }
      for (const TargetRun& target : keys[k]) {
        const std::vector<SynapseRowOnHicann>& rows = granted[k][pool_of(target)];
        const NeuronSlot& slot = placement.slot_of(synapses[target.first].post());
        for (size_t i = 0; i < target.size; ++i) {
          SynapsePlace& place = places[target.first + i];
          if (i >= rows.size() * columns) {
            place.loss = LossCause::kNoAddress;
            continue;
          }
          place.row = static_cast<uint16_t>(rows[i / columns].value());
          place.column = static_cast<uint8_t>(slot.first_column + i % columns);
          RowUse& use = chip.rows[place.row];
          use.maximum = std::max(use.maximum, synapses[target.first + i].weight);
          realised_here.push_back(target.first + i);
        }
      }
    }
  }
  // Quantize once every row's maximum is known.
  for (size_t s : realised_here) {
    SynapsePlace& place = places[s];
    const double maximum = chip.rows[place.row].maximum;
    const double weight = synapses[s].weight;
    const QuantizedWeight q = quantize_weight(weight, maximum);
    place.digital = q.digital;
    place.realised = static_cast<float>(q.realised);
    quantization.add(weight, q, maximum);
  }
}

}  // namespace spikewafer::wafer
