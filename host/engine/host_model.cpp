#include "host_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include "kernels/hh_step.hpp"
#include "kernels/random.hpp"
#include "input_scale.hpp"
#include "model_constants.hpp"
#include "network/connectors.hpp"
#include "network/layout.hpp"
#include "spikewafer/parameter_fields.hpp"
#include "network/validate.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer {
namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

std::string gib(double bytes) {
  std::ostringstream s;
  s.precision(3);
  s << bytes / kGiB << " GiB";
  return s.str();
}

// Refuses, before anything large is allocated, a network whose state, synapses and recorded
// traces exceed memory.
void check_fits(const Network& network, uint64_t neurons, uint64_t available_bytes) {
  HostModel sizing;
  sizing.neurons = static_cast<uint32_t>(neurons);
  sizing.replicas = network.simulation.replicas;
  const double synapses = expected_synapses(network);
  // The largest delay is not known before drawing; assume 16 slots for the estimate.
  sizing.slots = 16;
  // The CSR is built with a float weight per synapse (8 bytes), coded (6) in its own memory.
  const double traces = trace_bytes(network, network.simulation.duration);
  // A plastic synapse: its row and column entries (28 bytes) and a weight per replica.
  double plastic = 0.0;
  for (const Projection& p : network.projections)
    if (p.stdp.enabled) {
      const auto size_of = [&](const std::string& name) {
        return network.populations[population_index(network, name, "projection")].size;
      };
      plastic += connectors::expected_synapses(p, size_of(p.source), size_of(p.target),
                                               p.source == p.target) *
                 (28.0 + 4.0 * network.simulation.replicas);
    }
  // Once any synapse is stochastic, every synapse keeps a release probability (4 bytes more).
  const int synapse_bytes = any_stochastic(network) ? 12 : 8;
  // The recorded spikes' buffer on the device: a state index and a step each.
  uint64_t recorded_states = 0;
  for (const Population& p : network.populations)
    if (p.record.spikes || p.record.rate) recorded_states += uint64_t{p.size} * sizing.replicas;
  const double spike_records = recorded_states == 0
                                   ? 0.0
                                   : 2.0 * sizeof(uint32_t) * spike_record_capacity(recorded_states);
  const double needed = static_cast<double>(engine_bytes(sizing, 0)) + synapses * synapse_bytes +
                        plastic + traces + spike_records;
  if (needed > static_cast<double>(available_bytes)) {
    throw Error(ErrorKind::kResource,
                network.source + ": the network needs about " + gib(needed) + " (" +
                    std::to_string(neurons) + " neurons x " +
                    std::to_string(network.simulation.replicas) + " replicas, " +
                    std::to_string(static_cast<uint64_t>(synapses)) + " synapses at " +
                    std::to_string(synapse_bytes) + " bytes, " +
                    gib(traces) + " of recorded traces) but only " +
                    gib(static_cast<double>(available_bytes)) +
                    " is available; reduce populations, connection probability, replicas or "
                    "what is recorded (fewer neurons, a longer sampling_interval)");
  }
}

std::vector<uint32_t> source_steps_of(const std::vector<double>& times, double dt) {
  std::vector<uint32_t> steps;
  steps.reserve(times.size());
  // A spike at time t is emitted at the end of step round(t / dt) - 1.
  for (double t : times) steps.push_back(static_cast<uint32_t>(std::lround(t / dt) - 1));
  std::sort(steps.begin(), steps.end());
  // A neuron emits one spike per step: spikes that round to a step already taken are queued
  // into the next free one rather than lost (PyNN scripts written for off-grid simulators list
  // spikes closer than dt).
  for (size_t i = 1; i < steps.size(); ++i) steps[i] = std::max(steps[i], steps[i - 1] + 1);
  return steps;
}

