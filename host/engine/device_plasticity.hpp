// The plastic projections on the device (network/plastic_synapses.hpp): per projection its rows
// and columns, a weight per synapse and replica, and the two traces; per step the two STDP
// launches of kernels/stdp.hpp. A template over the backend, like the engine.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "host_model.hpp"
#include "kernels/buffer.hpp"
#include "kernels/stdp.hpp"
#include "kernels/step_spikes.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer {

template <class Backend>
class DevicePlasticity {
  template <class T>
  using Buffer = kernels::Buffer<Backend, T>;

  struct OnDevice {
    PlasticProjection host;  // the rows' layout and the initial weights (for reset)
    Buffer<uint64_t> row_ptr, col_ptr;
    Buffer<uint32_t> target_delay, col_synapse, col_source;
    Buffer<float> weight, pre_trace, post_trace;

    OnDevice(const PlasticProjection& p, uint32_t replicas)
        : host(p),
          row_ptr(std::vector<uint64_t>(p.row_ptr)),
          col_ptr(std::vector<uint64_t>(p.col_ptr)),
          target_delay(std::vector<uint32_t>(p.target_delay)),
          col_synapse(std::vector<uint32_t>(p.col_synapse)),
          col_source(std::vector<uint32_t>(p.col_source)),
          weight(replicated(p.weight, replicas)),
          pre_trace(uint64_t{p.source_size} * replicas, 0.0f),
          post_trace(uint64_t{p.target_size} * replicas, 0.0f) {}

    uint64_t bytes() const {
      return row_ptr.bytes() + col_ptr.bytes() + col_synapse.bytes() + target_delay.bytes() +
             col_source.bytes() + weight.bytes() + pre_trace.bytes() + post_trace.bytes();
    }
  };

 public:
  explicit DevicePlasticity(const HostModel& m) : model_(m) {
    for (const PlasticProjection& p : m.plastic)
      projections_.push_back(std::make_unique<OnDevice>(p, m.replicas));
  }

  bool empty() const { return projections_.empty(); }

  // The initial weights in every replica, no spikes in the traces.
  void reset() {
    for (auto& d : projections_) {
      d->weight.assign(replicated(d->host.weight, model_.replicas));
      d->pre_trace.fill(0.0f);
      d->post_trace.fill(0.0f);
    }
  }

  // One step: the traces decay, then the step's `spikes` (state indices): depression and
  // delivery into `ring` (whose read_slot is the step's), then potentiation. Called every step,
  // with or without spikes (a GPU launches without knowing their count).
  void step(kernels::StepSpikes spikes, const kernels::RingBuffer& ring,
            kernels::DeviceSpan<float> weight_scale) {
    for (auto& d : projections_) {
      Backend::for_each_index(d->pre_trace.size(), kernels::StdpDecay{d->pre_trace.span(), d->host.decay_plus});
      Backend::for_each_index(d->post_trace.size(), kernels::StdpDecay{d->post_trace.span(), d->host.decay_minus});
      const kernels::StdpProjection p = view(*d);
      // Serial or parallel goes by the synapses a launch may walk (its spikes times the mean
      // row or column length), as for the static delivery; parallel adds into the ring are atomic.
      const PlasticProjection& h = d->host;
      const uint64_t row = std::max<uint64_t>(1, h.synapses() / std::max(1u, h.source_size));
      const uint64_t column = std::max<uint64_t>(1, h.synapses() / std::max(1u, h.target_size));
      const kernels::DeviceSpan<uint32_t> list = spikes.indices;
      if (Backend::serial(Backend::count_without_waiting(spikes) * row))
        Backend::for_each_spike(spikes, 1, kernels::StdpPresynaptic<false>{
                                               list, p, d->row_ptr.span(), d->target_delay.span(),
                                               weight_scale, ring}, row);
      else
        Backend::for_each_spike(spikes, 1, kernels::StdpPresynaptic<true>{
                                               list, p, d->row_ptr.span(), d->target_delay.span(),
                                               weight_scale, ring}, row);
      Backend::for_each_spike(spikes, 1,
                              kernels::StdpPostsynaptic{list, p, d->col_ptr.span(),
                                                        d->col_synapse.span(), d->col_source.span()},
                              column);
    }
  }

  // Projection `projection`'s weights in replica r, in the order its connector draws them.
  std::vector<float> weights(uint32_t projection, uint32_t r) const {
    const OnDevice& d = find(projection);
    const uint64_t n = d.host.synapses();
    const std::vector<float> rows = d.weight.to_host(r * n, n);
    const std::vector<uint64_t>& order = d.host.draw_order;
    std::vector<float> drawn(n);
    for (uint64_t c = 0; c < n; ++c) drawn[order.empty() ? c : order[c]] = rows[d.host.col_synapse[c]];
    return drawn;
  }

  // New initial weights and delays for a plastic projection with the same connections, in every
  // replica from now on (the traces are kept).
  void replace(PlasticProjection&& p) {
    OnDevice& d = find(p.projection);
    if (p.row_ptr != d.host.row_ptr || p.col_source != d.host.col_source)
      throw input_error(
          "set_projection: the new description draws other connections than the running "
          "simulator has; only weights and delays can change in it");
    d.target_delay.assign(std::vector<uint32_t>(p.target_delay));
    d.weight.assign(replicated(p.weight, model_.replicas));
    d.host = std::move(p);
  }

  uint64_t synapses() const {
    uint64_t n = 0;
    for (const auto& d : projections_) n += d->host.synapses();
    return n;
  }
  // Synaptic events of neurons that spiked counts[i] times (i a state index).
  uint64_t synaptic_events(const std::vector<uint32_t>& counts) const {
    uint64_t events = 0;
    for (const auto& d : projections_)
      for (uint32_t r = 0; r < model_.replicas; ++r)
        for (uint32_t s = 0; s < d->host.source_size; ++s)
          events += uint64_t{counts[uint64_t{r} * model_.neurons + d->host.source_first + s]} *
                    (d->host.row_ptr[s + 1] - d->host.row_ptr[s]);
    return events;
  }
  uint64_t bytes() const {
    uint64_t b = 0;
    for (const auto& d : projections_) b += d->bytes();
    return b;
  }

 private:
  static std::vector<float> replicated(const std::vector<float>& w, uint32_t replicas) {
    std::vector<float> all;
    all.reserve(w.size() * replicas);
    for (uint32_t r = 0; r < replicas; ++r) all.insert(all.end(), w.begin(), w.end());
    return all;
  }

  OnDevice& find(uint32_t projection) const {
    for (const auto& d : projections_)
      if (d->host.projection == projection) return *d;
    throw input_error("projection " + std::to_string(projection) + " has no stdp: its weights "
                      "do not change, read them from its description");
  }

  kernels::StdpProjection view(OnDevice& d) {
    const PlasticProjection& h = d.host;
    kernels::StdpProjection p;
    p.source_first = h.source_first;
    p.source_size = h.source_size;
    p.target_first = h.target_first;
    p.target_size = h.target_size;
    p.weight = d.weight.span();
    p.synapses = h.synapses();
    p.rule = h.rule;
    p.pre = {d.pre_trace.span()};
    p.post = {d.post_trace.span()};
    p.neurons = model_.neurons;
    return p;
  }

  const HostModel& model_;
  std::vector<std::unique_ptr<OnDevice>> projections_;
};

}  // namespace spikewafer
