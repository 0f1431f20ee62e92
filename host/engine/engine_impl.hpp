// The time loop, once for every backend: one template over the backend's buffer and launch
// types (Arbor's pattern). Per step: one update launch per population (over all its neurons in
// all replicas), compaction of the spike flags into a list whose count stays in device memory,
// one delivery launch over that list, recording, and trace sampling when due (both in
// device_recording.hpp). Nothing in a step waits for the device.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "device_plasticity.hpp"
#include "device_recording.hpp"
#include "device_synapses.hpp"
#include "engine_interface.hpp"
#include "kernels/buffer.hpp"
#include "kernels/collectives.hpp"
#include "kernels/adex_step.hpp"
#include "kernels/hh_step.hpp"
#include "kernels/lif_step.hpp"
#include "kernels/source_step.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer {

template <class Backend>
class Engine final : public EngineInterface {
  template <class T>
  using Buffer = kernels::Buffer<Backend, T>;

 public:
  Engine(HostModel& m, int threads)
      : model_(m),
        recording_(m),
        threads_(threads),
        neuron_constants_(std::vector<kernels::PopulationConstants>(m.neuron_constants)),
        replica_inputs_(std::vector<kernels::ReplicaInputs>(m.replica_inputs)),
        seeds_(std::vector<uint64_t>(m.seeds)),
        weight_scale_(std::vector<float>(m.weight_scale)),
        source_offsets_(std::vector<uint32_t>(m.source_offsets)),
        source_steps_(std::vector<uint32_t>(m.source_steps)),
        synapses_(m, threads),
        plasticity_(m),
        v_(m.state_size(), 0.0f),
        syn_e_(m.state_size(), 0.0f),
        syn_i_(m.state_size(), 0.0f),
        dsyn_e_(any_alpha(m) ? m.state_size() : 0, 0.0f),
        dsyn_i_(any_alpha(m) ? m.state_size() : 0, 0.0f),
        w_(any_adex(m) ? m.state_size() : 0, 0.0f),
        gate_m_(any_hh(m) ? m.state_size() : 0, 0.0f),
        gate_h_(any_hh(m) ? m.state_size() : 0, 0.0f),
        gate_n_(any_hh(m) ? m.state_size() : 0, 0.0f),
        refractory_(m.state_size(), 0),
        spike_count_(m.state_size(), 0u),
        spiked_(m.state_size(), uint8_t{0}),
        ring_(m.state_size() * m.slots * 2, int32_t{0}),
        step_spikes_(m.state_size(), 0u),
        step_count_(1, 0u) {
    ring_view_ = kernels::RingBuffer{ring_.span(), m.input_scale, 1.0f / m.input_scale,
                                     m.neurons,    m.slots,       0};
    derive_flags();
    recording_.plan_traces();
    reset();
  }

  void reset() override {
    if (std::any_of(model_.trace_groups.begin(), model_.trace_groups.end(),
                    [](const TraceGroup& g) { return g.start_step != 0; })) {
      plan_traces(model_, 0);  // recording changed mid-run: from t = 0 as it is now
      recording_.plan_traces();
    }
    InitialState init = draw_initial_state(model_);
    v_.assign(std::move(init.v));
    syn_e_.assign(std::move(init.syn_e));
    syn_i_.assign(std::move(init.syn_i));
    if (w_.size()) w_.assign(std::move(init.w));
    if (gate_m_.size()) {
      gate_m_.assign(std::move(init.m));
      gate_h_.assign(std::move(init.h));
      gate_n_.assign(std::move(init.n));
    }
    dsyn_e_.fill(0.0f);
    dsyn_i_.fill(0.0f);
    refractory_.fill(0);
    spike_count_.fill(0u);
    synapses_.reset();
    plasticity_.reset();
    ring_.fill(int32_t{0});
    source_cursor_.assign(source_cursors_at(0));
    step_ = 0;
    window_spikes_.clear();
    wall_s_ = 0.0;
    traffic_ = {};
    recording_.clear();
    upload_dc_currents();
    sample_traces();  // t = 0
  }

