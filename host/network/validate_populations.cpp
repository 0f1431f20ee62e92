// validate()'s population checks: sizes, parameters, initial values, inputs and recording, and
// what a spike source may not have.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "network/validate_detail.hpp"

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
  if (is_spike_source(p.model)) {
    check_spike_source(p, path);
  } else {
    check_lif(p, path);
  }
}

void Checker::check_lif(const Population& p, const std::string& path) const {
  check_params(p.params, path + ".params");
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
}

void Checker::check_params(const NeuronParams& q, const std::string& path) const {
  greater(path + ".tau_m", q.tau_m, 0);
  greater(path + ".cm", q.cm, 0);
  greater(path + ".tau_syn_E", q.tau_syn_E, 0);
  greater(path + ".tau_syn_I", q.tau_syn_I, 0);
  at_least(path + ".tau_refrac", q.tau_refrac, 0);
  finite(path + ".v_rest", q.v_rest);
  finite(path + ".v_reset", q.v_reset);
  finite(path + ".v_thresh", q.v_thresh);
  finite(path + ".e_rev_E", q.e_rev_E);
  finite(path + ".e_rev_I", q.e_rev_I);
  finite(path + ".i_offset", q.i_offset);
  if (!(q.v_thresh > q.v_reset))
    fail(path + ".v_thresh", "must be > v_reset (got v_thresh " + num(q.v_thresh) + " <= v_reset " +
                                 num(q.v_reset) + ")");
}

void Checker::check_initial(const Population& p, const std::string& path) const {
  const InitialValues& initial = p.initial;
  if (initial.v) distribution(path + ".v", *initial.v);
  const bool conductance = is_conductance_based(p.model);
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
  const bool conductance = is_conductance_based(p.model);
  const std::pair<const char*, const std::vector<uint32_t>*> traces[] = {
      {"v", &r.v},
      {conductance ? "gsyn_exc" : "isyn_exc", &r.syn_exc},
      {conductance ? "gsyn_inh" : "isyn_inh", &r.syn_inh}};
  for (const auto& [name, list] : traces) {
    if (is_spike_source(p.model) && !list->empty())
      fail(path + ".record", std::string(model_name(p.model)) + " has no " + name +
                                 " to record; spike sources record spikes and rate");
    indices(path + ".record_" + name, *list, p.size);
  }
  at_least(path + ".sampling_interval", r.sampling_interval, 0);
  if (!is_whole_steps(r.sampling_interval, dt_))
    fail(path + ".sampling_interval", "must be a whole number of steps of " + dt_text() + " (got " +
                                          num(r.sampling_interval) + ")");
  if (r.rate) at_least_dt(path + ".rate_bin", r.rate_bin);
}

void Checker::check_spike_source(const Population& p, const std::string& path) const {
  const std::string none = std::string(model_name(p.model)) + " has no ";
  const char* only = "; only IF_cond_exp and IF_curr_exp do";
  const PoissonNoise& n = p.noise;
  if (n.rate_E != 0 || n.weight_E != 0 || n.rate_I != 0 || n.weight_I != 0)
    fail(path + ".noise", none + "noise input" + only);
  if (!p.dc_sources.empty()) fail(path + ".dc", none + "current input" + only);
  const InitialValues& i = p.initial;
  if (i.v || i.syn_exc || i.syn_inh) fail(path + ".initial", none + "state variables" + only);
  if (p.model == Model::kSpikeSourcePoisson) {
    at_least(path + ".rate", p.rate, 0);
    if (!p.spike_times.empty()) fail(path + ".spike_times", none + "spike times; it has a rate");
  } else {
    if (p.rate != 0) fail(path + ".rate", none + "rate; it has spike_times");
    check_spike_times(p, path + ".spike_times");
  }
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
