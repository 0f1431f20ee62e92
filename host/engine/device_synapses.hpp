// The synapses on the device and their delivery: the CSR (row pointers, target-and-delay words,
// weights, release probabilities), the presynaptic dynamics' tables and state, and the launches
// that add a step's spikes into the ring buffer: on one thread, split by target ranges among the
// CPU's threads, or a warp per spike on the GPU (kernels/spike_delivery.hpp).
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "device_weights.hpp"
#include "host_model.hpp"
#include "kernels/buffer.hpp"
#include "kernels/spike_delivery.hpp"
#include "kernels/step_spikes.hpp"
#include "kernels/synapse_packing.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer {

template <class Backend>
class DeviceSynapses {
  template <class T>
  using Buffer = kernels::Buffer<Backend, T>;

 public:
  // Takes the model's connectivity; `threads` is the number of CPU target ranges.
  DeviceSynapses(HostModel& m, int threads)
      : model_(m),
        parts_(static_cast<uint32_t>(std::max(1, threads))),
        row_ptr_host_(m.connectivity.row_ptr),
        row_ptr_(std::move(m.connectivity.row_ptr)),
        target_delay_(std::move(m.connectivity.target_delay)),
        release_(std::move(m.connectivity.release)),
        last_spike_(m.presynaptic_kind.empty() ? 0 : m.state_size(), 0u),
        spike_effects_(m.presynaptic_kind.empty() ? 0 : m.state_size(),
            kernels::SpikeEffect{}),
        stp_u_(m.any_tsodyks_markram ? m.state_size() : 0, 0.0f),
        stp_x_(m.any_tsodyks_markram ? m.state_size() : 0, 1.0f) {
    weights_.store(std::move(m.connectivity.weight));
    upload_presynaptic();
  }

  // The presynaptic state as before any spike.
  void reset() {
    last_spike_.fill(0u);
    stp_u_.fill(0.0f);
    stp_x_.fill(1.0f);
  }

  // The model's presynaptic tables again, after a population changed.
  void upload_presynaptic() {
    presynaptic_kind_.assign(std::vector<uint8_t>(model_.presynaptic_kind));
    log_decay_.assign(std::vector<float>(model_.log_decay));
    tsodyks_markram_.assign(std::vector<kernels::TsodyksMarkramParams>(model_.tsodyks_markram));
  }

  // New weights and delays for the same connections; throws kInput if the connections differ.
  void replace(Connectivity&& c) {
    bool same = c.row_ptr == row_ptr_host_;
    const std::vector<uint32_t> old = same ? target_delay_.to_host() : std::vector<uint32_t>{};
    for (uint64_t k = 0; same && k < old.size(); ++k)
      same = kernels::unpack_target(old[k]) == kernels::unpack_target(c.target_delay[k]);
    if (!same)
      throw input_error(
          "set_projection: the new description draws other connections than the "
          "running simulator has; only weights and delays can change in it");
    target_delay_.assign(std::move(c.target_delay));
    release_.assign(std::move(c.release));
    weights_.store(std::move(c.weight));
  }

  // Adds the step's `spikes` (state indices), emitted at the end of step `step`, into `ring`
  // (whose read_slot is that step's), each weight times its replica's weight_scale; `seeds`
  // (per replica) key the release of stochastic synapses.
  void deliver(kernels::StepSpikes spikes, uint64_t step, const kernels::RingBuffer& ring,
               kernels::DeviceSpan<float> weight_scale, kernels::DeviceSpan<uint64_t> seeds) {
    weights_.visit([&](auto weights) {
      const Launch<decltype(weights)> launch{this, spikes, step, ring, weight_scale, weights, seeds};
      launch.run();
    });
  }

  uint64_t synapses() const { return row_ptr_host_.back(); }
  // Synaptic events of neurons that spiked counts[i] times (i a state index).
  uint64_t synaptic_events(const std::vector<uint32_t>& counts) const {
    uint64_t events = 0;
    for (size_t i = 0; i < counts.size(); ++i) {
      const uint32_t n = static_cast<uint32_t>(i % model_.neurons);
      events += counts[i] * (row_ptr_host_[n + 1] - row_ptr_host_[n]);
    }
    return events;
  }
  uint64_t connectivity_bytes() const {
    return row_ptr_.bytes() + target_delay_.bytes() + weights_.bytes() + release_.bytes();
  }
  uint64_t bytes() const {
    return connectivity_bytes() + presynaptic_kind_.bytes() + log_decay_.bytes() +
           tsodyks_markram_.bytes() + last_spike_.bytes() + spike_effects_.bytes() +
           stp_u_.bytes() + stp_x_.bytes();
  }