  void advance(uint64_t steps, const ProgressFn& progress) override {
    const kernels::DeviceTraffic traffic_before = kernels::device_traffic();
    const auto start = std::chrono::steady_clock::now();
    auto last_report = start;
    const uint64_t end = step_ + steps;
    while (step_ < end) {
      one_step();
      if (progress && (step_ & 255) == 0) {
        const auto now = std::chrono::steady_clock::now();
        if (now - last_report > std::chrono::milliseconds(500)) {
          last_report = now;
          progress(1.0 - static_cast<double>(end - step_) / static_cast<double>(steps),
                   std::chrono::duration<double>(now - start).count());
        }
      }
    }
    Backend::synchronize();
    wall_s_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    traffic_ += kernels::device_traffic() - traffic_before;
  }

  void flush() override {
    const kernels::DeviceTraffic traffic_before = kernels::device_traffic();
    recording_.flush_spikes();
    recording_.flush_traces();
    traffic_ += kernels::device_traffic() - traffic_before;
  }

  uint64_t step() const override { return step_; }
  Recorder& recorder() override { return recording_.recorder(); }

  std::vector<float> membranes() override { return v_.to_host(); }

  std::vector<uint8_t> refractory_flags() override {
    const std::vector<int32_t> ref = refractory_.to_host();
    std::vector<uint8_t> z(ref.size());
    for (size_t i = 0; i < ref.size(); ++i) z[i] = ref[i] > 0;
    return z;
  }

  void set_refractory_flags(const std::vector<uint8_t>& z) override {
    if (z.size() != model_.state_size())
      throw input_error("set_refractory_states: expected " + std::to_string(model_.state_size()) +
                        " flags (replicas x neurons), got " + std::to_string(z.size()));
    std::vector<int32_t> ref = refractory_.to_host();
    std::vector<float> v = v_.to_host();
    for (size_t i = 0; i < z.size(); ++i) {
      const kernels::PopulationConstants& c =
          model_.constants_of_neuron(static_cast<uint32_t>(i % model_.neurons));
      if (kernels::is_source(c.model)) continue;
      ref[i] = z[i] ? c.ref_steps + 1 : 0;  // as after a spike (kernels/lif_step.hpp)
      if (z[i]) v[i] = c.v_reset;
    }
    refractory_.assign(std::move(ref));
    v_.assign(std::move(v));
  }

  void upload_replica_inputs() override {
    replica_inputs_.assign(std::vector<kernels::ReplicaInputs>(model_.replica_inputs));
  }

  // The currents' constant part and the sources' tables, then the sources' currents now.
  void upload_dc_currents() override {
    DcTables t = dc_tables(model_);
    dc_neurons_.assign(std::move(t.neurons));
    dc_row_ptr_.assign(std::move(t.row_ptr));
    dc_event_of_.assign(std::move(t.event_of));
    dc_events_.assign(std::move(t.events));
    dc_noise_replica_.assign(std::move(t.noise_replica));
    std::vector<float> base = base_currents(model_);
    // The constant part is kept apart only where sources add to it.
    dc_base_.assign(dc_neurons_.size() ? std::vector<float>(base) : std::vector<float>{});
    i_dc_.assign(std::move(base));
    update_dc_currents();
  }

  void upload_population_tables(bool traces_changed) override {
    neuron_constants_.assign(std::vector<kernels::PopulationConstants>(model_.neuron_constants));
    upload_replica_inputs();
    source_offsets_.assign(std::vector<uint32_t>(model_.source_offsets));
    source_steps_.assign(std::vector<uint32_t>(model_.source_steps));
    source_cursor_.assign(source_cursors_at(step_));
    upload_dc_currents();
    synapses_.upload_presynaptic();
    recording_.flush_spikes();
    derive_flags();
    if (!traces_changed) return;
    recording_.restart_traces();
    sample_traces();  // the new traces start now
  }

  float pending_input_scale_limit() override {
    const int64_t largest = kernels::largest_magnitude<Backend>(ring_.span());
    if (largest == 0) return INFINITY;
    const int headroom = static_cast<int>(std::floor(std::log2(std::ldexp(1.0, 29) / largest)));
    return std::ldexp(ring_view_.scale, headroom);
  }