void add_spike_source_lists(HostModel& m, const Population& pop, kernels::PopulationConstants& c) {
  c.source_base = m.source_lists;
  for (uint32_t k = 0; k < pop.size; ++k) {
    const auto& times = pop.spike_times.size() == 1 ? pop.spike_times[0]
                        : pop.spike_times.empty()   ? std::vector<double>{}
                                                    : pop.spike_times[k];
    const std::vector<uint32_t> steps = source_steps_of(times, m.dt);
    m.source_steps.insert(m.source_steps.end(), steps.begin(), steps.end());
    m.source_offsets.push_back(static_cast<uint32_t>(m.source_steps.size()));
    ++m.source_lists;
  }
}

void add_traces(HostModel& m, uint32_t p, const Population& pop, uint64_t start_step) {
  const RecordSpec& rec = pop.record;
  if (std::all_of(std::begin(kTraceLists), std::end(kTraceLists),
                  [&rec](auto list) { return (rec.*list).empty(); }))
    return;
  const uint64_t interval = std::max<int64_t>(1, std::lround(rec.sampling_interval / m.dt));
  auto group = std::find_if(m.trace_groups.begin(), m.trace_groups.end(),
                            [&](const TraceGroup& g) { return g.interval_steps == interval; });
  if (group == m.trace_groups.end()) {
    m.trace_groups.push_back(TraceGroup{interval, start_step, {}, {}, {}, {}, {}});
    group = m.trace_groups.end() - 1;
  }
  for (uint8_t var = 0; var < std::size(kTraceLists); ++var)
    for (uint32_t r = 0; r < m.replicas; ++r)
      for (uint32_t k : rec.*kTraceLists[var]) {
        group->state_index.push_back(r * m.neurons + m.offsets[p] + k);
        group->variable.push_back(var);
        group->population.push_back(p);
        group->replica.push_back(r);
        group->neuron.push_back(k);
      }
}

constexpr double kPi = 3.14159265358979323846;

void add_dc_sources(HostModel& m, const Population& pop, uint32_t first) {
  for (const DCSource& dc : pop.dc_sources) {
    DcEvent e;
    e.on = static_cast<uint64_t>(std::llround(dc.start / m.dt));
    e.off = dc.stop >= 1e299 ? UINT64_MAX : static_cast<uint64_t>(std::llround(dc.stop / m.dt));
    e.amplitude = static_cast<float>(dc.amplitude);
    e.omega_dt = 2.0 * kPi * dc.frequency * 1e-3 * m.dt;
    e.phase = dc.phase * kPi / 180.0;
    e.offset = dc.offset;
    e.stdev = dc.stdev;
    e.noise_steps = std::max<uint64_t>(1, static_cast<uint64_t>(std::llround(dc.noise_dt / m.dt)));
    // Sources on the simulation's seed draw apart by their place among all sources; a source
    // with its own seed draws the same whatever the rest of the network.
    e.seed = dc.seed ? dc.seed : m.network.simulation.seed;
    e.substream = dc.seed ? 0 : static_cast<uint32_t>(m.dc_events.size());
    if (dc.neurons.empty())
      for (uint32_t k = 0; k < pop.size; ++k) e.neurons.push_back(first + k);
    else
      for (uint32_t k : dc.neurons) e.neurons.push_back(first + k);
    m.dc_events.push_back(std::move(e));
  }
}

float draw(const std::optional<Distribution>& d, double fallback, float u0, float u1) {
  if (!d) return static_cast<float>(fallback);
  switch (d->kind) {
    case Distribution::Kind::kConstant: return static_cast<float>(d->a);
    case Distribution::Kind::kUniform: return static_cast<float>(d->a + (d->b - d->a) * u0);
    case Distribution::Kind::kNormal:
    case Distribution::Kind::kNormalClippedToBoundary: {
      const double radius = std::sqrt(-2.0 * std::log(1.0 - static_cast<double>(u0)));
      return static_cast<float>(d->a + d->b * radius * std::cos(2.0 * kPi * u1));
    }
  }
  return static_cast<float>(fallback);
}

