// The description of a network as the user gives it: populations, projections, simulation
// settings and per-replica overrides. Plain values only; validation lives in
// host/network/validate.hpp, parsing in host/io/. Names and units follow PyNN:
// ms, mV, nA, nF, uS, Hz.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace spikewafer {

enum class Model {
  kIfCurrExp,           // IF_curr_exp: current-based LIF, exponential synaptic currents
  kIfCondExp,           // IF_cond_exp: conductance-based LIF, exponential conductances
  kIfCurrAlpha,         // IF_curr_alpha: current-based LIF, alpha-shaped synaptic currents
  kIfCondAlpha,         // IF_cond_alpha: conductance-based LIF, alpha-shaped conductances
  kSpikeSourceArray,    // SpikeSourceArray: spikes at given times
  kSpikeSourcePoisson,  // SpikeSourcePoisson: independent Poisson spike trains
  // EIF_cond_exp_isfa_ista / EIF_cond_alpha_isfa_ista: the adaptive exponential
  // integrate-and-fire neuron (AdEx, Brette & Gerstner 2005), BrainScaleS-1's neuron circuit,
  // with exponential or alpha-shaped conductances
  kEifCondExpIsfaIsta,
  kEifCondAlphaIsfaIsta,
  // HH_cond_exp: the Hodgkin-Huxley neuron of Traub and Miles (NEST's hh_cond_exp_traub), with
  // exponential conductances
  kHhCondExp,
};

// PyNN's name of a model ("IF_cond_exp"), and the model of a name (nullopt if unknown).
const char* model_name(Model model);
std::optional<Model> model_from_name(const std::string& name);
inline bool is_spike_source(Model m) {
  return m == Model::kSpikeSourceArray || m == Model::kSpikeSourcePoisson;
}
inline bool is_adaptive_exponential(Model m) {
  return m == Model::kEifCondExpIsfaIsta || m == Model::kEifCondAlphaIsfaIsta;
}
inline bool is_hodgkin_huxley(Model m) { return m == Model::kHhCondExp; }
// The models with a threshold, a reset and a refractory clamp (all neurons but HH_cond_exp).
inline bool is_integrate_and_fire(Model m) { return !is_spike_source(m) && !is_hodgkin_huxley(m); }
inline bool is_conductance_based(Model m) {
  return m == Model::kIfCondExp || m == Model::kIfCondAlpha || is_adaptive_exponential(m) ||
         is_hodgkin_huxley(m);
}
// An input spike of weight w gives a synaptic variable w (t / tau) e^{1 - t / tau}, peaking at w
// at t = tau, instead of w e^{-t / tau}.
inline bool has_alpha_synapses(Model m) {
  return m == Model::kIfCurrAlpha || m == Model::kIfCondAlpha || m == Model::kEifCondAlphaIsfaIsta;
}

// Parameters of the neuron models, with PyNN's defaults for IF_cond_exp (IF_curr_exp shares all
// but the reversal potentials, which it ignores); default_params gives each model's defaults.
// The AdEx models read v_thresh as the exponential term's threshold V_T and spike when the
// membrane reaches v_spike:
//   cm dv/dt = g_L (v_rest - v) + g_L delta_T exp((v - v_thresh) / delta_T) + I_syn + I - w,
//   tau_w dw/dt = a (v - v_rest) - w;  at v >= v_spike: v -> v_reset, w -> w + b.
struct NeuronParams {
  double tau_m = 20.0;      // ms
  double cm = 1.0;          // nF
  double v_rest = -65.0;    // mV
  double v_thresh = -50.0;  // mV
  double v_reset = -65.0;   // mV
  double tau_refrac = 0.1;  // ms
  double tau_syn_E = 5.0;   // ms
  double tau_syn_I = 5.0;   // ms
  double e_rev_E = 0.0;     // mV (IF_cond_exp only)
  double e_rev_I = -70.0;   // mV (IF_cond_exp only)
  double i_offset = 0.0;    // nA
  // AdEx only (PyNN's EIF defaults)
  double a = 4.0;           // nS, subthreshold adaptation
  double b = 0.0805;        // nA, spike-triggered adaptation
  double delta_T = 2.0;     // mV, slope factor
  double tau_w = 144.0;     // ms
  double v_spike = -40.0;   // mV, spike detection
  // HH_cond_exp only (PyNN's defaults; it has none of tau_m, v_rest, v_thresh, v_reset,
  // tau_refrac):
  //   cm dv/dt = g_leak (e_rev_leak - v) + gbar_Na m^3 h (e_rev_Na - v)
  //              + gbar_K n^4 (e_rev_K - v) + I_syn + I,
  // the gates' rates functions of v - v_offset (kernels/hh_step.hpp).
  double gbar_Na = 20.0;     // uS
  double gbar_K = 6.0;       // uS
  double g_leak = 0.01;      // uS
  double v_offset = -63.0;   // mV
  double e_rev_Na = 50.0;    // mV
  double e_rev_K = -90.0;    // mV
  double e_rev_leak = -65.0; // mV
};