  void replace_synapses(Connectivity&& c, float scale) override {
    synapses_.replace(std::move(c));
    convert_ring(scale);
  }

  void replace_weight_scales(const std::vector<float>& scales, float scale) override {
    weight_scale_.assign(std::vector<float>(scales));
    convert_ring(scale);
  }

  void replace_plastic(PlasticProjection&& p, float scale) override {
    plasticity_.replace(std::move(p));
    convert_ring(scale);
  }

  std::vector<float> plastic_weights(uint32_t projection, uint32_t replica) override {
    return plasticity_.weights(projection, replica);
  }

  // Sums input at `scale` from now on, converting the input waiting in the ring.
  void convert_ring(float scale) {
    if (scale == ring_view_.scale) return;
    // Both scales are powers of two: input waiting in the ring is exact at a finer scale,
    // rounded once at a coarser one.
    const int shift = static_cast<int>(std::lround(std::log2(scale / ring_view_.scale)));
    Backend::for_each_index(ring_.size(), kernels::RescaleUnits{ring_.span(), shift});
    ring_view_.scale = scale;
    ring_view_.inverse_scale = 1.0f / scale;
  }

  EngineStats stats() override {
    EngineStats s;
    const std::vector<uint32_t> counts = spike_count_.to_host();
    s.spikes = std::accumulate(counts.begin(), counts.end(), uint64_t{0});
    s.synaptic_events = synapses_.synaptic_events(counts) + plasticity_.synaptic_events(counts);
    s.synapses = synapses_.synapses() + plasticity_.synapses();
    s.connectivity_bytes = synapses_.connectivity_bytes() + plasticity_.bytes();  // weights per replica too
    s.memory_bytes = synapses_.bytes() + plasticity_.bytes() + neuron_constants_.bytes() + v_.bytes() + syn_e_.bytes() +
                     syn_i_.bytes() + dsyn_e_.bytes() + dsyn_i_.bytes() + w_.bytes() + gate_m_.bytes() +
                     gate_h_.bytes() + gate_n_.bytes() + refractory_.bytes() +
                     spike_count_.bytes() + spiked_.bytes() + i_dc_.bytes() + dc_base_.bytes() + ring_.bytes() +
                     step_spikes_.bytes() + step_count_.bytes() + recording_.bytes() + source_steps_.bytes() +
                     source_cursor_.bytes();
    s.wall_s = wall_s_;
    s.traffic = traffic_;
    s.backend = Backend::kName;
    s.threads = threads_;
    return s;
  }

 private:
  // Whether some population's kernel model is one that `is` names (which state arrays exist).
  template <class Predicate>
  static bool any_model(const HostModel& m, Predicate is) {
    return std::any_of(m.constants.begin(), m.constants.end(),
                       [&](const kernels::PopulationConstants& c) { return is(c.model); });
  }
  static bool any_alpha(const HostModel& m) { return any_model(m, kernels::is_alpha); }
  static bool any_adex(const HostModel& m) { return any_model(m, kernels::is_adex); }
  static bool any_hh(const HostModel& m) {
    return any_model(m, [](kernels::KernelModel k) { return k == kernels::KernelModel::kHhCondExp; });
  }

  // Where each replica reads every spike list at `step`: its first entry not yet emitted.
  std::vector<uint32_t> source_cursors_at(uint64_t step) const {
    std::vector<uint32_t> first;
    const auto& offsets = model_.source_offsets;
    const auto& steps = model_.source_steps;
    for (uint32_t list = 0; list < model_.source_lists; ++list)
      first.push_back(static_cast<uint32_t>(
          std::lower_bound(steps.begin() + offsets[list], steps.begin() + offsets[list + 1], step) -
          steps.begin()));
    std::vector<uint32_t> cursor;
    cursor.reserve(first.size() * model_.replicas);
    for (uint32_t r = 0; r < model_.replicas; ++r) cursor.insert(cursor.end(), first.begin(), first.end());
    return cursor;
  }

