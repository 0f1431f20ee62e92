// Host-side store of what a run recorded, filled by the engine in batches, and turned into a
// RunResult with labelled, sorted records. Backend-independent.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "host_model.hpp"
#include "spikewafer/results.hpp"

namespace spikewafer {

// A population rate (Hz per neuron) from a spike count in one bin.
float rate_of(uint32_t spikes, double bin_ms, uint32_t neurons);

class Recorder {
 public:
  explicit Recorder(const HostModel& model);

  void add_spikes(const std::vector<uint32_t>& state_index, const std::vector<uint32_t>& step);
  // `rows` holds whole samples of trace group `group`, one value per entry of the group.
  void add_samples(size_t group, const std::vector<float>& rows);
  // Recording changed mid-run: keeps the traces so far as finished records, then takes the new
  // groups (set_groups) with empty samples.
  void seal();
  void set_groups(const std::vector<TraceGroup>& groups);
  void clear();

  // Records up to `steps` steps of simulation, sorted and labelled.
  RunResult assemble(uint64_t steps) const;

 private:
  std::vector<SpikeRecord> spike_records() const;
  std::vector<RateRecord> rate_records(uint64_t steps) const;
  std::vector<TraceRecord> trace_records() const;

  const HostModel& model_;
  std::vector<std::pair<uint32_t, uint32_t>> spikes_;  // (step, state index)
  std::vector<TraceGroup> groups_;                     // the trace groups being filled
  std::vector<std::vector<float>> samples_;            // per trace group, row-major
  std::vector<TraceRecord> sealed_;                    // traces of groups before a change
};

}  // namespace spikewafer