void add_presynaptic_dynamics(HostModel& m) {
  const auto& projections = m.network.projections;
  m.presynaptic_kind.clear();
  m.log_decay.clear();
  m.tsodyks_markram.clear();
  m.any_tsodyks_markram = false;
  // Stochastic synapses take the delivery of dynamic ones (every kind static where all are
  // additive), which draws their release.
  if (std::all_of(projections.begin(), projections.end(), [](const Projection& p) {
        return p.dynamics == SynapseDynamics::kAdditive;
      }) && !any_stochastic(m.network))
    return;
  m.presynaptic_kind.assign(m.neurons, 0);
  m.log_decay.assign(2ull * m.neurons, 0.0f);
  m.tsodyks_markram.assign(m.neurons, kernels::TsodyksMarkramParams{});
  for (const Projection& pr : projections) {
    if (pr.dynamics == SynapseDynamics::kAdditive) continue;
    const uint32_t p = population_index(m.network, pr.source, "projection source");
    const bool tm = pr.dynamics == SynapseDynamics::kTsodyksMarkram;
    m.any_tsodyks_markram = m.any_tsodyks_markram || tm;
    const auto kind = tm ? kernels::PresynapticKind::kTsodyksMarkram
                         : kernels::PresynapticKind::kRenewing;
    kernels::TsodyksMarkramParams params;
    params.U = static_cast<float>(pr.stp.U);
    params.rec = static_cast<float>(-m.dt / pr.stp.tau_rec);
    // No facilitation: exp(fac h) must vanish for every h >= 1.
    params.fac = pr.stp.tau_fac > 0 ? static_cast<float>(-m.dt / pr.stp.tau_fac) : -1e30f;
    for (uint32_t n = m.offsets[p]; n < m.offsets[p + 1]; ++n) {
      m.presynaptic_kind[n] = static_cast<uint8_t>(kind);
      m.tsodyks_markram[n] = params;
    }
  }
  for (uint32_t p = 0; p < m.network.populations.size(); ++p) {
    const Population& pop = m.network.populations[p];
    for (uint32_t n = m.offsets[p]; n < m.offsets[p + 1]; ++n) {
      const NeuronParams q = neuron_params(pop, n - m.offsets[p]);
      m.log_decay[2ull * n] = static_cast<float>(-m.dt / q.tau_syn_E);
      m.log_decay[2ull * n + 1] = static_cast<float>(-m.dt / q.tau_syn_I);
    }
  }
}

}  // namespace

double trace_bytes(const Network& network, double duration_ms) {
  const SimulationSettings& s = network.simulation;
  double bytes = 0.0;
  for (const Population& p : network.populations) {
    const RecordSpec& r = p.record;
    double traced = 0;
    for (auto list : kTraceLists) traced += static_cast<double>((r.*list).size());
    if (traced == 0) continue;
    const double interval = r.sampling_interval > 0 ? r.sampling_interval : s.dt;
    bytes += traced * s.replicas * std::ceil(duration_ms / interval) * sizeof(float);
  }
  return bytes;
}

uint64_t spike_record_capacity(uint64_t recorded_states) {
  return std::max<uint64_t>(uint64_t{1} << 20, 4 * recorded_states);
}

uint64_t engine_bytes(const HostModel& m, uint64_t synapses) {
  const uint64_t states = m.state_size();
  // v, syn_e, syn_i (and dsyn_e, dsyn_i with alpha synapses, w with AdEx neurons, three gates
  // with HH neurons); refractory; spike count and step list; spike flag; ring buffer.
  bool alpha = false, adex = false, hh = false;
  for (const Population& p : m.network.populations) {
    alpha = alpha || has_alpha_synapses(p.model);
    adex = adex || is_adaptive_exponential(p.model);
    hh = hh || is_hodgkin_huxley(p.model);
  }
  const uint64_t per_state = (3 + 2 * alpha + adex + 3 * hh) * sizeof(float) + sizeof(int32_t) + 2 * sizeof(uint32_t) +
                             sizeof(uint8_t) + 2ull * m.slots * sizeof(int32_t);
  const uint64_t dc = (m.dc_stride ? states : m.neurons) * sizeof(float);
  return states * per_state + dc + (m.neurons + 1ull) * (sizeof(uint64_t) + 1) + synapses * 8 +
         m.neuron_constants.size() * sizeof(kernels::PopulationConstants);
}