  // What follows from the populations' tables: which receptors draw background noise in any
  // replica, and which spikes are recorded.
  void derive_flags() {
    using kernels::Background;
    background_.clear();
    update_work_ = 0;
    for (uint32_t p = 0; p < model_.constants.size(); ++p) {
      bool excitatory = false, inhibitory = false;
      for (uint32_t r = 0; r < model_.replicas; ++r) {
        const kernels::ReplicaInputs& in = model_.replica_inputs[p * model_.replicas + r];
        excitatory = excitatory || in.lambda_e > 0.0f;
        inhibitory = inhibitory || in.lambda_i > 0.0f;
      }
      background_.push_back(inhibitory ? Background::kBoth
                                       : (excitatory ? Background::kExcitatory : Background::kNone));
      const size_t size = model_.offsets[p + 1] - model_.offsets[p];
      update_work_ += background_.back() != Background::kNone ? 2 * size * model_.replicas
                                                              : size * model_.replicas / 4;
    }
    recording_.plan_spikes();
  }

  void one_step() {
    if (!model_.dc_events.empty() && dc_changes_at(model_, step_)) update_dc_currents();
    ring_view_.read_slot = static_cast<uint32_t>(step_ % model_.slots);
    // The populations are independent: on the CPU, one parallel region updates them all.
    Backend::together(update_work_, [this] {
      for (uint32_t p = 0; p < model_.constants.size(); ++p) update_population(p);
    });

    const kernels::StepSpikes spikes = step_spikes();
    kernels::compact_spikes<Backend>(spiked_.span(), spikes);
    if (!plasticity_.empty())  // every step: the traces decay
      plasticity_.step(spikes, ring_view_, weight_scale_.span());
    deliver(spikes, step_);
    if (recording_.any_spikes()) recording_.record_spikes(spikes, step_);
    if (model_.partition.distributed()) keep_for_exchange();
    ++step_;
    if (model_.partition.distributed() && step_ % model_.window_steps == 0) exchange_spikes();
    sample_traces();
  }

  // The current of every neuron a source reaches, at this step, on the device.
  void update_dc_currents() {
    if (dc_neurons_.size() == 0) return;
    const uint32_t copies = model_.dc_stride ? model_.replicas : 1;
    Backend::for_each_in_rows(
        copies, static_cast<uint32_t>(dc_neurons_.size()),
        kernels::DcCurrentsStep{dc_neurons_.span(), dc_row_ptr_.span(), dc_event_of_.span(),
                                dc_events_.span(), dc_noise_replica_.span(), dc_base_.span(),
                                i_dc_.span(), model_.dc_stride, step_});
  }

  // The step's spike list and its count, both in device memory.
  kernels::StepSpikes step_spikes() { return {step_spikes_.span(), step_count_.span()}; }

  // Delivers `spikes`, emitted at the end of step `step`.
  void deliver(kernels::StepSpikes spikes, uint64_t step) {
    ring_view_.read_slot = static_cast<uint32_t>(step % model_.slots);
    synapses_.deliver(spikes, step, ring_view_, weight_scale_.span(), seeds_.span());
  }

  // Distributed runs: this process's spikes of the current window, (step << 32 | state index).
  // The count is read back: the window's exchange needs the spikes on the host.
  void keep_for_exchange() {
    const uint32_t count = step_count_.to_host(0, 1)[0];
    for (uint32_t state : step_spikes_.to_host(0, count))
      window_spikes_.push_back(step_ << 32 | state);
  }

  // At the end of a window (the shortest delay): every process's spikes of the window, and the
  // others' delivered here step by step, as if they had been delivered when they were emitted
  // (they arrive no earlier than the window's end; fixed-point input makes the order moot).
  void exchange_spikes() {
    std::vector<uint64_t> all = model_.partition.exchange->all_gather(window_spikes_);
    window_spikes_.clear();
    std::vector<uint64_t> remote;
    for (uint64_t packed : all)
      if (!model_.partition.owns(static_cast<uint32_t>(packed & 0xFFFFFFFFu) % model_.neurons))
        remote.push_back(packed);
    std::sort(remote.begin(), remote.end());
    size_t begin = 0;
    while (begin < remote.size()) {
      const uint64_t step = remote[begin] >> 32;
      size_t end = begin;
      std::vector<uint32_t> states;
      while (end < remote.size() && remote[end] >> 32 == step)
        states.push_back(static_cast<uint32_t>(remote[end++] & 0xFFFFFFFFu));
      step_spikes_.write_prefix(states);
      step_count_.write_prefix({static_cast<uint32_t>(states.size())});
      deliver(step_spikes(), step);
      begin = end;
    }
    ring_view_.read_slot = static_cast<uint32_t>(step_ % model_.slots);
  }

