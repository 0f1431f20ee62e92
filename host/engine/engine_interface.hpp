// What Simulator needs of an engine, whatever its backend. The backend-specific engines are one
// template (engine_impl.hpp) instantiated per backend in its own translation unit.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "host_model.hpp"
#include "kernels/device_traffic.hpp"
#include "recorder.hpp"

namespace spikewafer {

struct EngineStats {
  uint64_t spikes = 0;
  uint64_t synaptic_events = 0;
  uint64_t memory_bytes = 0;
  uint64_t synapses = 0;
  uint64_t connectivity_bytes = 0;
  double wall_s = 0.0;
  // Launches, host waits and transfers of the steps and record flushes since reset(), as the
  // CUDA backend pays them (kernels/device_traffic.hpp).
  kernels::DeviceTraffic traffic;
  std::string backend;
  int threads = 1;
};

using ProgressFn = std::function<void(double fraction, double elapsed_s)>;

class EngineInterface {
 public:
  virtual ~EngineInterface() = default;
  virtual void advance(uint64_t steps, const ProgressFn& progress) = 0;
  virtual void reset() = 0;             // initial state, step 0, empty recordings
  virtual void flush() = 0;             // move pending device-side records into recorder()
  virtual uint64_t step() const = 0;
  virtual EngineStats stats() = 0;
  virtual Recorder& recorder() = 0;
  // Per state index: 1 while the neuron is refractory, else 0 (the sampling state z).
  virtual std::vector<uint8_t> refractory_flags() = 0;
  virtual std::vector<float> membranes() = 0;  // v of every neuron and replica (state order)
  // Makes neurons with z = 1 refractory as if they had just spiked, and frees the others.
  virtual void set_refractory_flags(const std::vector<uint8_t>& z) = 0;
  // Uploads the model's replica_inputs again after the caller changed them.
  virtual void upload_replica_inputs() = 0;
  // Uploads the per-neuron currents again after the caller changed the per-replica ones.
  virtual void upload_dc_currents() = 0;
  // Uploads every table derive_population_tables() makes, after a population changed mid-run,
  // keeping the state; with traces_changed, the recording so far is kept and the model's new
  // trace groups (plan_traces from the current step) start now.
  virtual void upload_population_tables(bool traces_changed) = 0;
  // The largest fixed-point scale at which the input already on its way stays below 2^29 (so
  // that it and a step's worth of new input, below 2^30, fit in int32); infinite when none is.
  virtual float pending_input_scale_limit() = 0;
  // New weights and delays for the same connections (same rows, same targets in each row),
  // summed from now on at `input_scale` (a power of two); input on its way is converted to it.
  // Throws kInput if the connections differ.
  virtual void replace_synapses(Connectivity&& connectivity, float input_scale) = 0;
  // New per-replica weight scales, summed from now on at `input_scale`, as above.
  virtual void replace_weight_scales(const std::vector<float>& scales, float input_scale) = 0;
  // New initial weights and delays of a plastic projection with the same connections, in every
  // replica, summed from now on at `input_scale`, as above. Throws kInput if they differ.
  virtual void replace_plastic(PlasticProjection&& projection, float input_scale) = 0;
  // The weights of plastic projection `projection` in replica r now, in the order its connector
  // draws them (magnitudes). Throws kInput if the projection has no stdp.
  virtual std::vector<float> plastic_weights(uint32_t projection, uint32_t replica) = 0;
};

// The model must outlive the engine; its connectivity is moved to the device.
std::unique_ptr<EngineInterface> make_cpu_engine(HostModel& model, int threads);
std::unique_ptr<EngineInterface> make_cuda_engine(HostModel& model);
// Free device memory in bytes, or why CUDA cannot be used (empty when it can).
uint64_t cuda_free_bytes();
std::string cuda_unusable_reason();

}  // namespace spikewafer
