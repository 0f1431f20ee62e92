// What a run produces: recorded spikes, traces and rates, and a summary of the run.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace spikewafer {

// One recorded spike. Sorted by (step, replica, population, neuron) in every result, so output
// does not depend on thread count or backend.
struct SpikeRecord {
  uint32_t population = 0;  // index into Network::populations
  uint32_t replica = 0;
  uint32_t neuron = 0;      // local to the population
  double time_ms = 0.0;
};

// One recorded analog signal of one neuron in one replica, sampled at t0 + k * interval.
struct TraceRecord {
  uint32_t population = 0;
  uint32_t replica = 0;
  uint32_t neuron = 0;    // local to the population
  std::string variable;   // "v", "gsyn_exc", "gsyn_inh", "isyn_exc", "isyn_inh", "w"
  double t0_ms = 0.0;
  double interval_ms = 0.0;
  std::vector<float> values;
};

// Population rate (Hz per neuron) in consecutive bins of one replica.
struct RateRecord {
  uint32_t population = 0;
  uint32_t replica = 0;
  double bin_ms = 0.0;
  std::vector<float> rates;
};

struct RunSummary {
  uint64_t neurons = 0;            // per replica
  uint64_t synapses = 0;           // per replica (shared connectivity)
  uint32_t replicas = 0;
  double bio_time_ms = 0.0;        // per replica
  double setup_s = 0.0;            // network construction and upload
  double wall_s = 0.0;             // the time loop
  double realtime_factor = 0.0;    // bio_time / wall time, for all replicas together
  uint64_t spikes = 0;             // all replicas
  uint64_t synaptic_events = 0;    // spikes times fan-out, all replicas
  uint64_t memory_bytes = 0;       // device-side state and connectivity
  double bytes_per_synapse = 0.0;  // connectivity bytes / synapses
  std::string backend;             // "cpu" or "cuda"
  int threads = 0;                 // CPU threads (OpenMP) used
  // What the time loop costs a GPU per step, counted on every backend as the CUDA backend pays
  // it (kernels/device_traffic.hpp): kernel launches, host waits and host-device transfers,
  // the run's totals (record flushes included) divided by its steps.
  double launches_per_step = 0.0;
  double host_waits_per_step = 0.0;
  double transfers_per_step = 0.0;
};

// The weights of a projection with STDP at the end of the run (weights.h5): synapse k connects
// local neuron pre[k] of the source to post[k] of the target (the connector's draw order) and
// has weight[r * pre.size() + k] in replica r (a magnitude, uS or nA).
struct LearnedWeights {
  uint32_t projection = 0;
  std::string source, target;  // population names
  std::vector<uint32_t> pre, post;
  std::vector<float> weight;
};

struct RunResult {
  std::vector<std::string> population_names;
  std::vector<SpikeRecord> spikes;
  std::vector<TraceRecord> traces;
  std::vector<RateRecord> rates;
  std::vector<LearnedWeights> learned;  // one per projection with STDP
  RunSummary summary;
};

}  // namespace spikewafer