  // Population p's neurons that this process updates (all of them unless the run is
  // distributed), one launch per range, as constants whose `first` is the range's first.
  void update_population(uint32_t p) {
    const auto& ranges = model_.partition.ranges;
    if (ranges.empty()) return update_range(p, model_.offsets[p], model_.offsets[p + 1]);
    for (const Partition::Range& r : ranges)
      update_range(p, std::max(model_.offsets[p], r.first), std::min(model_.offsets[p + 1], r.second));
  }

  void update_range(uint32_t p, uint32_t lo, uint32_t hi) {
    if (lo >= hi) return;
    kernels::PopulationConstants c = model_.constants[p];
    const uint32_t skipped = lo - model_.offsets[p];
    c.first = lo;
    c.source_base += skipped;
    const uint32_t base = model_.neuron_constants_base[p];
    if (base == HostModel::kHomogeneous) return update_population<false>(p, c, hi - lo, {});
    return update_population<true>(p, c, hi - lo,
                                   neuron_constants_.span().subspan(base + skipped, hi - lo));
  }

  template <bool kPerNeuron>
  void update_population(uint32_t p, const kernels::PopulationConstants& c, uint32_t size,
                         kernels::DeviceSpan<kernels::PopulationConstants> per_neuron) {
    using kernels::AdexStep;
    using kernels::HhStep;
    using kernels::KernelModel;
    using kernels::LifStep;
    switch (c.model) {
      case KernelModel::kCurrExp: return update_neurons<LifStep, KernelModel::kCurrExp, kPerNeuron>(p, c, size, per_neuron);
      case KernelModel::kCondExp: return update_neurons<LifStep, KernelModel::kCondExp, kPerNeuron>(p, c, size, per_neuron);
      case KernelModel::kCurrAlpha: return update_neurons<LifStep, KernelModel::kCurrAlpha, kPerNeuron>(p, c, size, per_neuron);
      case KernelModel::kCondAlpha: return update_neurons<LifStep, KernelModel::kCondAlpha, kPerNeuron>(p, c, size, per_neuron);
      case KernelModel::kAdexCondExp: return update_neurons<AdexStep, KernelModel::kAdexCondExp, kPerNeuron>(p, c, size, per_neuron);
      case KernelModel::kAdexCondAlpha: return update_neurons<AdexStep, KernelModel::kAdexCondAlpha, kPerNeuron>(p, c, size, per_neuron);
      case KernelModel::kHhCondExp: return update_neurons<HhStep, KernelModel::kHhCondExp, kPerNeuron>(p, c, size, per_neuron);
      case KernelModel::kSourceArray:
        return Backend::for_each_in_rows(
            model_.replicas, size,
            kernels::ArraySourceStep{c, source_offsets_.span(), source_steps_.span(),
                                     source_cursor_.span(), state(), model_.neurons,
                                     model_.source_lists, step_});
      case KernelModel::kSourcePoisson:
        return Backend::for_each_in_rows(
            model_.replicas, size,
            kernels::PoissonSourceStep<kPerNeuron>{random_source(c, per_neuron)});
      case KernelModel::kSourceRenewal:
        return Backend::for_each_in_rows(
            model_.replicas, size,
            kernels::RenewalSourceStep<kPerNeuron>{random_source(c, per_neuron)});
    }
  }

  kernels::RandomSourceLaunch random_source(
      const kernels::PopulationConstants& c,
      kernels::DeviceSpan<kernels::PopulationConstants> per_neuron) {
    return {c, per_neuron, seeds_.span(), state(), model_.neurons, step_};
  }

