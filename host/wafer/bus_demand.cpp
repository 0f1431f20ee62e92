#include "wafer/bus_demand.hpp"

#include <algorithm>
#include <array>

#include "network/unit_workers.hpp"
#include "wafer/constants.hpp"
#include "wafer/synapse_rows.hpp"

namespace spikewafer::wafer {
namespace {

// Row keys of a bus on a chip: receptor (2) x address group (4) x pool (2: the half of a
// single-circuit neuron's target, else always 0), as synapse_rows.cpp grants them.
constexpr uint32_t kRowKeys = 16;
constexpr uint32_t kBusesPerChip = 8;

// What one bus asks of one chip: its synapses there and the rows per key.
struct RowDemand {
  uint64_t chip_bus = 0;  // chip << 32 | bus
  uint64_t synapses = 0;
  std::array<uint16_t, kRowKeys> rows{};
};

// One worker's counts for the chip it is on, flushed into `demands` when the chip changes.
class ChipCounter {
 public:
  explicit ChipCounter(uint32_t buses) : synapses_(buses, 0), rows_(uint64_t{buses} * kRowKeys, 0) {}

  void add(uint32_t chip, uint32_t bus, uint32_t key, uint32_t synapses, uint32_t rows) {
    if (chip != chip_) flush();
    chip_ = chip;
    if (synapses_[bus] == 0) touched_.push_back(bus);
    synapses_[bus] += synapses;
    uint16_t& r = rows_[uint64_t{bus} * kRowKeys + key];
    r = static_cast<uint16_t>(std::max<uint32_t>(r, rows));
  }

  void flush() {
    for (uint32_t bus : touched_) {
      RowDemand d;
      d.chip_bus = uint64_t{chip_} << 32 | bus;
      d.synapses = synapses_[bus];
      synapses_[bus] = 0;
      for (uint32_t k = 0; k < kRowKeys; ++k) std::swap(d.rows[k], rows_[uint64_t{bus} * kRowKeys + k]);
      demands.push_back(d);
    }
    touched_.clear();
  }

  std::vector<RowDemand> demands;

 private:
  uint32_t chip_ = 0;
  std::vector<uint32_t> touched_;
  std::vector<uint64_t> synapses_;
  std::vector<uint16_t> rows_;
};

}  // namespace

std::vector<BusDemand> bus_demands(const std::vector<connectors::ProjectionPlan>& plans,
                                   const Network& network, const Placement& placement,
                                   int workers) {
  const uint32_t chips = std::max(placement.wafers_used, 1u) * kHicannsPerWafer;
  const uint32_t columns = placement.layout.columns_per_neuron;
  const bool by_half = placement.layout.slots.front().half != SlotHalf::kBoth;
  std::vector<ChipCounter> counters(workers, ChipCounter(chips * kBusesPerChip));
  std::vector<std::vector<uint64_t>> codes(workers);
  connectors::for_each_share(
      plans, connectors::all_units(plans), workers, true,
      [&](int w, size_t p, uint64_t, const connectors::UnitSynapses& s) {
        // The unit's (target, bus, key) triples, sorted so that equal ones are adjacent.
        const uint64_t inhibitory = network.projections[p].receptor == Receptor::kInhibitory;
        std::vector<uint64_t>& c = codes[w];
        c.clear();
        for (size_t i = 0; i < s.pre.size(); ++i) {
          const NeuronLocation& from = placement.neurons[s.pre[i]];
          const NeuronSlot& slot = placement.layout.slots[from.slot];
          const uint64_t pool = by_half && placement.slot_of(s.post[i]).half == SlotHalf::kBottom;
          const uint64_t key = inhibitory * 8 + address_group(slot.address) * 2 + pool;
          const uint64_t bus = uint64_t{from.chip} * kBusesPerChip + slot.bus;
          c.push_back(uint64_t{s.post[i]} << 20 | bus << 4 | key);
        }
        std::sort(c.begin(), c.end());
        for (size_t i = 0; i < c.size();) {
          size_t j = i + 1;
          while (j < c.size() && c[j] == c[i]) ++j;
          const auto n = static_cast<uint32_t>(j - i);
          const auto post = static_cast<uint32_t>(c[i] >> 20);
          counters[w].add(placement.neurons[post].chip, static_cast<uint32_t>(c[i] >> 4 & 0xffff),
                          static_cast<uint32_t>(c[i] & 15), n, (n + columns - 1) / columns);
          i = j;
        }
      },
      [&](int w) { counters[w].flush(); });

  // One demand per (chip, bus): the most rows per key, the synapses summed.
  std::vector<RowDemand> all;
  for (ChipCounter& counter : counters) {
    all.insert(all.end(), counter.demands.begin(), counter.demands.end());
    counter.demands = {};
  }
  std::sort(all.begin(), all.end(),
            [](const RowDemand& a, const RowDemand& b) { return a.chip_bus < b.chip_bus; });
  std::vector<BusDemand> demands;
  for (size_t i = 0; i < all.size();) {
    RowDemand d = all[i++];
    for (; i < all.size() && all[i].chip_bus == d.chip_bus; ++i) {
      d.synapses += all[i].synapses;
      for (uint32_t k = 0; k < kRowKeys; ++k) d.rows[k] = std::max(d.rows[k], all[i].rows[k]);
    }
    uint32_t rows = 0;
    for (uint16_t r : d.rows) rows += r;
    demands.push_back({static_cast<uint32_t>(d.chip_bus >> 32),
                       static_cast<uint32_t>(d.chip_bus & 0xffffffff), d.synapses,
                       (rows + kRowsPerSynapseDriver - 1) / kRowsPerSynapseDriver});
  }
  return demands;
}

uint64_t estimated_driver_loss(const std::vector<BusDemand>& demands) {
  uint64_t lost = 0;
  for (size_t i = 0; i < demands.size();) {
    uint64_t synapses = 0, drivers = 0;
    const uint32_t chip = demands[i].chip;
    for (; i < demands.size() && demands[i].chip == chip; ++i) {
      synapses += demands[i].synapses;
      drivers += demands[i].drivers;
    }
    if (drivers > kSynapseDriversPerHicann)
      lost += synapses * (drivers - kSynapseDriversPerHicann) / drivers;
  }
  return lost;
}

}  // namespace spikewafer::wafer
