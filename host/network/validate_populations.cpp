// validate()'s population checks: sizes, parameters, initial values, inputs and recording, and
// what a spike source may not have.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "kernels/hh_step.hpp"
#include "kernels/random.hpp"
#include "network/renewal_source.hpp"
#include "network/validate_detail.hpp"
#include "spikewafer/parameter_fields.hpp"

namespace spikewafer::validate_detail {

namespace {

bool is_whole_steps(double t, double dt) {
  const double steps = t / dt;
  return std::fabs(steps - std::round(steps)) <= kTimeSlack * std::max(1.0, steps);
}

}  // namespace

void Checker::check_population(const Population& p) const {
  const std::string path = "populations." + p.name;
  if (p.size < 1) fail(path + ".size", "must be >= 1 (got 0)");
  check_record(p, path);
  if (is_hodgkin_huxley(p.model) && dt_ > kernels::kHhLongestStep * (1 + kTimeSlack))
    fail(path + ".model", std::string("HH_cond_exp needs dt <= ") + num(kernels::kHhLongestStep) +
                              " ms (its ten substeps must follow the spike's upswing; " +
                              dt_text() + "); run with dt = 0.1 or less");
  if (is_spike_source(p.model)) {
    check_spike_source(p, path);
  } else {
    check_lif(p, path);
  }
}

void Checker::check_lif(const Population& p, const std::string& path) const {
  check_params(p.model, p.params, [&] { return path + ".params"; });
  check_per_neuron(p, path);
  check_initial(p, path + ".initial");
  const PoissonNoise& noise = p.noise;
  at_least(path + ".noise.rate_E", noise.rate_E, 0);
  at_least(path + ".noise.weight_E", noise.weight_E, 0);
  at_least(path + ".noise.rate_I", noise.rate_I, 0);
  at_least(path + ".noise.weight_I", noise.weight_I, 0, kSignHint);
  for (size_t i = 0; i < p.dc_sources.size(); ++i)
    check_dc(p.dc_sources[i], path + ".dc[" + str(i) + "]", p.size);
  const std::vector<double>& bias = p.i_offset_per_neuron;
  if (!bias.empty() && bias.size() != p.size)
    fail(path + ".i_offset", "expected one value per neuron (" + str(p.size) + "), got " +
                                 str(bias.size()));
  for (size_t k = 0; k < bias.size(); ++k) finite(path + ".i_offset[" + str(k) + "]", bias[k]);
  const std::string is = std::string("; '") + p.name + "' is " + model_name(p.model);
  if (!p.spike_times.empty())
    fail(path + ".spike_times", "only SpikeSourceArray has spike times" + is);
  if (p.rate != 0)
    fail(path + ".rate",
         "only SpikeSourcePoisson has a rate" + is + ", whose Poisson input is `noise`");
  check_no_window(p, path);
}

void Checker::check_params(Model model, const NeuronParams& q,
                           const std::function<std::string()>& path) const {
  const auto at = [&path](const char* field) { return [&path, field] { return path() + "." + field; }; };
  positive_scale(at("cm"), q.cm);
  positive_scale(at("tau_syn_E"), q.tau_syn_E);
  positive_scale(at("tau_syn_I"), q.tau_syn_I);
  finite(at("e_rev_E"), q.e_rev_E);
  finite(at("e_rev_I"), q.e_rev_I);
  finite(at("i_offset"), q.i_offset);
  if (is_hodgkin_huxley(model)) return check_hodgkin_huxley(q, path);
  positive_scale(at("tau_m"), q.tau_m);
  at_least(at("tau_refrac"), q.tau_refrac, 0);
  finite(at("v_rest"), q.v_rest);
  finite(at("v_reset"), q.v_reset);
  finite(at("v_thresh"), q.v_thresh);
  if (is_adaptive_exponential(model)) return check_adaptive_exponential(q, path);
  if (!(q.v_thresh > q.v_reset))
    fail(at("v_thresh"), "must be > v_reset (got v_thresh " + num(q.v_thresh) +
                             " <= v_reset " + num(q.v_reset) + ")");
}

// AdEx: the exponential term's slope is positive, or 0 for none (then, as in NEST, the spike
// is at v_thresh, above the reset); the adaptation's time constant is positive; and the spike
// is detected above both the exponential's threshold and the reset (the reset may lie above
// v_thresh, as in bursting neurons).
void Checker::check_adaptive_exponential(const NeuronParams& q,
                                         const std::function<std::string()>& path) const {
  const auto at = [&path](const char* field) { return [&path, field] { return path() + "." + field; }; };
  if (q.delta_T != 0) positive_scale(at("delta_T"), q.delta_T);
  if (q.delta_T == 0 && !(q.v_thresh > q.v_reset))
    fail(at("v_thresh"), "must be > v_reset with delta_T = 0, where the spike is at v_thresh "
                         "(got v_thresh " + num(q.v_thresh) + " <= v_reset " + num(q.v_reset) + ")");
  positive_scale(at("tau_w"), q.tau_w);
  finite(at("a"), q.a);
  finite(at("b"), q.b);
  finite(at("v_spike"), q.v_spike);
  if (!(q.v_spike > q.v_thresh))
    fail(at("v_spike"), "the spike detection potential must be > v_thresh, the exponential "
                        "term's threshold (got v_spike " + num(q.v_spike) + " <= v_thresh " +
                            num(q.v_thresh) + "); NEST's V_peak, typically v_thresh + 5 delta_T");
  if (!(q.v_spike > q.v_reset))
    fail(at("v_reset"), "must be < v_spike (got v_reset " + num(q.v_reset) + " >= v_spike " +
                            num(q.v_spike) + ")");
}

// HH_cond_exp: the channels' and the leak's conductances are not negative, and some conductance
// stays open (v relaxes towards their balance); the potentials are finite.
void Checker::check_hodgkin_huxley(const NeuronParams& q,
                                   const std::function<std::string()>& path) const {
  const auto at = [&path](const char* field) { return [&path, field] { return path() + "." + field; }; };
  at_least(at("gbar_Na"), q.gbar_Na, 0);
  at_least(at("gbar_K"), q.gbar_K, 0);
  at_least(at("g_leak"), q.g_leak, 0);
  if (!(q.g_leak > 0) && !(q.gbar_K > 0))
    fail(at("g_leak"), "g_leak or gbar_K must be > 0: with neither, nothing holds v at rest");
  finite(at("v_offset"), q.v_offset);
  finite(at("e_rev_Na"), q.e_rev_Na);
  finite(at("e_rev_K"), q.e_rev_K);
  finite(at("e_rev_leak"), q.e_rev_leak);
}

// Per-neuron lists: one value per neuron, only the model's own parameters, and every neuron's
// parameters valid as a whole (v_thresh > v_reset with both per neuron, say).
void Checker::check_per_neuron(const Population& p, const std::string& path) const {
  const PerNeuronParams& per = p.per_neuron;
  const auto sized = [&](const std::string& name, const std::vector<double>& values) {
    if (!values.empty() && values.size() != p.size)
      fail(path + ".params." + name, "expected one value per neuron (" + str(p.size) +
                                         "), got " + str(values.size()));
  };
  const bool source = is_spike_source(p.model);
  const std::string is = std::string("; '") + p.name + "' is " + model_name(p.model);
  for (const NeuronParamField& f : kNeuronParamFields) {
    if (!f.per_neuron) continue;
    sized(f.name, per.*f.per_neuron);
    if (source && !(per.*f.per_neuron).empty())
      fail(path + ".params." + f.name, std::string("a spike source has no ") + f.name + is);
    if (!source && !has_param(p.model, f) && !(per.*f.per_neuron).empty())
      fail(path + ".params." + f.name, std::string(model_name(p.model)) + " has no " + f.name);
  }
  for (const SourceParamField& f : kPoissonSourceFields) {
    sized(f.name, per.*f.per_neuron);
    if (p.model != Model::kSpikeSourcePoisson && !(per.*f.per_neuron).empty())
      fail(path + ".params." + f.name, std::string("only SpikeSourcePoisson has ") + f.name + is);
  }
  if (source || per.empty()) return;
  for (uint32_t k = 0; k < p.size; ++k)
    check_params(p.model, neuron_params(p, k), [&] { return path + ".params[" + str(k) + "]"; });
}

void Checker::check_initial(const Population& p, const std::string& path) const {
  const InitialValues& initial = p.initial;
  if (initial.v) distribution(path + ".v", *initial.v);
  const bool conductance = is_conductance_based(p.model);
  const std::string syn = conductance ? ".gsyn_" : ".isyn_";
  if ((initial.w || !initial.w_per_neuron.empty()) && !is_adaptive_exponential(p.model))
    fail(path + ".w", std::string(model_name(p.model)) + " has no adaptation current w; the "
                                                         "EIF_* (AdEx) models do");
  if (initial.w) distribution(path + ".w", *initial.w);
  check_gates(p, path);
  using List = std::pair<std::string, const std::vector<double>*>;
  for (const auto& [name, values] :
       {List{".v", &initial.v_per_neuron}, List{syn + "exc", &initial.syn_exc_per_neuron},
        List{syn + "inh", &initial.syn_inh_per_neuron}, List{".w", &initial.w_per_neuron},
        List{".m", &initial.m_per_neuron}, List{".h", &initial.h_per_neuron},
        List{".n", &initial.n_per_neuron}}) {
    if (!values->empty() && values->size() != p.size)
      fail(path + name, "expected one value per neuron (" + str(p.size) + "), got " +
                            str(values->size()));
    const bool gate = name == ".m" || name == ".h" || name == ".n";
    const bool non_negative = conductance && name != ".v" && name != ".w" && !gate;
    for (size_t k = 0; k < values->size(); ++k) {
      const auto at = [&] { return path + name + "[" + str(k) + "]"; };
      const double x = (*values)[k];
      if (gate && !(x >= 0 && x <= 1)) fail(at(), "a gate lies in [0, 1] (got " + num(x) + ")");
      if (non_negative) at_least(at, x, 0, "; conductances are not negative");
      else finite(at, x);
    }
  }
  const std::string prefix = path + (conductance ? ".gsyn_" : ".isyn_");
  using Syn = std::pair<const char*, const std::optional<Distribution>*>;
  for (const auto& [name, value] : {Syn{"exc", &initial.syn_exc}, Syn{"inh", &initial.syn_inh}}) {
    if (!*value) continue;
    if (conductance) {
      non_negative(prefix + name, **value, "; conductances are not negative");
    } else {
      distribution(prefix + name, **value);
    }
  }
}

// HH_cond_exp's gates: only that model has them, and a distribution stays in [0, 1] (their
// per-neuron lists are checked with the other initial values' in check_initial).
void Checker::check_gates(const Population& p, const std::string& path) const {
  const InitialValues& initial = p.initial;
  using Gate = std::tuple<const char*, const std::optional<Distribution>*, const std::vector<double>*>;
  for (const auto& [name, value, list] :
       {Gate{"m", &initial.m, &initial.m_per_neuron}, Gate{"h", &initial.h, &initial.h_per_neuron},
        Gate{"n", &initial.n, &initial.n_per_neuron}}) {
    const std::string at = path + "." + name;
    if ((*value || !list->empty()) && !is_hodgkin_huxley(p.model))
      fail(at, std::string(model_name(p.model)) + " has no gate " + name + "; HH_cond_exp does");
    if (!*value) continue;
    const Distribution& d = **value;
    const bool bounded = d.kind == Distribution::Kind::kConstant   ? d.a >= 0 && d.a <= 1
                         : d.kind == Distribution::Kind::kUniform ? d.a >= 0 && d.b <= 1
                                                                   : false;
    if (!bounded)
      fail(at, "a gate lies in [0, 1]: give a number or a uniform distribution within it");
    distribution(at, d);
  }
}

void Checker::check_dc(const DCSource& dc, const std::string& path, uint32_t size) const {
  finite(path + ".amplitude", dc.amplitude);
  at_least(path + ".start", dc.start, 0);
  // stop may be +inf: "never" is what a Python caller is likely to pass.
  if (!(dc.stop > dc.start))
    fail(path + ".stop",
         "must be > start (got stop " + num(dc.stop) + ", start " + num(dc.start) + ")");
  indices(path + ".neurons", dc.neurons, size);
  at_least(path + ".frequency", dc.frequency, 0);
  finite(path + ".phase", dc.phase);
  finite(path + ".offset", dc.offset);
  at_least(path + ".stdev", dc.stdev, 0);
  at_least(path + ".noise_dt", dc.noise_dt, 0);
  if (dc.frequency > 0 && dc.stdev > 0)
    fail(path + ".stdev", "a source is either a sine wave (frequency > 0) or noisy (stdev > 0), "
                          "not both; give two sources");
  if (dc.frequency == 0 && dc.offset != 0)
    fail(path + ".offset", "only a sine wave (frequency > 0) has an offset; for a constant "
                           "current give the amplitude");
}

void Checker::check_record(const Population& p, const std::string& path) const {
  const RecordSpec& r = p.record;
  for (size_t code = 0; code < std::size(kTraceLists); ++code) {
    const std::vector<uint32_t>& list = r.*kTraceLists[code];
    const std::string name = trace_name(code, p.model);
    if (is_spike_source(p.model) && !list.empty())
      fail(path + ".record", std::string(model_name(p.model)) + " has no " + name +
                                 " to record; spike sources record spikes and rate");
    if (!has_trace(p.model, code) && !list.empty())
      fail(path + ".record", std::string(model_name(p.model)) + " has no " + name +
                                 " to record; only the EIF_* (AdEx) models have w");
    indices(path + ".record_" + name, list, p.size);
  }
  at_least(path + ".sampling_interval", r.sampling_interval, 0);
  if (!is_whole_steps(r.sampling_interval, dt_))
    fail(path + ".sampling_interval", "must be a whole number of steps of " + dt_text() + " (got " +
                                          num(r.sampling_interval) + ")");
  if (r.rate) at_least_dt(path + ".rate_bin", r.rate_bin);
}

void Checker::check_spike_source(const Population& p, const std::string& path) const {
  const std::string none = std::string(model_name(p.model)) + " has no ";
  const char* only = "; only the neuron models (IF_*, EIF_*) do";
  const PoissonNoise& n = p.noise;
  if (n.rate_E != 0 || n.weight_E != 0 || n.rate_I != 0 || n.weight_I != 0)
    fail(path + ".noise", none + "noise input" + only);
  if (!p.dc_sources.empty()) fail(path + ".dc", none + "current input" + only);
  const InitialValues& i = p.initial;
  if (i.v || i.syn_exc || i.syn_inh || i.w || !i.v_per_neuron.empty() ||
      !i.syn_exc_per_neuron.empty() || !i.syn_inh_per_neuron.empty() || !i.w_per_neuron.empty())
    fail(path + ".initial", none + "state variables" + only);
  check_per_neuron(p, path);
  if (p.model == Model::kSpikeSourcePoisson) {
    if (!p.spike_times.empty()) fail(path + ".spike_times", none + "spike times; it has a rate");
    const PerNeuronParams& per = p.per_neuron;
    bool listed = false;
    for (const SourceParamField& f : kPoissonSourceFields) listed |= !(per.*f.per_neuron).empty();
    for (uint32_t k = 0; k < (listed ? p.size : 1); ++k) {
      const auto at = [&](const char* name) {
        return [&, name] { return path + "." + name + (listed ? "[" + str(k) + "]" : ""); };
      };
      const double start = value_for(per.start, p.start, k), stop = value_for(per.stop, p.stop, k);
      const double rate = value_for(per.rate, p.rate, k);
      at_least(at("rate"), rate, 0);
      at_least(at("start"), start, 0);
      check_renewal(p, k, listed, path);
      // stop may be +inf ("never"), as a Python caller is likely to pass.
      if (!(stop > start))
        fail(at("stop"), "must be > start (got stop " + num(stop) + ", start " + num(start) + ")");
    }
  } else {
    if (p.rate != 0) fail(path + ".rate", none + "rate; it has spike_times");
    check_spike_times(p, path + ".spike_times");
  }
  check_no_window(p, path);
}

// A dead time and a gamma shape that the step can hold: the rate must be reachable with one
// spike per step after the dead time, and the stages few enough per step to count.
void Checker::check_renewal(const Population& p, uint32_t k, bool listed,
                            const std::string& path) const {
  const PerNeuronParams& per = p.per_neuron;
  const double rate = value_for(per.rate, p.rate, k);
  const double dead_time = value_for(per.dead_time, p.dead_time, k);
  const double shape = value_for(per.shape, p.shape, k);
  const auto at = [&](const char* name) {
    return [&, name] { return path + "." + name + (listed ? "[" + str(k) + "]" : ""); };
  };
  at_least(at("dead_time"), dead_time, 0);
  finite(at("shape"), shape);
  if (!(shape >= 1 && shape <= kLargestSourceShape && shape == std::floor(shape)))
    fail(at("shape"), "must be a whole number from 1 to " + num(kLargestSourceShape) +
                          " (got " + num(shape) + "); a gamma process of another shape is not "
                          "supported");
  if (!is_renewal_source(dead_time, shape) || rate == 0) return;
  const RenewalSteps steps = renewal_steps(rate, dead_time, shape, dt_);
  if (!(rate * dt_ * 1e-3 * (1 + steps.dead_steps) < 1))
    fail(at("rate"), "must be below 1 / (dt + dead_time) = " +
                         num(1e3 / (dt_ * (1 + steps.dead_steps))) + " Hz with " + dt_text() +
                         " and a dead time of " + num(steps.dead_steps) + " steps (got " +
                         num(rate) + " Hz)");
  if (!(steps.stage_mean <= kernels::kMaxPoissonMean))
    fail(at("shape"), "rate x shape is too high for the step: " + num(steps.stage_mean) +
                          " stage events per step, at most " + num(kernels::kMaxPoissonMean) +
                          "; use a smaller dt or a lower shape");
}

// start, stop, dead_time and shape belong to SpikeSourcePoisson.
void Checker::check_no_window(const Population& p, const std::string& path) const {
  if (p.model == Model::kSpikeSourcePoisson) return;
  const std::string is = std::string("only SpikeSourcePoisson has it; '") + p.name + "' is " +
                         model_name(p.model);
  if (p.start != 0) fail(path + ".start", is);
  if (p.stop != 1e300) fail(path + ".stop", is);
  if (p.dead_time != 0) fail(path + ".dead_time", is);
  if (p.shape != 1) fail(path + ".shape", is);
}

// One list shared by all neurons, or one per neuron; each from dt on (a spike is emitted at
// the end of a step) and in order.
void Checker::check_spike_times(const Population& p, const std::string& path) const {
  const auto& lists = p.spike_times;
  const bool shared = lists.size() <= 1;
  if (!shared && lists.size() != p.size)
    fail(path, "expected one list for all neurons or one list per neuron (" + str(p.size) +
                   "), got " + str(lists.size()) + " lists");
  for (size_t i = 0; i < lists.size(); ++i) {
    for (size_t j = 0; j < lists[i].size(); ++j) {
      const auto at = [&] {
        return path + (shared ? "" : "[" + str(i) + "]") + "[" + str(j) + "]";
      };
      const double t = lists[i][j];
      at_least_dt(at, t, "; a spike is emitted at the end of a step");
      if (j > 0 && t < lists[i][j - 1])
        fail(at, "spike times must be in increasing order (got " + num(t) + " after " +
                     num(lists[i][j - 1]) + ")");
    }
  }
}

}  // namespace spikewafer::validate_detail
