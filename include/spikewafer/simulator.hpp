// The engine's API: build a simulator for a network, run it (in one go or in several pieces),
// reset it to t = 0, and collect what was recorded. Carries no CUDA types.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "spikewafer/network.hpp"
#include "spikewafer/results.hpp"
#include "spikewafer/spike_exchange.hpp"

namespace spikewafer {

enum class Backend { kCpu, kCuda, kAuto };  // kAuto: CUDA where built and a GPU is found

// The most CPU threads a run may ask for: OpenMP's runtime overflows its stack or fails far
// below the int range (100,000 threads crashed, 40,000 failed), and no machine this project runs
// on has more cores.
constexpr int kMaxThreads = 1024;
// The most time steps one run may take (simulation.duration and Simulator::run): 10^12 steps
// take days at the fastest step rates measured.
constexpr double kMostSteps = 1e12;
// The longest time any setting may ask for (ms, or sweeps for Glauber dynamics): a run of 1e9 ms
// takes 1e10 steps of 0.1 ms, a day or more of computing even for small networks, and 1e300 as a
// duration, a burn-in or steps per field was accepted and ran without end.
constexpr double kLongestDuration = 1e9;

// Throws input_error unless 0 <= threads <= kMaxThreads (0: OpenMP's default).
void check_thread_count(int threads);

struct SimulatorOptions {
  Backend backend = Backend::kCpu;
  int threads = 0;  // CPU threads (OpenMP); 0 keeps OpenMP's default; at most kMaxThreads
  // Called now and then during run() with the fraction of that run done and seconds elapsed.
  std::function<void(double fraction, double elapsed_s)> progress;
  // A distributed run: this process's neurons and the exchange with the others. Every process
  // builds the same network, keeps only the synapses onto its own neurons, and result() (a
  // collective call) returns everything recorded by all of them, on every rank.
  Partition partition;
};

// Whether the CUDA backend can be used here; if not, `why` says why (not built, no GPU).
bool cuda_usable(std::string* why);

class EngineInterface;
struct HostModel;

class Simulator {
 public:
  // Validates the network, draws its connectivity and uploads it. Throws spikewafer::Error.
  Simulator(const Network& network, const SimulatorOptions& options);
  ~Simulator();
  Simulator(Simulator&&) noexcept;
  Simulator& operator=(Simulator&&) noexcept;

  // Advances all replicas by duration_ms (rounded to whole steps), continuing from now.
  void run(double duration_ms);
  // Back to t = 0 with the same connectivity and freshly drawn (same-seed) initial values;
  // recordings are cleared.
  void reset();
  double time_ms() const;
  uint32_t neurons() const;   // per replica, all populations (global neuron indices)
  uint32_t replicas() const;

  // For sampling. The state z of every neuron in every replica, at index
  // replica * neurons() + global neuron: 1 from its spike until the end of its first free step
  // after the refractory clamp (tau_refrac + dt, the shortest interval between spikes), else 0.
  std::vector<uint8_t> refractory_states();
  // Makes the neurons with z = 1 refractory as if they had just spiked (v = v_reset, clamped for
  // tau_refrac, z = 1 for tau_refrac + dt) and frees the others: starts a sampler in a chosen
  // state.
  void set_refractory_states(const std::vector<uint8_t>& z);
  // Changes per-replica inputs from now on, keeping the state (hysteresis, tempering, clamping
  // data in training): only rate_E, rate_I, i_offset, dc_scale and currents may be given; each
  // empty or one entry per replica (weight scales: set_weight_scales). Currents can change, or
  // go, only where the simulator was built with them.
  void set_replica_inputs(const ReplicaOverrides& overrides);
  // Changes every replica's weight scale (ReplicaOverrides::weight_scale) from now on, keeping
  // the state: spikes already sent arrive as they were sent (closed-loop sampling corrections).
  void set_weight_scales(const std::vector<double>& scales);
  // Replaces the description of population p from now on, keeping the state of every neuron
  // (PyNN's set() between runs): parameters (also per neuron), i_offset_per_neuron, noise, DC
  // sources, a source's rate, window or spike times, what is recorded, and initial values (they
  // take effect at the next reset()). Name, size and model must stay. A trace recorded before
  // and after a change of the recording comes back in two pieces (TraceRecord::t0_ms); spikes
  // are recorded while their recording is on.
  void set_population(uint32_t p, const Population& population);
  // Replaces projection j's weights and delays from now on (PyNN's Projection.set() between
  // runs), keeping the state: spikes already sent arrive as they were sent, later ones with the
  // new values. Source, target, receptor, connector (the connections it draws), synapse dynamics
  // and short-term and spike-timing-dependent plasticity parameters stay; delays may not exceed the longest the simulator
  // was built with. Draws the whole connectivity again (as long as building it took).
  void set_projection(uint32_t j, const Projection& projection);
  // The weights of projection j, which has stdp, in replica r now: magnitudes (uS or nA), in
  // the order its connector draws them (a from_list projection's list order). They evolve per
  // replica; reset() and set_projection() give every replica the description's again.
  std::vector<double> plastic_weights(uint32_t j, uint32_t r = 0);
  // The current that DC source `source` of population p injects into neuron k (local) of
  // replica r in each of `steps` steps from first_step on (nA, as the engine adds it; 0 where
  // the source is off or does not reach k): what recording a current source (PyNN's
  // source.record()) returns. Sources are pure functions of the step and of their counter-based
  // noise, so this is the current of the run, not a new draw; it follows the description as it
  // is now (record each run's steps before changing a source).
  std::vector<double> injected_current(uint32_t p, uint32_t source, uint32_t k, uint32_t r,
                                       uint64_t first_step, uint64_t steps) const;
  // Everything recorded since construction or the last reset, and the run's summary. Throws
  // an input error where a membrane is no longer a finite number (parameters within range can
  // still drive it there: e_rev = 1e30 with strong noise ran to NaN and exited 0).
  RunResult result();

 private:
  void check_membranes_finite();
  std::unique_ptr<HostModel> model_;
  std::unique_ptr<EngineInterface> engine_;
  SimulatorOptions options_;
  double setup_s_ = 0.0;
};

// Builds a simulator and runs network.simulation.duration.
RunResult simulate(const Network& network, const SimulatorOptions& options);

}  // namespace spikewafer
