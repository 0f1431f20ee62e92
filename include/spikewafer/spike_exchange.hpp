// A run split over several processes (MPI ranks; docs/parallel.md): each simulates some ranges
// of the network's neurons and they exchange spikes through a SpikeExchange. The engine
// needs only this interface; host/parallel/ implements it with MPI.
#pragma once

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace spikewafer {

class SpikeExchange {
 public:
  virtual ~SpikeExchange() = default;
  virtual int rank() const = 0;
  virtual int ranks() const = 0;
  // Every rank's values, concatenated in rank order (a collective: every rank calls it).
  virtual std::vector<uint64_t> all_gather(const std::vector<uint64_t>& mine) = 0;
};

// This process's share of a distributed run.
struct Partition {
  using Range = std::pair<uint32_t, uint32_t>;  // global neurons [first, last)
  std::shared_ptr<SpikeExchange> exchange;      // null: one process simulates everything
  std::vector<Range> ranges;                    // ascending, disjoint; empty: every neuron

  bool distributed() const { return exchange != nullptr && exchange->ranks() > 1; }
  bool owns(uint32_t neuron) const;
};

// One contiguous range per process, of about equal size: this rank's share of `neurons`.
Partition balanced_partition(std::shared_ptr<SpikeExchange> exchange, uint32_t neurons);
// Ranges from an owner per neuron (the rank that simulates it): this rank's.
Partition partition_by_owner(std::shared_ptr<SpikeExchange> exchange,
                             const std::vector<int>& owner_of_neuron);

}  // namespace spikewafer