// PyNN's default parameters of a neuron model.
NeuronParams default_params(Model model);

// A scalar that is either fixed or drawn per element. A projection's normal weight or delay is
// drawn again where it would fall below its bound (0 for a weight: it keeps its sign; dt for a
// delay: at least one step), as PyNN's normal_clipped and NEST do; kNormalClippedToBoundary sets
// it to the bound instead (PyNN's normal_clipped_to_boundary, and what kNormal did before
// 2026-12-07). Initial values take both as plain normals.
struct Distribution {
  enum class Kind { kConstant, kUniform, kNormal, kNormalClippedToBoundary };
  Kind kind = Kind::kConstant;
  double a = 0.0;  // the value; or low bound; or mean
  double b = 0.0;  // unused; or high bound; or standard deviation

  static Distribution constant(double v) { return {Kind::kConstant, v, 0.0}; }
  static Distribution uniform(double lo, double hi) { return {Kind::kUniform, lo, hi}; }
  static Distribution normal(double mean, double sd) { return {Kind::kNormal, mean, sd}; }
  static Distribution normal_clipped_to_boundary(double mean, double sd) {
    return {Kind::kNormalClippedToBoundary, mean, sd};
  }
  bool is_normal() const { return kind == Kind::kNormal || kind == Kind::kNormalClippedToBoundary; }
};

// Initial state of each neuron (drawn per neuron and replica). Unset means: v = v_rest,
// synaptic variables 0. A per-neuron list (one value per neuron, the same in every replica)
// replaces the distribution of its variable.
struct InitialValues {
  std::optional<Distribution> v;         // mV
  std::optional<Distribution> syn_exc;   // uS (gsyn_exc) or nA (isyn_exc)
  std::optional<Distribution> syn_inh;   // uS (gsyn_inh) or nA (isyn_inh)
  std::optional<Distribution> w;         // nA, AdEx's adaptation current (unset: 0)
  // HH_cond_exp's gates, in [0, 1] (unset: each at its steady state at the initial v)
  std::optional<Distribution> m, h, n;
  std::vector<double> v_per_neuron, syn_exc_per_neuron, syn_inh_per_neuron, w_per_neuron;
  std::vector<double> m_per_neuron, h_per_neuron, n_per_neuron;
};

// Parameters that differ between the neurons of one population: each list is empty (every
// neuron has the population's value) or has one value per neuron, which replaces it.
// (A per-neuron bias current is Population::i_offset_per_neuron, which adds to i_offset.)
struct PerNeuronParams {
  std::vector<double> tau_m, cm, v_rest, v_thresh, v_reset, tau_refrac, tau_syn_E, tau_syn_I,
      e_rev_E, e_rev_I, a, b, delta_T, tau_w, v_spike, gbar_Na, gbar_K, g_leak, v_offset,
      e_rev_Na, e_rev_K, e_rev_leak;  // neuron models: NeuronParams' fields
  std::vector<double> rate, start, stop, dead_time, shape;  // SpikeSourcePoisson's

  bool empty() const;
};

