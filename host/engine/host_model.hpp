// A network turned into what the kernels need, still on the host and backend-independent:
// per-step constants, per-replica inputs, initial state, spike-source lists, DC schedule,
// recording plan. Engines upload it; the recorder uses it to label results.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/input_scale.hpp"
#include "kernels/dc_current.hpp"
#include "kernels/spike_delivery.hpp"
#include "kernels/step_constants.hpp"
#include "network/connectivity.hpp"
#include "network/plastic_synapses.hpp"
#include "spikewafer/network.hpp"
#include "spikewafer/spike_exchange.hpp"

namespace spikewafer {

// A current source in steps (kernels/dc_current.hpp) and the global neurons it reaches.
struct DcEvent : kernels::DcEventParams {
  std::vector<uint32_t> neurons;
};

// The current sources as the device evaluates them: the neurons they reach, per such neuron its
// sources (in the sources' order), and per copy of the currents the replica whose noise it
// draws.
struct DcTables {
  std::vector<uint32_t> neurons, row_ptr{0}, event_of, noise_replica;
  std::vector<kernels::DcEventParams> events;
};

// Traces sampled every interval_steps from start_step on, one entry per recorded (population,
// variable, replica, neuron), in that order.
struct TraceGroup {
  uint64_t interval_steps = 1;
  uint64_t start_step = 0;  // when recording began (a later step after a change mid-run)
  std::vector<uint32_t> state_index;
  std::vector<uint8_t> variable;  // codes of kernels/trace_gather.hpp (kTraceLists' order)
  std::vector<uint32_t> population, replica, neuron;
};

struct HostModel {
  Network network;
  std::vector<uint32_t> offsets;  // population offsets, total last
  uint32_t neurons = 0, replicas = 0, slots = 1;
  double dt = 0.1;

  std::vector<kernels::PopulationConstants> constants;
  // Populations with per-neuron parameters: their neurons' constants, concatenated, and per
  // population the index of its first neuron's entry (kHomogeneous for the others).
  static constexpr uint32_t kHomogeneous = UINT32_MAX;
  std::vector<kernels::PopulationConstants> neuron_constants;
  std::vector<uint32_t> neuron_constants_base;
  std::vector<kernels::ReplicaInputs> replica_inputs;  // [population * replicas + replica]
  std::vector<uint8_t> population_of;
  std::vector<uint64_t> seeds;
  std::vector<float> weight_scale;

  std::vector<uint32_t> source_offsets{0}, source_steps;
  uint32_t source_lists = 0;
  std::vector<DcEvent> dc_events;
  // Where the DC current of replica r starts in dc_currents(): r * dc_stride. The neuron count
  // when noisy sources draw for each replica apart (more than one replica), else 0: one
  // current per neuron, shared.
  uint64_t dc_stride = 0;
  std::vector<TraceGroup> trace_groups;
  std::vector<uint8_t> rate_only;  // per population: spikes recorded only to compute rates

  // Presynaptic synapse dynamics (all empty when every projection is additive): per global
  // neuron the kind of its outgoing synapses (kernels::PresynapticKind), -dt / tau_syn of its
  // excitatory and inhibitory receptor (for renewing synapses onto it), and its
  // Tsodyks-Markram parameters.
  std::vector<uint8_t> presynaptic_kind;
  std::vector<float> log_decay;
  std::vector<kernels::TsodyksMarkramParams> tsodyks_markram;
  bool any_tsodyks_markram = false;

  Connectivity connectivity;  // moved to the device by the engine
  std::vector<PlasticProjection> plastic;  // projections with STDP, copied to the device
  float input_scale = 1.0f;   // fixed-point units per uS or nA (input_scale.hpp)
  InputBounds input_bounds;   // of the whole network's synapses, for finding it again

  // A distributed run: this process updates neurons [first, last) and holds only the synapses
  // onto them; the processes exchange spikes every window_steps steps (the shortest delay, so
  // that no spike is needed before it arrives).
  Partition partition;
  uint32_t window_steps = 1;

  uint64_t state_size() const { return static_cast<uint64_t>(neurons) * replicas; }
  // The constants of a global neuron (its own where its population has per-neuron parameters).
  const kernels::PopulationConstants& constants_of_neuron(uint32_t neuron) const {
    const uint32_t p = population_of[neuron];
    const uint32_t base = neuron_constants_base[p];
    return base == kHomogeneous ? constants[p] : neuron_constants[base + neuron - offsets[p]];
  }
};

// Validates, checks that the network fits in `available_bytes`, draws connectivity and computes
// every constant. Throws spikewafer::Error.
HostModel build_host_model(const Network& network, uint64_t available_bytes,
                           const Partition& partition = {});

// (Re)computes everything derived from the populations' descriptions but the connectivity and
// the traces: constants, per-neuron constants, spike-source lists, replica inputs, DC schedule,
// presynaptic dynamics. Called when the network is built and when a population changes mid-run.
void derive_population_tables(HostModel& model);
// The trace groups of every population's RecordSpec, sampled from start_step on.
void plan_traces(HostModel& model, uint64_t start_step);

// Initial v, syn_e, syn_i, w of every state index (drawn from the replica seeds; same every call).
struct InitialState {
  std::vector<float> v, syn_e, syn_i, w;
  std::vector<float> m, h, n;  // HH_cond_exp's gates (empty without it)
};
InitialState draw_initial_state(const HostModel& model);

// The DC current of every global neuron during `step` (zeros without DC sources), per replica
// where dc_stride says so (replica-major), and whether it changes at `step`.
// The constant part of every neuron's current, copy-major (dc_stride): per-neuron bias currents
// and per-replica currents; the sources add theirs on the device (dc_tables).
std::vector<float> base_currents(const HostModel& model);
DcTables dc_tables(const HostModel& model);
// Whether a source's current changes at `step` (switched on or off, a sine, a new noise draw).
bool dc_changes_at(const HostModel& model, uint64_t step);
// What DC event e adds to global neuron n of replica r during `step` (nA, as the engine adds
// it): 0 outside [on, off). A pure function of the step and the noise's key, so a source's
// current can be recorded by evaluating it again.
float dc_event_current(const HostModel& model, const DcEvent& e, uint32_t n, uint32_t r,
                       uint64_t step);

// Device bytes the engine will hold for this model (state, ring buffer, connectivity, records).
uint64_t engine_bytes(const HostModel& model, uint64_t synapses);
// How many spikes the device's record buffer holds where `recorded_states` state indices
// (neurons times replicas) have their spikes recorded: at least four steps of every one spiking
// (the host looks at the buffer only when that could fill it: device_recording.hpp), and 2^20.
uint64_t spike_record_capacity(uint64_t recorded_states);
// The traces a run of duration_ms records: a float per traced neuron, replica and sample (200
// replicas of a network once held 2.7 GB of traces that the estimate left out).
double trace_bytes(const Network& network, double duration_ms);

// Bytes of memory available to a CPU run (MemAvailable).
uint64_t available_host_bytes();
// Whether `bytes` fit in 80% of available_host_bytes(): the protocols' checks before they
// allocate what their runs keep (the rest for what the estimates leave out).
bool fits_in_free_memory(double bytes);
// Unless `bytes` fit (fits_in_free_memory), throws a resource error (exit 3):
// "<what> need about X GB, more than the Y GB this machine has free; <fix>".
void refuse_unless_it_fits(double bytes, const std::string& what, const std::string& fix);

}  // namespace spikewafer