uint64_t available_host_bytes() {
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  uint64_t kib = 0;
  while (meminfo >> key >> kib) {
    if (key == "MemAvailable:") return kib * 1024;
    meminfo.ignore(256, '\n');
  }
  return UINT64_MAX;  // unknown: do not refuse
}

bool fits_in_free_memory(double bytes) {
  return bytes <= 0.8 * static_cast<double>(available_host_bytes());
}

void refuse_unless_it_fits(double bytes, const std::string& what, const std::string& fix) {
  if (fits_in_free_memory(bytes)) return;
  char amounts[128];
  std::snprintf(amounts, sizeof amounts,
                " need about %.3g GB, more than the %.3g GB this machine has free; ", bytes / 1e9,
                static_cast<double>(available_host_bytes()) / 1e9);
  throw Error(ErrorKind::kResource, what + amounts + fix);
}

HostModel build_host_model(const Network& network, uint64_t available_bytes,
                           const Partition& partition) {
  validate(network);
  HostModel m;
  m.network = network;
  m.dt = network.simulation.dt;
  m.offsets = population_offsets(network);
  m.neurons = m.offsets.back();
  m.replicas = network.simulation.replicas;
  if (network.populations.size() > 256)
    throw input_error(network.source + ": at most 256 populations are supported");
  if (m.state_size() >= (uint64_t{1} << 32))
    throw input_error(network.source + ": neurons x replicas is " + std::to_string(m.state_size()) +
                      "; at most 4,294,967,295 are supported in one run; use fewer replicas");
  check_fits(network, m.neurons, available_bytes);

  for (uint32_t r = 0; r < m.replicas; ++r) {
    const auto& o = network.overrides;
    m.seeds.push_back(o.seed.empty() ? kernels::replica_seed(network.simulation.seed, r)
                                     : kernels::replica_seed(o.seed[r], 0));
    m.weight_scale.push_back(o.weight_scale.empty() ? 1.0f : static_cast<float>(o.weight_scale[r]));
  }
  m.population_of.resize(m.neurons);
  for (uint32_t p = 0; p < network.populations.size(); ++p)
    std::fill(m.population_of.begin() + m.offsets[p], m.population_of.begin() + m.offsets[p + 1],
              static_cast<uint8_t>(p));
  derive_population_tables(m);
  plan_traces(m, 0);
  m.connectivity = build_connectivity(network);
  m.plastic = build_plastic_projections(network);
  if (!m.plastic.empty() && partition.distributed())
    throw input_error(network.source + ": projections with stdp cannot run distributed over "
                      "processes yet; run this network in one process");
  // A synapse's release draw is keyed by its place in the CSR, which a process's share changes.
  if (!m.connectivity.release.empty() && partition.distributed())
    throw input_error(network.source + ": stochastic synapses (release_probability below 1) "
                      "cannot run distributed over processes yet; run this network in one process");
  m.slots = m.connectivity.max_delay_steps;
  for (const PlasticProjection& p : m.plastic) m.slots = std::max(m.slots, p.max_delay_steps);
  // From the whole network, so that every process rounds input alike.
  m.input_bounds = input_bounds(m.connectivity, m.plastic);
  m.input_scale = input_scale(m.input_bounds, m.weight_scale, network.source);
  m.partition = partition;
  if (m.partition.distributed()) {
    m.window_steps = min_delay_steps(m.connectivity);
    keep_targets(m.connectivity, m.partition);
  }
  return m;
}