// Independent Poisson background on each receptor of every neuron of a population.
struct PoissonNoise {
  double rate_E = 0.0;    // Hz
  double weight_E = 0.0;  // uS or nA
  double rate_I = 0.0;    // Hz
  double weight_I = 0.0;  // uS or nA (positive: the receptor gives the sign)
};

// A current switched on at start and off at stop (ms); into the listed neurons of the
// population, or into all of them when the list is empty. PyNN's current sources:
//   DCSource            amplitude
//   ACSource            offset + amplitude sin(2 pi frequency t + phase)   (frequency > 0)
//   NoisyCurrentSource  amplitude + a normal draw of std `stdev`, redrawn every `noise_dt`
//                       for each neuron and replica (stdev > 0; replicas with equal seeds
//                       draw alike)
//   StepCurrentSource   one DCSource per step of the staircase
// t counts from 0 at the start of the run, as in NEST (not from `start`).
struct DCSource {
  double amplitude = 0.0;  // nA
  double start = 0.0;      // ms
  double stop = 1e300;     // ms
  std::vector<uint32_t> neurons;
  double frequency = 0.0;  // Hz; > 0: a sine wave
  double phase = 0.0;      // degrees
  double offset = 0.0;     // nA, added to the sine wave
  double stdev = 0.0;      // nA; > 0: noise
  double noise_dt = 0.0;   // ms between noise draws; 0: every step
  // Noise: the seed of its draws; 0: the simulation's, each source drawing independently.
  uint64_t seed = 0;
};

// Traces are kept in memory for the whole run: more neurons of one population than this could
// never be held, and a list of every neuron's index is refused above it before it is made.
constexpr uint32_t kMostTracedNeurons = 1u << 26;

// What to record of a population. Neuron indices are local to the population.
struct RecordSpec {
  bool spikes = false;
  bool rate = false;                    // population rate per bin (Hz), averaged over neurons
  double rate_bin = 1.0;                // ms
  std::vector<uint32_t> v;              // membrane potential traces
  std::vector<uint32_t> syn_exc;        // gsyn_exc / isyn_exc traces
  std::vector<uint32_t> syn_inh;        // gsyn_inh / isyn_inh traces
  std::vector<uint32_t> w;              // AdEx's adaptation current traces
  double sampling_interval = 0.0;       // ms between trace samples; 0 means every step
};

// A RecordSpec's trace lists in the order of the variables' codes in the engine's trace
// buffers (kernels/trace_gather.hpp): v, syn_exc, syn_inh, w.
// (Through an alias: nvcc's rewrite of the plain declarator makes GCC warn of parentheses.)
using TraceList = std::vector<uint32_t> RecordSpec::*;
inline constexpr TraceList kTraceLists[] = {
    &RecordSpec::v, &RecordSpec::syn_exc, &RecordSpec::syn_inh, &RecordSpec::w};
// The name of trace variable `code` (kTraceLists' order) of a model ("v", "gsyn_exc" or
// "isyn_exc", "gsyn_inh" or "isyn_inh", "w"), and whether the model has that variable.
const char* trace_name(size_t code, Model model);
bool has_trace(Model model, size_t code);

// The largest gamma shape of a SpikeSourcePoisson (its stages are counted in one step's draw).
constexpr double kLargestSourceShape = 1000;

struct Population {
  std::string name;
  uint32_t size = 0;
  Model model = Model::kIfCondExp;
  NeuronParams params;
  InitialValues initial;
  PoissonNoise noise;
  std::vector<DCSource> dc_sources;
  // SpikeSourceArray: one list of times (ms) per neuron, or a single list shared by all.
  std::vector<std::vector<double>> spike_times;
  double rate = 0.0;     // SpikeSourcePoisson: Hz, while start <= t < stop (ms)
  double start = 0.0;
  double stop = 1e300;
  // SpikeSourcePoisson as a renewal process (PyNN's SpikeSourcePoissonRefractory and
  // SpikeSourceGamma): no spike for dead_time ms after each spike, and each interval beyond it
  // the sum of `shape` exponential stages (gamma-distributed); `rate` stays the mean rate.
  // dead_time = 0 and shape = 1 is the Poisson process.
  double dead_time = 0.0;  // ms
  double shape = 1.0;      // a whole number from 1 to kLargestSourceShape
  PerNeuronParams per_neuron;
  // A bias current per neuron (nA), added to params.i_offset; empty means none. Replicas may
  // scale it (ReplicaOverrides::dc_scale), which is how a grid of fields over a disordered
  // lattice becomes one batched run.
  std::vector<double> i_offset_per_neuron;
  RecordSpec record;
};