  // One neuron model's launch over population p: Step is LifStep, AdexStep or HhStep, with the
  // background its receptors draw.
  template <template <kernels::KernelModel, kernels::Background, bool> class Step,
            kernels::KernelModel kModel, bool kPerNeuron>
  void update_neurons(uint32_t p, const kernels::PopulationConstants& c, uint32_t size,
                      kernels::DeviceSpan<kernels::PopulationConstants> per_neuron) {
    using kernels::Background;
    const kernels::NeuronLaunch launch = neuron_launch(p, c, per_neuron);
    switch (background_[p]) {
      case Background::kNone:
        return Backend::for_each_in_rows(model_.replicas, size,
                                         Step<kModel, Background::kNone, kPerNeuron>{launch});
      case Background::kExcitatory:
        return Backend::for_each_in_rows(model_.replicas, size,
                                         Step<kModel, Background::kExcitatory, kPerNeuron>{launch});
      case Background::kBoth:
        return Backend::for_each_in_rows(model_.replicas, size,
                                         Step<kModel, Background::kBoth, kPerNeuron>{launch});
    }
  }

  kernels::NeuronLaunch neuron_launch(uint32_t p, const kernels::PopulationConstants& c,
                                      kernels::DeviceSpan<kernels::PopulationConstants> per_neuron) {
    const auto inputs = replica_inputs_.span().subspan(size_t{p} * model_.replicas, model_.replicas);
    return {c, per_neuron, inputs, seeds_.span(), i_dc_.span(), model_.dc_stride, state(),
            ring_view_, step_};
  }

  kernels::NeuronState state() {
    return {v_.span(),      syn_e_.span(),      syn_i_.span(),       dsyn_e_.span(),
            dsyn_i_.span(), refractory_.span(), spike_count_.span(), spiked_.span(),
            w_.span(),      gate_m_.span(),     gate_h_.span(),      gate_n_.span()};
  }

  void sample_traces() {
    recording_.sample(step_, {v_.span(), syn_e_.span(), syn_i_.span(), w_.span()});
  }

  HostModel& model_;
  DeviceRecording<Backend> recording_;
  int threads_;
  uint64_t step_ = 0;
  double wall_s_ = 0.0;
  kernels::DeviceTraffic traffic_;  // since reset(): steps and record flushes

  Buffer<kernels::PopulationConstants> neuron_constants_;  // per-neuron parameters only
  Buffer<kernels::ReplicaInputs> replica_inputs_;
  Buffer<uint64_t> seeds_;
  Buffer<float> weight_scale_;
  Buffer<uint32_t> source_offsets_, source_steps_;
  DeviceSynapses<Backend> synapses_;
  DevicePlasticity<Backend> plasticity_;
  Buffer<float> v_, syn_e_, syn_i_, dsyn_e_, dsyn_i_, w_, i_dc_;
  Buffer<float> gate_m_, gate_h_, gate_n_;  // HH_cond_exp's gates (empty without it)
  // Current sources (kernels/dc_current.hpp): i_dc_ is dc_base_ plus the sources' currents.
  Buffer<float> dc_base_;
  Buffer<uint32_t> dc_neurons_, dc_row_ptr_, dc_event_of_, dc_noise_replica_;
  Buffer<kernels::DcEventParams> dc_events_;
  Buffer<int32_t> refractory_;
  Buffer<uint32_t> spike_count_;
  Buffer<uint8_t> spiked_;
  Buffer<int32_t> ring_;
  kernels::RingBuffer ring_view_;
  Buffer<uint32_t> source_cursor_, step_spikes_;
  Buffer<uint32_t> step_count_;  // how many of step_spikes_ are the step's: one cell
  std::vector<kernels::Background> background_;  // per population
  // The neuron update's work, counted so that the CPU backend's serial_below (4,096 items) is
  // where a second thread starts to pay (benchmarks/results/2026-12-07-step-threads, 2-core
  // developer machine): a neuron with Poisson noise (about 4 ns a step) counts 2, so the cores
  // share from 2,048 such neurons; a noise-free one (0.75 ns) counts a quarter, from 16,384.
  size_t update_work_ = 0;
  std::vector<uint64_t> window_spikes_;  // distributed runs: own spikes not yet exchanged
};

}  // namespace spikewafer