void derive_population_tables(HostModel& m) {
  const Network& network = m.network;
  m.constants.clear();
  m.neuron_constants.clear();
  m.neuron_constants_base.clear();
  m.source_offsets.assign(1, 0);
  m.source_steps.clear();
  m.source_lists = 0;
  m.replica_inputs.assign(network.populations.size() * m.replicas, kernels::ReplicaInputs{});
  m.dc_events.clear();
  m.rate_only.clear();
  for (uint32_t p = 0; p < network.populations.size(); ++p) {
    const Population& pop = network.populations[p];
    kernels::PopulationConstants c = population_constants(pop, m.dt, m.offsets[p]);
    if (pop.model == Model::kSpikeSourceArray) add_spike_source_lists(m, pop, c);
    m.constants.push_back(c);
    const std::vector<kernels::PopulationConstants> own = neuron_constants(pop, m.dt, m.offsets[p]);
    m.neuron_constants_base.push_back(own.empty() ? HostModel::kHomogeneous
                                                  : static_cast<uint32_t>(m.neuron_constants.size()));
    m.neuron_constants.insert(m.neuron_constants.end(), own.begin(), own.end());
    for (uint32_t r = 0; r < m.replicas; ++r)
      m.replica_inputs[p * m.replicas + r] = replica_inputs(pop, network.overrides, r, m.dt);
    add_dc_sources(m, pop, m.offsets[p]);
    m.rate_only.push_back(pop.record.rate && !pop.record.spikes);
  }
  const bool noisy = std::any_of(m.dc_events.begin(), m.dc_events.end(),
                                 [](const DcEvent& e) { return e.stdev > 0; });
  // Noisy sources draw apart per replica, and per-replica currents differ by definition.
  const bool per_replica = noisy || !network.overrides.currents.empty();
  m.dc_stride = per_replica && m.replicas > 1 ? m.neurons : 0;
  add_presynaptic_dynamics(m);
}

void plan_traces(HostModel& m, uint64_t start_step) {
  m.trace_groups.clear();
  for (uint32_t p = 0; p < m.network.populations.size(); ++p)
    add_traces(m, p, m.network.populations[p], start_step);
}

InitialState draw_initial_state(const HostModel& m) {
  InitialState s;
  s.v.resize(m.state_size());
  s.syn_e.resize(m.state_size());
  s.syn_i.resize(m.state_size());
  s.w.resize(m.state_size());
  const bool gates = std::any_of(m.network.populations.begin(), m.network.populations.end(),
                                 [](const Population& p) { return is_hodgkin_huxley(p.model); });
  if (gates) {
    s.m.resize(m.state_size());
    s.h.resize(m.state_size());
    s.n.resize(m.state_size());
  }
  for (uint32_t p = 0; p < m.network.populations.size(); ++p) {
    const Population& pop = m.network.populations[p];
    const InitialValues& init = pop.initial;
    const bool conductances = is_conductance_based(pop.model);
    for (uint32_t r = 0; r < m.replicas; ++r) {
      for (uint32_t n = m.offsets[p]; n < m.offsets[p + 1]; ++n) {
        const uint64_t i = static_cast<uint64_t>(r) * m.neurons + n;
        const uint32_t k = n - m.offsets[p];
        const auto draw_for = [&](uint64_t which, const std::optional<Distribution>& d,
                                  const std::vector<double>& per_neuron, double fallback) {
          if (!per_neuron.empty()) return static_cast<float>(per_neuron[k]);
          const auto u = kernels::philox_uniform4(m.seeds[r], n, which, kernels::Stream::kInitial);
          return draw(d, fallback, u.u[0], u.u[1]);
        };
        const double v_rest = is_hodgkin_huxley(pop.model)
                                  ? value_for(pop.per_neuron.e_rev_leak, pop.params.e_rev_leak, k)
                                  : value_for(pop.per_neuron.v_rest, pop.params.v_rest, k);
        s.v[i] = draw_for(0, init.v, init.v_per_neuron, v_rest);
        s.syn_e[i] = draw_for(1, init.syn_exc, init.syn_exc_per_neuron, 0.0);
        s.syn_i[i] = draw_for(2, init.syn_inh, init.syn_inh_per_neuron, 0.0);
        s.w[i] = draw_for(3, init.w, init.w_per_neuron, 0.0);
        if (is_hodgkin_huxley(pop.model)) {  // unset gates: at rest at the initial v
          const double offset = value_for(pop.per_neuron.v_offset, pop.params.v_offset, k);
          const kernels::HhRates a = kernels::hh_rates(static_cast<float>(s.v[i] - offset));
          s.m[i] = draw_for(4, init.m, init.m_per_neuron, kernels::steady_gate(a.alpha_m, a.beta_m));
          s.h[i] = draw_for(5, init.h, init.h_per_neuron, kernels::steady_gate(a.alpha_h, a.beta_h));
          s.n[i] = draw_for(6, init.n, init.n_per_neuron, kernels::steady_gate(a.alpha_n, a.beta_n));
        }
        if (conductances) {  // a normal draw may fall below zero; conductances cannot
          s.syn_e[i] = std::max(0.0f, s.syn_e[i]);
          s.syn_i[i] = std::max(0.0f, s.syn_i[i]);
        }
      }
    }
  }
  return s;
}

