#include "spikewafer/simulator.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <tuple>

#include "distributed_result.hpp"
#include "engine_interface.hpp"
#include "host_model.hpp"
#include "input_scale.hpp"
#include "io/number_text.hpp"
#include "model_constants.hpp"
#include "network/validate.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer {
namespace {

bool use_cuda(Backend backend) {
  if (backend == Backend::kCpu) return false;
  const std::string why = cuda_unusable_reason();
  if (backend == Backend::kAuto) return why.empty();
  if (!why.empty()) throw Error(ErrorKind::kBackend, "--backend cuda: " + why);
  return true;
}

}  // namespace

bool cuda_usable(std::string* why) {
  const std::string reason = cuda_unusable_reason();
  if (why) *why = reason;
  return reason.empty();
}

void check_thread_count(int threads) {
  if (threads < 0 || threads > kMaxThreads)
    throw input_error("threads must be 0 (all cores) to " + std::to_string(kMaxThreads) +
                      ", got " + std::to_string(threads));
}

Simulator::Simulator(const Network& network, const SimulatorOptions& options)
    : options_(options) {
  check_thread_count(options.threads);
  const auto start = std::chrono::steady_clock::now();
  const bool cuda = use_cuda(options.backend);
  const uint64_t available = cuda ? cuda_free_bytes() : available_host_bytes();
  model_ = std::make_unique<HostModel>(build_host_model(network, available, options.partition));
  engine_ = cuda ? make_cuda_engine(*model_) : make_cpu_engine(*model_, options.threads);
  setup_s_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Simulator::~Simulator() = default;
Simulator::Simulator(Simulator&&) noexcept = default;
Simulator& Simulator::operator=(Simulator&&) noexcept = default;

void Simulator::run(double duration_ms) {
  if (!(duration_ms >= 0.0) || !std::isfinite(duration_ms))
    throw input_error("run: duration must be a finite number >= 0 ms (got " +
                      std::to_string(duration_ms) + ")");
  // The bound of simulation.duration (network/validate.cpp): run(1e300) ran without end.
  if (duration_ms / model_->dt > kMostSteps)
    throw input_error("run: " + std::to_string(duration_ms) +
                      " ms gives more than 1e12 steps of dt; run in parts, or raise dt");
  // The traces this run adds, before it records them: the construction's estimate covers
  // simulation.duration only, and run(t) for a longer t grew them without a check. Small
  // amounts skip the check (it reads /proc/meminfo, and samplers call run every millisecond).
  constexpr double kUncheckedTraceBytes = 64e6;
  const double traces = trace_bytes(model_->network, duration_ms);
  if (traces > kUncheckedTraceBytes)
    refuse_unless_it_fits(traces, "the traces recorded by run(" + std::to_string(duration_ms) +
                                      " ms) would",
                          "record fewer neurons or a longer sampling_interval, or run in parts "
                          "and take result() and reset() between them");
  engine_->advance(static_cast<uint64_t>(std::llround(duration_ms / model_->dt)),
                   options_.progress);
}

void Simulator::reset() { engine_->reset(); }

uint32_t Simulator::neurons() const { return model_->neurons; }
uint32_t Simulator::replicas() const { return model_->replicas; }

std::vector<uint8_t> Simulator::refractory_states() { return engine_->refractory_flags(); }

void Simulator::set_refractory_states(const std::vector<uint8_t>& z) {
  engine_->set_refractory_flags(z);
}

void Simulator::set_replica_inputs(const ReplicaOverrides& overrides) {
  if (!overrides.seed.empty() || !overrides.weight_scale.empty())
    throw input_error("set_replica_inputs: seeds and weight scales are fixed when a simulator is "
                      "built; only rate_E, rate_I, i_offset, dc_scale and currents can change "
                      "mid-run");
  ReplicaOverrides& now = model_->network.overrides;
  // Per-replica currents need one current per neuron and replica on the device, which a
  // simulator built without them does not hold.
  if (!overrides.currents.empty() && model_->replicas > 1 && model_->dc_stride == 0)
    throw input_error("set_replica_inputs: give overrides.currents (zeros will do) when the "
                      "simulator is built; they cannot be added mid-run");
  Network changed = model_->network;
  ReplicaOverrides& o = changed.overrides;
  o.rate_E = overrides.rate_E;
  o.rate_I = overrides.rate_I;
  o.i_offset = overrides.i_offset;
  o.dc_scale = overrides.dc_scale;
  o.currents = overrides.currents;
  validate(changed);
  const auto& populations = changed.populations;
  for (uint32_t p = 0; p < populations.size(); ++p)
    for (uint32_t r = 0; r < model_->replicas; ++r)
      model_->replica_inputs[p * model_->replicas + r] =
          replica_inputs(populations[p], o, r, model_->dt);
  const bool currents_change = !now.currents.empty() || !o.currents.empty();
  now = o;
  engine_->upload_replica_inputs();
  if (currents_change) engine_->upload_dc_currents();
}

void Simulator::set_weight_scales(const std::vector<double>& scales) {
  if (scales.size() != model_->replicas)
    throw input_error("set_weight_scales: expected one weight scale per replica (" +
                      std::to_string(model_->replicas) + "), got " + std::to_string(scales.size()));
  Network changed = model_->network;
  changed.overrides.weight_scale = scales;
  validate(changed);
  const std::vector<float> floats(scales.begin(), scales.end());
  const float scale = input_scale(model_->input_bounds, floats, changed.source,
                                  engine_->pending_input_scale_limit());
  engine_->replace_weight_scales(floats, scale);
  model_->weight_scale = floats;
  model_->input_scale = scale;
  model_->network.overrides.weight_scale = scales;
}

namespace {

bool same_traces(const RecordSpec& a, const RecordSpec& b) {
  return a.v == b.v && a.syn_exc == b.syn_exc && a.syn_inh == b.syn_inh && a.w == b.w &&
         a.sampling_interval == b.sampling_interval;
}

// Whether b differs from a in anything but its weights and delays. The connections themselves
// are compared by the engine, after drawing them again.
bool same_but_weights_and_delays(const Projection& a, const Projection& b) {
  const Connector &x = a.connector, &y = b.connector;
  const auto pairs = [](const Connector& c) {
    std::vector<std::tuple<uint32_t, uint32_t, double>> p;
    for (const Connection& e : c.list) p.emplace_back(e.pre, e.post, e.release_probability);
    return p;
  };
  return a.source == b.source && a.target == b.target && a.receptor == b.receptor &&
         a.release_probability == b.release_probability && a.dynamics == b.dynamics &&
         a.stdp == b.stdp && a.stp.U == b.stp.U && a.stp.tau_rec == b.stp.tau_rec &&
         a.stp.tau_fac == b.stp.tau_fac && !a.mapped && !b.mapped && x.kind == y.kind &&
         x.allow_self == y.allow_self && x.p == y.p && x.n == y.n && pairs(x) == pairs(y) &&
         x.matrix.size() == y.matrix.size();
}

// Throws unless `index` names one of the network's `count` populations or projections.
void check_index(const std::string& call, const std::string& what, size_t index, size_t count) {
  if (index >= count)
    throw input_error(call + ": no " + what + " " + std::to_string(index) + " (the network has " +
                      std::to_string(count) + ")");
}

}  // namespace

void Simulator::set_population(uint32_t p, const Population& population) {
  const auto& populations = model_->network.populations;
  check_index("set_population", "population", p, populations.size());
  const Population& old = populations[p];
  if (population.name != old.name || population.size != old.size || population.model != old.model)
    throw input_error("set_population: population " + std::to_string(p) + " ('" + old.name +
                      "', " + std::to_string(old.size) + " x " + model_name(old.model) +
                      ") keeps its name, size and model in a built simulator; build a new one");
  Network changed = model_->network;
  changed.populations[p] = population;
  validate(changed);
  const bool traces_changed = !same_traces(old.record, population.record);
  model_->network.populations[p] = population;
  derive_population_tables(*model_);
  if (traces_changed) plan_traces(*model_, engine_->step());
  engine_->upload_population_tables(traces_changed);
}

void Simulator::set_projection(uint32_t j, const Projection& projection) {
  const auto& projections = model_->network.projections;
  check_index("set_projection", "projection", j, projections.size());
  const Projection& old = projections[j];
  if (!same_but_weights_and_delays(old, projection))
    throw input_error("set_projection: projection " + std::to_string(j) + " ('" + old.source +
                      "' -> '" + old.target + "') can change only its weights and delays in a " +
                      "built simulator; build a new one for other changes");
  Network changed = model_->network;
  changed.projections[j] = projection;
  validate(changed);
  Connectivity c = build_connectivity(changed);
  if (model_->partition.distributed() && min_delay_steps(c) < model_->window_steps)
    throw input_error("set_projection: in a distributed run delays cannot become shorter than "
                      "the shortest the simulator was built with (" +
                      number_text(model_->window_steps * model_->dt) + " ms)");
  std::vector<PlasticProjection> plastic = build_plastic_projections(changed);
  for (const PlasticProjection& p : plastic)
    c.max_delay_steps = std::max(c.max_delay_steps, p.max_delay_steps);
  if (c.max_delay_steps > model_->slots)
    throw input_error("set_projection: projection " + std::to_string(j) + " would delay spikes by " +
                      number_text(c.max_delay_steps * model_->dt) + " ms, longer than the " +
                      number_text(model_->slots * model_->dt) + " ms that the simulator was " +
                      "built for; build a new one (in PyNN: reset())");
  const InputBounds bounds = input_bounds(c, plastic);
  const float scale = input_scale(bounds, model_->weight_scale, changed.source,
                                  engine_->pending_input_scale_limit());
  if (projection.stdp.enabled) {
    for (PlasticProjection& p : plastic)
      if (p.projection == j) engine_->replace_plastic(std::move(p), scale);
  } else {
    if (model_->partition.distributed()) keep_targets(c, model_->partition);
    engine_->replace_synapses(std::move(c), scale);
  }
  model_->input_scale = scale;
  model_->input_bounds = bounds;
  model_->network.projections[j] = projection;
}

std::vector<double> Simulator::plastic_weights(uint32_t j, uint32_t r) {
  check_index("plastic_weights", "projection", j, model_->network.projections.size());
  check_index("plastic_weights", "replica", r, model_->replicas);
  const std::vector<float> w = engine_->plastic_weights(j, r);
  return {w.begin(), w.end()};
}

std::vector<double> Simulator::injected_current(uint32_t p, uint32_t source, uint32_t k, uint32_t r,
                                               uint64_t first_step, uint64_t steps) const {
  const auto& populations = model_->network.populations;
  check_index("injected_current", "population", p, populations.size());
  check_index("injected_current", "DC source", source, populations[p].dc_sources.size());
  check_index("injected_current", "neuron", k, populations[p].size);
  check_index("injected_current", "replica", r, model_->replicas);
  refuse_unless_it_fits(8.0 * static_cast<double>(steps), "injected_current's " + std::to_string(steps) + " steps",
                        "ask for fewer steps at a time");
  // add_dc_sources lists every population's sources in order.
  size_t index = source;
  for (uint32_t q = 0; q < p; ++q) index += populations[q].dc_sources.size();
  const DcEvent& e = model_->dc_events[index];
  const uint32_t n = model_->offsets[p] + k;
  std::vector<double> current(steps, 0.0);
  if (std::find(e.neurons.begin(), e.neurons.end(), n) == e.neurons.end()) return current;
  for (uint64_t i = 0; i < steps; ++i) current[i] = dc_event_current(*model_, e, n, r, first_step + i);
  return current;
}

double Simulator::time_ms() const { return static_cast<double>(engine_->step()) * model_->dt; }

RunResult Simulator::result() {
  check_membranes_finite();
  engine_->flush();
  RunResult result = engine_->recorder().assemble(engine_->step());
  const EngineStats stats = engine_->stats();
  RunSummary& s = result.summary;
  s.neurons = model_->neurons;
  s.synapses = stats.synapses;
  s.replicas = model_->replicas;
  s.bio_time_ms = time_ms();
  s.setup_s = setup_s_;
  s.wall_s = stats.wall_s;
  s.realtime_factor = stats.wall_s > 0 ? s.bio_time_ms * 1e-3 * s.replicas / stats.wall_s : 0.0;
  s.spikes = stats.spikes;
  s.synaptic_events = stats.synaptic_events;
  s.memory_bytes = stats.memory_bytes;
  s.bytes_per_synapse =
      stats.synapses ? static_cast<double>(stats.connectivity_bytes) / stats.synapses : 0.0;
  s.backend = stats.backend;
  s.threads = stats.threads;
  const double steps = static_cast<double>(std::max<uint64_t>(1, engine_->step()));
  s.launches_per_step = static_cast<double>(stats.traffic.launches) / steps;
  s.host_waits_per_step = static_cast<double>(stats.traffic.host_waits) / steps;
  s.transfers_per_step = static_cast<double>(stats.traffic.transfers) / steps;
  for (const PlasticProjection& p : model_->plastic) {
    LearnedWeights learned;
    learned.projection = p.projection;
    learned.source = model_->network.projections[p.projection].source;
    learned.target = model_->network.projections[p.projection].target;
    synapse_ends(p, learned.pre, learned.post);
    for (uint32_t r = 0; r < model_->replicas; ++r) {
      const std::vector<float> w = engine_->plastic_weights(p.projection, r);
      learned.weight.insert(learned.weight.end(), w.begin(), w.end());
    }
    result.learned.push_back(std::move(learned));
  }
  if (model_->partition.distributed())
    return merge_results(result, model_->partition, model_->offsets);
  return result;
}

void Simulator::check_membranes_finite() {
  const std::vector<float> v = engine_->membranes();
  const auto bad = std::find_if(v.begin(), v.end(), [](float x) { return !std::isfinite(x); });
  if (bad == v.end()) return;
  const size_t at = static_cast<size_t>(bad - v.begin());
  const uint32_t neuron = static_cast<uint32_t>(at % model_->neurons);
  const auto p = static_cast<size_t>(
      std::upper_bound(model_->offsets.begin(), model_->offsets.end(), neuron) -
      model_->offsets.begin() - 1);
  char when[64];
  std::snprintf(when, sizeof when, "%g ms", time_ms());
  throw input_error("the membrane of neuron " + std::to_string(neuron - model_->offsets[p]) +
                    " of population '" + model_->network.populations[p].name + "' (replica " +
                    std::to_string(at / model_->neurons) + ") is not a finite number at " +
                    when + ": its parameters, inputs or weights drive it beyond what single "
                    "precision holds (reversal potentials, weights x rates); check them");
}

RunResult simulate(const Network& network, const SimulatorOptions& options) {
  Simulator simulator(network, options);
  simulator.run(network.simulation.duration);
  return simulator.result();
}

}  // namespace spikewafer