enum class Receptor { kExcitatory, kInhibitory };

// How successive spikes of one presynaptic neuron combine on its synapses.
//   kAdditive: each spike adds its full weight to the synaptic variable (PSPs sum).
//   kRenewing: a spike tops the variable up to its single-spike peak instead, i.e. adds
//     w (1 - exp(-dt_since_last_spike / tau_syn)); this is a Tsodyks-Markram synapse with U = 1
//     and tau_rec = tau_syn, and keeps sampling networks from over-coupling.
//   kTsodyksMarkram: short-term plasticity (Tsodyks & Markram 1997, as NEST's tsodyks2
//     synapse): a spike adds w u x, where the resource x recovers towards 1 with tau_rec and the
//     utilisation u relaxes towards U with tau_fac (no facilitation for tau_fac = 0).
// All projections out of one population share one kind and parameters (validate.cpp checks it):
// the state depends only on the presynaptic spike train, so it is kept per neuron, not per synapse.
enum class SynapseDynamics { kAdditive, kRenewing, kTsodyksMarkram };

struct ShortTermPlasticity {
  double U = 0.5;          // utilisation of the resource by a spike, in (0, 1]
  double tau_rec = 800.0;  // ms, recovery of the resource
  double tau_fac = 0.0;    // ms, decay of facilitation; 0: none
};

// Spike-timing-dependent plasticity of a projection's weights: PyNN's STDPMechanism with a
// SpikePairRule. Each synapse has a presynaptic trace x (time constant tau_plus) and a
// postsynaptic trace y (tau_minus) that a spike raises by 1 (all-to-all pairing) or sets to 1
// (nearest-spike pairing: each spike pairs only with the other side's latest). A presynaptic
// spike depresses by A_minus y, a postsynaptic spike potentiates by A_plus x, times w_max for
// additive and times (w_max - w) or (w - w_min) for multiplicative weight dependence; the weight
// is then clipped to [w_min, w_max]. Pairs are timed by the two neurons' spike steps (the delay
// is wholly dendritic and nothing travels back: dt_pair = t_post - t_pre); a pre and a post spike
// in one step count as a pair with dt_pair = 0 (potentiation). Weights are magnitudes (the
// receptor gives the sign) and evolve separately in every replica; reset() restores the initial
// ones. docs/models.md, "STDP".
enum class WeightDependence { kAdditive, kMultiplicative };
enum class StdpPairing { kAllToAll, kNearest };

struct Stdp {
  bool enabled = false;
  WeightDependence dependence = WeightDependence::kAdditive;
  StdpPairing pairing = StdpPairing::kAllToAll;
  double tau_plus = 20.0;   // ms
  double tau_minus = 20.0;  // ms
  double A_plus = 0.01;
  double A_minus = 0.01;
  double w_min = 0.0;  // uS or nA, magnitude
  double w_max = 1.0;
};

inline bool operator==(const Stdp& a, const Stdp& b) {
  return a.enabled == b.enabled && a.dependence == b.dependence && a.pairing == b.pairing &&
         a.tau_plus == b.tau_plus && a.tau_minus == b.tau_minus && a.A_plus == b.A_plus &&
         a.A_minus == b.A_minus && a.w_min == b.w_min && a.w_max == b.w_max;
}

// One synapse given explicitly (FromList connector); indices local to source and target.
struct Connection {
  uint32_t pre = 0;
  uint32_t post = 0;
  double weight = 0.0;
  double delay = 0.0;
  double release_probability = 1.0;  // times the projection's: this synapse's
};