namespace {

// Which replica's draws replica r's noisy currents take: its own, or those of the first replica
// given the same seed (replicas with equal seeds agree in everything).
uint32_t noise_replica(const HostModel& m, uint32_t r) {
  const std::vector<uint64_t>& seeds = m.network.overrides.seed;
  if (seeds.empty()) return r;
  return static_cast<uint32_t>(std::find(seeds.begin(), seeds.end(), seeds[r]) - seeds.begin());
}

}  // namespace

float dc_event_current(const HostModel& m, const DcEvent& e, uint32_t n, uint32_t r, uint64_t step) {
  return kernels::dc_event_value(e, n, noise_replica(m, r), step);
}

std::vector<float> base_currents(const HostModel& m) {
  const uint32_t copies = m.dc_stride ? m.replicas : 1;
  std::vector<float> current(copies * static_cast<size_t>(m.neurons), 0.0f);
  for (uint32_t p = 0; p < m.network.populations.size(); ++p) {
    const std::vector<double>& bias = m.network.populations[p].i_offset_per_neuron;
    for (uint32_t r = 0; r < copies; ++r)
      for (size_t k = 0; k < bias.size(); ++k)
        current[r * m.dc_stride + m.offsets[p] + k] += static_cast<float>(bias[k]);
  }
  for (const ReplicaCurrents& c : m.network.overrides.currents) {
    const uint32_t p = population_index(m.network, c.population, "overrides.currents");
    const uint32_t size = m.network.populations[p].size;
    for (uint32_t r = 0; r < copies; ++r)
      for (uint32_t k = 0; k < size; ++k)
        current[r * m.dc_stride + m.offsets[p] + k] += static_cast<float>(c.values[size_t{r} * size + k]);
  }
  return current;
}

DcTables dc_tables(const HostModel& m) {
  DcTables t;
  if (m.dc_events.empty()) return t;  // no per-neuron lists to build at every reset
  // Per neuron the sources that reach it, in the sources' order (the order their currents add).
  std::vector<std::vector<uint32_t>> sources_of(m.neurons);
  for (uint32_t e = 0; e < m.dc_events.size(); ++e) {
    t.events.push_back(m.dc_events[e]);
    for (uint32_t n : m.dc_events[e].neurons) sources_of[n].push_back(e);
  }
  for (uint32_t n = 0; n < m.neurons; ++n) {
    if (sources_of[n].empty()) continue;
    t.neurons.push_back(n);
    t.event_of.insert(t.event_of.end(), sources_of[n].begin(), sources_of[n].end());
    t.row_ptr.push_back(static_cast<uint32_t>(t.event_of.size()));
  }
  const uint32_t copies = m.dc_stride ? m.replicas : 1;
  for (uint32_t r = 0; r < copies; ++r) t.noise_replica.push_back(noise_replica(m, r));
  return t;
}

bool dc_changes_at(const HostModel& m, uint64_t step) {
  return std::any_of(m.dc_events.begin(), m.dc_events.end(), [step](const DcEvent& e) {
    const bool on = e.on <= step && step < e.off;
    return e.on == step || e.off == step || (on && e.omega_dt != 0) ||
           (on && e.stdev > 0 && (step - e.on) % e.noise_steps == 0);
  });
}

}  // namespace spikewafer
