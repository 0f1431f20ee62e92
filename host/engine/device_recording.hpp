// What the engine records, held on the device until it is copied out: the spikes of recorded
// populations (appended every step to one buffer, copied out when it nears capacity) and the
// samples of the trace groups (gathered when due into a block of rows per group, copied out
// when the block is full). Both go to the Recorder, which labels and sorts them. One template
// for every backend, like the engine.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "host_model.hpp"
#include "kernels/buffer.hpp"
#include "kernels/collectives.hpp"
#include "kernels/trace_gather.hpp"
#include "recorder.hpp"

namespace spikewafer {

template <class Backend>
class DeviceRecording {
  template <class T>
  using Buffer = kernels::Buffer<Backend, T>;

 public:
  explicit DeviceRecording(const HostModel& m)
      : model_(m),
        recorder_(m),
        population_of_(std::vector<uint8_t>(m.population_of)),
        appended_(1, uint64_t{0}) {}

  Recorder& recorder() { return recorder_; }
  bool any_spikes() const { return any_spikes_; }

  // Which populations' spikes are recorded, after the populations' tables changed. The buffer
  // only grows, so records not yet copied out are never lost.
  void plan_spikes() {
    std::vector<uint8_t> flags;
    for (const auto& c : model_.constants) flags.push_back(c.record_spikes);
    any_spikes_ = std::any_of(flags.begin(), flags.end(), [](uint8_t f) { return f != 0; });
    recorded_.assign(std::move(flags));
    const uint64_t capacity =
        any_spikes_ ? std::max<uint64_t>(1u << 20, 2 * model_.state_size()) : 0;
    if (capacity <= capacity_) return;
    flush_spikes();
    capacity_ = capacity;
    index_ = Buffer<uint32_t>(capacity_, 0u);
    step_ = Buffer<uint32_t>(capacity_, 0u);
  }

  // Appends the recorded ones among the `count` spikes (state indices) of `step`: one launch,
  // nothing read back. The buffer is copied out first if the step's spikes might not fit.
  void record_spikes(kernels::DeviceSpan<uint32_t> spikes, uint32_t count, uint64_t step) {
    if (at_most_ + count > capacity_) flush_spikes();
    const kernels::IsRecorded recorded{population_of_.span(), recorded_.span(), model_.neurons};
    const kernels::AppendRecorded append{spikes,        recorded,      static_cast<uint32_t>(step),
                                         index_.span(), step_.span(), appended_.span()};
    if constexpr (Backend::kOnHost) {
      kernels::TrafficCost::kernel();  // counted as the CUDA backend's launch
      append.serially(count);
    } else {
      Backend::for_each_index(count, append);
    }
    at_most_ += count;
  }

  void flush_spikes() {
    if (at_most_ == 0) return;
    const uint64_t appended = appended_.to_host(0, 1)[0];
    if (appended > 0)
      recorder_.add_spikes(index_.to_host(0, appended), step_.to_host(0, appended));
    appended_.fill(0);
    at_most_ = 0;
  }

  // Device buffers for the model's trace groups, with no samples yet.
  void plan_traces() {
    traces_.clear();
    for (const TraceGroup& g : model_.trace_groups) {
      const uint64_t rows =
          std::max<uint64_t>(1, (4u << 20) / std::max<size_t>(1, g.state_index.size()));
      traces_.push_back({Buffer<uint32_t>(std::vector<uint32_t>(g.state_index)),
                         Buffer<uint8_t>(std::vector<uint8_t>(g.variable)),
                         Buffer<float>(rows * g.state_index.size(), 0.0f), rows, 0});
    }
    recorder_.set_groups(model_.trace_groups);
  }

  // Recording changed mid-run: the samples so far become finished traces, and the model's new
  // groups start empty (the caller samples them at once).
  void restart_traces() {
    flush_traces();
    recorder_.seal();
    plan_traces();
  }

  // Samples every trace group whose interval divides `step` (counted from its start).
  void sample(uint64_t step, const kernels::TracedVariables& variables) {
    for (size_t g = 0; g < traces_.size(); ++g) {
      const TraceGroup& group = model_.trace_groups[g];
      if (step < group.start_step || (step - group.start_step) % group.interval_steps != 0)
        continue;
      Trace& t = traces_[g];
      const kernels::TraceGather gather{t.index.span(), t.variable.span(), variables,
                                        t.samples.span(), t.filled * group.state_index.size()};
      Backend::for_each_index(group.state_index.size(), gather);
      if (++t.filled == t.rows) flush_group(g);
    }
  }

  void flush_traces() {
    for (size_t g = 0; g < traces_.size(); ++g) flush_group(g);
  }

  // Back to t = 0: nothing recorded, nothing pending.
  void clear() {
    if (at_most_ > 0) appended_.fill(0);
    at_most_ = 0;
    recorder_.clear();
    for (Trace& t : traces_) t.filled = 0;
  }

  uint64_t bytes() const {
    uint64_t b = population_of_.bytes() + index_.bytes() + step_.bytes();
    for (const Trace& t : traces_) b += t.samples.bytes();
    return b;
  }

 private:
  // One trace group on the device: which state indices and variables, and a block of samples.
  struct Trace {
    Buffer<uint32_t> index;
    Buffer<uint8_t> variable;
    Buffer<float> samples;
    uint64_t rows = 0, filled = 0;
  };

  void flush_group(size_t g) {
    Trace& t = traces_[g];
    if (t.filled == 0) return;
    recorder_.add_samples(g,
                          t.samples.to_host(0, t.filled * model_.trace_groups[g].state_index.size()));
    t.filled = 0;
  }

  const HostModel& model_;
  Recorder recorder_;
  Buffer<uint8_t> population_of_;
  Buffer<uint8_t> recorded_;  // per population: spikes recorded
  bool any_spikes_ = false;
  uint64_t capacity_ = 0;
  Buffer<uint32_t> index_, step_;  // recorded spikes not yet copied out
  Buffer<uint64_t> appended_;      // how many: a counter in device memory
  uint64_t at_most_ = 0;           // the step's spikes since the last copy: a bound of appended
  std::vector<Trace> traces_;
};

}  // namespace spikewafer