 private:
  // One step's delivery with one kind of weights. Serial or not goes by the expected synapse
  // count: below the backend's threshold, plain adds on one thread; else the CPU's split by
  // target ranges, or a launch over the spikes (kDeliveryLanes items each, atomic adds). The
  // GPU's choice needs no count (it is never serial and does not split); the CPU's uses its own.
  template <class Weights>
  struct Launch {
    DeviceSynapses* self;
    kernels::StepSpikes spikes;
    uint64_t step;
    kernels::RingBuffer ring;
    kernels::DeviceSpan<float> weight_scale;
    Weights weights;
    kernels::DeviceSpan<uint64_t> seeds;

    void run() const {
      const uint64_t row = std::max<uint64_t>(1, self->synapses() / self->model_.neurons);
      const uint64_t work = Backend::count_without_waiting(spikes) * row;
      const bool dynamic = !self->model_.presynaptic_kind.empty();
      if (Backend::serial(work)) {
        dynamic ? Backend::for_each_spike(spikes, 1, delivery<false, true>(1), row)
                : Backend::for_each_spike(spikes, 1, delivery<false, false>(1), row);
      } else if constexpr (Backend::kPartitionedDelivery) {
        dynamic ? split<true>(work) : split<false>(work);
      } else if (dynamic) {
        shared_rows(row);
      } else {
        Backend::for_each_spike(spikes, Backend::kDeliveryLanes,
                                delivery<true, false>(Backend::kDeliveryLanes), row);
      }
    }

    // The GPU's delivery with dynamic synapses: each spike's presynaptic state advanced by one
    // thread, then its row shared by kDeliveryLanes threads, as without them.
    void shared_rows(uint64_t row) const {
      const auto d = delivery<true, true>(Backend::kDeliveryLanes);
      const auto effects = self->spike_effects_.span();
      Backend::for_each_spike(
          spikes, 1, kernels::AdvancePresynaptic{spikes.indices, d.pre, self->model_.neurons, effects});
      Backend::for_each_spike(spikes, Backend::kDeliveryLanes,
                              kernels::SharedRowDelivery<Weights>{d, effects}, row);
    }

    // The CPU's delivery on several threads: each takes a range of targets, no atomics.
    template <bool kDynamic>
    void split(uint64_t work) const {
      const uint32_t count = Backend::count_without_waiting(spikes);
      const auto d = delivery<false, kDynamic>(1);
      const auto effects = self->spike_effects_.span();
      if constexpr (kDynamic)
        Backend::for_each_index(count, kernels::AdvancePresynaptic{spikes.indices, d.pre,
                                                                   self->model_.neurons, effects});
      Backend::for_each_index(
          self->parts_,
          kernels::PartitionedDelivery<Weights, kDynamic>{d, effects, count, self->parts_}, work);
    }

    template <bool kAtomic, bool kDynamic>
    kernels::SpikeDelivery<kAtomic, kDynamic, Weights> delivery(uint32_t lanes) const {
      const kernels::Presynaptic pre{
          self->presynaptic_kind_.span(), self->log_decay_.span(), self->tsodyks_markram_.span(),
          self->last_spike_.span(),       self->stp_u_.span(),     self->stp_x_.span(),
          static_cast<uint32_t>(step + 1), self->release_.span(),  seeds};
      return {spikes.indices,
              self->row_ptr_.span(),
              self->target_delay_.span(),
              weights,
              weight_scale,
              ring,
              pre,
              lanes};
    }
  };

  const HostModel& model_;
  uint32_t parts_;
  std::vector<uint64_t> row_ptr_host_;  // out-degrees (synaptic events, delivery's work)
  Buffer<uint64_t> row_ptr_;
  Buffer<uint32_t> target_delay_;
  Buffer<float> release_;  // per synapse, stochastic synapses only (else empty)
  DeviceWeights<Backend> weights_;
  Buffer<uint8_t> presynaptic_kind_;  // non-additive synapses only (all empty otherwise)
  Buffer<float> log_decay_;
  Buffer<kernels::TsodyksMarkramParams> tsodyks_markram_;
  Buffer<uint32_t> last_spike_;
  Buffer<kernels::SpikeEffect> spike_effects_;  // per spike of a step (dynamic synapses)
  Buffer<float> stp_u_, stp_x_;                 // Tsodyks-Markram only
};

}  // namespace spikewafer