struct Connector {
  enum class Kind {
    kAllToAll, kOneToOne, kFixedProbability, kFixedInDegree, kFromList, kDenseMatrix,
    kFixedTotalNumber
  };
  Kind kind = Kind::kAllToAll;
  bool allow_self = true;  // autapses, when source and target are the same population
  double p = 0.0;          // kFixedProbability
  // kFixedInDegree: sources per target; kFixedTotalNumber: synapses in all, each an independent
  // uniform (source, target) pair (PyNN's FixedTotalNumberConnector with_replacement = true,
  // NEST's fixed_total_number: multapses, and autapses unless allow_self = false).
  uint32_t n = 0;
  std::vector<Connection> list;  // kFromList: weight and delay per connection
  // kDenseMatrix: row-major source x target weights; a zero entry is no synapse.
  std::vector<double> matrix;
};

// The synapses that a hardware mapping realised out of those a projection's connector draws
// (docs/wafer.md, "Running the mapped network"). The connector still draws every synapse, with
// the same pairs and order; synapse k of that order then carries weight[k] (a magnitude, the
// receptor gives the sign) and, unless delay_steps is empty, the delay delay_steps[k] (in steps
// of dt, at least 1) instead of the drawn one; where weight[k] is NaN it is left out.
// unit_offsets are the first synapse of each of the connector's drawing units
// (host/network/connectors.hpp), so that any unit can be drawn on its own; back() is the number
// drawn.
struct MappedSynapses {
  std::vector<uint64_t> unit_offsets;
  std::vector<float> weight;
  std::vector<uint8_t> delay_steps;
  uint64_t realised = 0;  // entries of weight that are not NaN
};

struct Projection {
  std::string source;
  std::string target;
  Receptor receptor = Receptor::kExcitatory;
  Connector connector;
  Distribution weight = Distribution::constant(0.0);  // uS or nA, magnitude
  Distribution delay = Distribution::constant(0.1);   // ms; rounded to whole steps, >= 1 step
  SynapseDynamics dynamics = SynapseDynamics::kAdditive;
  ShortTermPlasticity stp;  // kTsodyksMarkram only
  Stdp stdp;  // enabled: the weights learn (additive dynamics only)
  // The probability that a spike reaches each of the projection's synapses, drawn per synapse,
  // spike and replica (PyNN's SimpleStochasticSynapse, NEST's bernoulli_synapse); a from_list
  // connection's own (Connection::release_probability) multiplies it. 1: every spike.
  double release_probability = 1.0;
  // Set by a hardware mapping (wafer/mapped_network.hpp) only: keeps the realised synapses.
  std::shared_ptr<const MappedSynapses> mapped;
};

struct SimulationSettings {
  double dt = 0.1;           // ms
  double duration = 1000.0;  // ms
  uint64_t seed = 1;
  uint32_t replicas = 1;
};

// Currents into one population's neurons that differ from replica to replica (clamping a
// sampler's units to data, one data vector per replica): values[r * size + k] nA flows into
// neuron k of `population` in replica r, added to its per-neuron current (i_offset_per_neuron,
// DC sources) and scaled with it by dc_scale.
struct ReplicaCurrents {
  std::string population;
  std::vector<double> values;  // replicas x the population's size, replica-major
};

// Per-replica changes of one shared network: each vector is empty or has one entry per replica
// (currents: one entry per population they reach).
struct ReplicaOverrides {
  std::vector<uint64_t> seed;          // replicas with equal seeds produce equal spikes
  std::vector<double> rate_E;          // Hz, replaces every population's noise rate_E
  std::vector<double> rate_I;          // Hz, replaces every population's noise rate_I
  std::vector<double> i_offset;        // nA, replaces every LIF population's i_offset
  std::vector<double> weight_scale;    // multiplies every projection's weights
  std::vector<double> dc_scale;        // multiplies per-neuron currents (i_offset_per_neuron, DC)
  std::vector<ReplicaCurrents> currents;
};

// The parameters of neuron k of a population (its per-neuron values where given).
NeuronParams neuron_params(const Population& population, uint32_t k);

struct Network {
  SimulationSettings simulation;
  std::vector<Population> populations;
  std::vector<Projection> projections;
  ReplicaOverrides overrides;
  std::string source = "<built-in>";  // where the description came from, for messages
};

}  // namespace spikewafer
