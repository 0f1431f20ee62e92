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
  bool any_spikes() const { return recorded_bound_ > 0; }

  // Which populations' spikes are recorded, after the populations' tables changed. The buffer
  // only grows, so records not yet copied out are never lost.
  void plan_spikes() {
    std::vector<uint8_t> flags;
    recorded_bound_ = 0;
    for (uint32_t p = 0; p < model_.constants.size(); ++p) {
      flags.push_back(model_.constants[p].record_spikes);
      if (flags.back())
        recorded_bound_ += uint64_t{model_.offsets[p + 1] - model_.offsets[p]} * model_.replicas;
    }
    recorded_.assign(std::move(flags));
    // The host looks at the counter (a wait) only when the steps' bounds since its last look
    // could fill the buffer (see record_spikes).
    const uint64_t capacity = any_spikes() ? spike_record_capacity(recorded_bound_) : 0;
    if (capacity <= capacity_) return;
    flush_spikes();
    capacity_ = capacity;
    index_ = Buffer<uint32_t>(capacity_, 0u);
    step_ = Buffer<uint32_t>(capacity_, 0u);
  }

  // Appends the recorded ones among the step's spikes: one launch, nothing read back. The host
  // does not know how many were appended, only a bound (every recorded neuron once per step);
  // when the bounds since the last look could overflow the buffer, it reads the counter.
  void record_spikes(kernels::StepSpikes spikes, uint64_t step) {
    if (at_most_ + recorded_bound_ > capacity_) make_room();
    const kernels::IsRecorded recorded{population_of_.span(), recorded_.span(), model_.neurons};
    const kernels::AppendRecorded append{spikes.indices, recorded,     static_cast<uint32_t>(step),
                                         index_.span(),  step_.span(), appended_.span()};
    if constexpr (Backend::kOnHost) {
      kernels::TrafficCost::kernel();  // counted as the CUDA backend's launch
      append.serially(Backend::count_without_waiting(spikes));
    } else {
      Backend::for_each_spike(spikes, 1, append);
    }
    at_most_ += recorded_bound_;
  }

  void flush_spikes() {
    if (at_most_ == 0) return;
    copy_out(appended_.to_host(0, 1)[0]);
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
  // Copies out once the buffer is half full (so that the next look is at least two steps away:
  // the capacity is at least four bounds), else only learns how full it is.
  void make_room() {
    const uint64_t appended = appended_.to_host(0, 1)[0];
    if (2 * appended > capacity_) return copy_out(appended);
    at_most_ = appended;
  }

  void copy_out(uint64_t appended) {
    if (appended > 0)
      recorder_.add_spikes(index_.to_host(0, appended), step_.to_host(0, appended));
    appended_.fill(0);
    at_most_ = 0;
  }

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
  uint64_t capacity_ = 0;
  Buffer<uint32_t> index_, step_;  // recorded spikes not yet copied out
  Buffer<uint64_t> appended_;      // how many: a counter in device memory
  uint64_t recorded_bound_ = 0;    // state indices whose spikes are recorded: at most per step
  uint64_t at_most_ = 0;           // a bound of appended, from recorded_bound_ per step
  std::vector<Trace> traces_;
};

}  // namespace spikewafer
