// Semantic checks of a Network, whoever built it. Messages name the key path as the TOML format
// spells it ("populations.exc.params.tau_m", "projections[0].connector.p"): Python users can find
// the field, and the TOML parser looks the path up to add the line and column.
#include "network/validate.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kernels/synapse_packing.hpp"
#include "network/layout.hpp"
#include "spikewafer/error.hpp"

namespace spikewafer {

namespace {

// Times are compared with multiples of dt with this relative slack: 0.3 / 0.1 is not exactly 3.
constexpr double kTimeSlack = 1e-9;
constexpr const char* kSignHint = "; give magnitudes: the receptor gives the sign";
constexpr const char* kMatrixHint =
    "; zero means no synapse; give magnitudes: the receptor gives the sign";

// The shortest text that reads back as the same double: "-5", "0.1", "1e+300", "nan".
std::string num(double x) {
  char text[32];
  const auto result = std::to_chars(text, text + sizeof text, x);
  return std::string(text, result.ptr);
}

std::string str(size_t n) { return std::to_string(n); }

bool is_whole_steps(double t, double dt) {
  const double steps = t / dt;
  return std::fabs(steps - std::round(steps)) <= kTimeSlack * std::max(1.0, steps);
}

// How a message names the value checked as a distribution's lowest: the value itself, the
// uniform low bound, or the normal mean (normal draws are unbounded).
const char* low_name(const Distribution& d) {
  switch (d.kind) {
    case Distribution::Kind::kUniform:
      return "uniform low ";
    case Distribution::Kind::kNormal:
      return "normal mean ";
    case Distribution::Kind::kConstant:
      break;
  }
  return "";
}

class Checker {
 public:
  explicit Checker(const Network& network) : network_(network), dt_(network.simulation.dt) {}

  void check() const {
    check_simulation();  // first: later checks measure times in dt
    check_names();
    for (const Population& population : network_.populations) check_population(population);
    for (size_t i = 0; i < network_.projections.size(); ++i) check_projection(i);
    check_overrides();
  }

 private:
  // --- primitives: each check and its message, written once ----------------------------------
  // A path is a string, or a callable that makes one: from_list connections and matrix entries
  // come in millions, so their paths are formatted only for a message. Messages likewise are
  // built only when a check fails.

  static std::string text(const char* path) { return path; }
  static const std::string& text(const std::string& path) { return path; }
  template <class MakePath>
  static std::string text(const MakePath& make_path) {
    return make_path();
  }

  template <class Path>
  [[noreturn]] void fail(const Path& path, const std::string& problem) const {
    throw input_error(network_.source + ": " + text(path) + ": " + problem);
  }
  template <class Path>
  void finite(const Path& path, double x) const {
    if (!std::isfinite(x)) fail(path, "must be a finite number (got " + num(x) + ")");
  }
  template <class Path>
  void greater(const Path& path, double x, double bound) const {
    finite(path, x);
    if (!(x > bound)) fail(path, "must be > " + num(bound) + " (got " + num(x) + ")");
  }
  template <class Path>
  void at_least(const Path& path, double x, double bound, const char* hint = "") const {
    finite(path, x);
    if (!(x >= bound)) fail(path, "must be >= " + num(bound) + " (got " + num(x) + ")" + hint);
  }
  // Times of at least one step; "dt = 0.1 ms" says why the bound is what it is.
  template <class Path>
  void at_least_dt(const Path& path, double t, const char* hint = "") const {
    finite(path, t);
    if (!(t >= dt_ * (1 - kTimeSlack)))
      fail(path, "must be >= " + dt_text() + " (got " + num(t) + ")" + hint);
  }
  std::string dt_text() const { return "dt = " + num(dt_) + " ms"; }

  template <class Path>
  void distribution(const Path& path, const Distribution& d) const {
    finite(path, d.a);
    finite(path, d.b);
    if (d.kind == Distribution::Kind::kUniform && !(d.a <= d.b))
      fail(path, "uniform needs low <= high (got [" + num(d.a) + ", " + num(d.b) + "])");
    if (d.kind == Distribution::Kind::kNormal && !(d.b >= 0))
      fail(path, "normal needs sd >= 0 (got " + num(d.b) + ")");
  }

  // Weights and conductances: the value, the uniform low bound or the normal mean is >= 0.
  template <class Path>
  void non_negative(const Path& path, const Distribution& d, const char* hint) const {
    distribution(path, d);
    if (!(d.a >= 0))
      fail(path, std::string(low_name(d)) + "must be >= 0 (got " + num(d.a) + ")" + hint);
  }

  // Delays become whole steps of dt, at least 1 and at most kMaxDelaySteps (8 bits per synapse).
  template <class Path>
  void delay(const Path& path, const Distribution& d) const {
    distribution(path, d);
    if (!(d.a >= dt_ * (1 - kTimeSlack)))
      fail(path, std::string(low_name(d)) + "must be >= " + dt_text() + " (got " + num(d.a) +
                     "); delays are whole steps of at least one dt");
    double high = d.a;
    const char* high_name = "";
    if (d.kind == Distribution::Kind::kUniform) high = d.b, high_name = "uniform high ";
    if (d.kind == Distribution::Kind::kNormal) high = d.a + 5 * d.b, high_name = "mean + 5 sd ";
    const double max = kernels::kMaxDelaySteps * dt_;
    if (!(high <= max * (1 + kTimeSlack)))
      fail(path, std::string(high_name) + "must be <= " + num(max) + " ms (got " + num(high) +
                     "); delays are at most " + str(kernels::kMaxDelaySteps) + " steps of " +
                     dt_text());
  }

  // Neuron indices local to a population of `size`: in range, each listed once.
  void indices(const std::string& path, const std::vector<uint32_t>& list, uint32_t size) const {
    for (uint32_t i : list)
      if (i >= size)
        fail(path, "neuron index " + str(i) + " out of range; the population has " + str(size) +
                       " neurons (indices 0 to " + str(size - 1) + ")");
    std::vector<uint32_t> sorted(list);
    std::sort(sorted.begin(), sorted.end());
    const auto twice = std::adjacent_find(sorted.begin(), sorted.end());
    if (twice != sorted.end()) fail(path, "neuron index " + str(*twice) + " listed twice");
  }

  // --- simulation and names ---------------------------------------------------------------------

  void check_simulation() const {
    const SimulationSettings& s = network_.simulation;
    greater("simulation.dt", s.dt, 0);
    at_least("simulation.duration", s.duration, 0);
    if (s.replicas < 1) fail("simulation.replicas", "must be >= 1 (got 0)");
  }

  // Names are TOML bare keys, which also keeps them usable in key paths and output file paths.
  void check_names() const {
    const auto& populations = network_.populations;
    if (populations.empty()) fail("populations", "no populations; define at least one");
    for (size_t i = 0; i < populations.size(); ++i) {
      const std::string& name = populations[i].name;
      const bool bare = std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
      });
      if (name.empty() || !bare)
        fail("populations[" + str(i) + "]",
             "invalid name '" + name + "'; names use letters, digits, '_' and '-'");
      for (size_t j = 0; j < i; ++j)
        if (populations[j].name == name)
          fail("populations." + name,
               "defined twice (populations " + str(j) + " and " + str(i) + ")");
    }
    // Global neuron indices are 32-bit (layout.hpp).
    uint64_t total = 0;
    for (const Population& p : populations) total += p.size;
    if (total > UINT32_MAX)
      fail("populations", "they hold " + str(total) + " neurons in all; at most " +
                              str(UINT32_MAX) + " are possible");
  }

  // --- populations ------------------------------------------------------------------------------

  void check_population(const Population& p) const {
    const std::string path = "populations." + p.name;
    if (p.size < 1) fail(path + ".size", "must be >= 1 (got 0)");
    check_record(p, path);
    if (is_spike_source(p.model)) {
      check_spike_source(p, path);
    } else {
      check_lif(p, path);
    }
  }

  void check_lif(const Population& p, const std::string& path) const {
    check_params(p.params, path + ".params");
    check_initial(p, path + ".initial");
    const PoissonNoise& noise = p.noise;
    at_least(path + ".noise.rate_E", noise.rate_E, 0);
    at_least(path + ".noise.weight_E", noise.weight_E, 0);
    at_least(path + ".noise.rate_I", noise.rate_I, 0);
    at_least(path + ".noise.weight_I", noise.weight_I, 0, kSignHint);
    for (size_t i = 0; i < p.dc_sources.size(); ++i)
      check_dc(p.dc_sources[i], path + ".dc[" + str(i) + "]", p.size);
    const std::string is = std::string("; '") + p.name + "' is " + model_name(p.model);
    if (!p.spike_times.empty())
      fail(path + ".spike_times", "only SpikeSourceArray has spike times" + is);
    if (p.rate != 0)
      fail(path + ".rate",
           "only SpikeSourcePoisson has a rate" + is + ", whose Poisson input is `noise`");
  }

  void check_params(const NeuronParams& q, const std::string& path) const {
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
      fail(path + ".v_thresh", "must be > v_reset (got v_thresh " + num(q.v_thresh) +
                                   " <= v_reset " + num(q.v_reset) + ")");
  }

  void check_initial(const Population& p, const std::string& path) const {
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

  void check_dc(const DCSource& dc, const std::string& path, uint32_t size) const {
    finite(path + ".amplitude", dc.amplitude);
    at_least(path + ".start", dc.start, 0);
    // stop may be +inf: "never" is what a Python caller is likely to pass.
    if (!(dc.stop > dc.start))
      fail(path + ".stop",
           "must be > start (got stop " + num(dc.stop) + ", start " + num(dc.start) + ")");
    indices(path + ".neurons", dc.neurons, size);
  }

  void check_record(const Population& p, const std::string& path) const {
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
      fail(path + ".sampling_interval", "must be a whole number of steps of " + dt_text() +
                                            " (got " + num(r.sampling_interval) + ")");
    if (r.rate) at_least_dt(path + ".rate_bin", r.rate_bin);
  }

  void check_spike_source(const Population& p, const std::string& path) const {
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
  void check_spike_times(const Population& p, const std::string& path) const {
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

  // --- projections ------------------------------------------------------------------------------

  void check_projection(size_t index) const {
    const Projection& projection = network_.projections[index];
    const std::string path = "projections[" + str(index) + "]";
    const auto& populations = network_.populations;
    const Population& source =
        populations[population_index(network_, projection.source, path + ".source")];
    const Population& target =
        populations[population_index(network_, projection.target, path + ".target")];
    if (is_spike_source(target.model))
      fail(path + ".target",
           "'" + target.name + "' is a " + model_name(target.model) +
               ", which has no synapses; targets are IF_cond_exp or IF_curr_exp populations");
    check_connector(projection, source, target, path + ".connector");
    // from_list and dense_matrix carry their own weights (and from_list its delays).
    const Connector::Kind kind = projection.connector.kind;
    if (kind != Connector::Kind::kFromList && kind != Connector::Kind::kDenseMatrix)
      non_negative(path + ".weight", projection.weight, kSignHint);
    if (kind != Connector::Kind::kFromList) delay(path + ".delay", projection.delay);
  }

  void check_connector(const Projection& projection, const Population& source,
                       const Population& target, const std::string& path) const {
    const Connector& c = projection.connector;
    switch (c.kind) {
      case Connector::Kind::kOneToOne:
        if (source.size != target.size)
          fail(path, "one_to_one needs equal sizes; " + sizes(source, target));
        break;
      case Connector::Kind::kFixedProbability:
        finite(path + ".p", c.p);
        if (!(c.p >= 0 && c.p <= 1)) fail(path + ".p", "must be in [0, 1] (got " + num(c.p) + ")");
        break;
      case Connector::Kind::kFixedInDegree: {
        const bool no_self = projection.source == projection.target && !c.allow_self;
        const uint32_t available = source.size - (no_self ? 1 : 0);
        if (c.n > available)
          fail(path + ".n",
               "must be <= " + str(available) + " (got " + str(c.n) + "); source '" + source.name +
                   "' has " + str(source.size) + " neurons" +
                   (no_self ? ", less the target itself since allow_self = false" : ""));
        break;
      }
      case Connector::Kind::kFromList:
        for (size_t k = 0; k < c.list.size(); ++k)
          check_connection(c.list[k], path, k, source, target);
        break;
      case Connector::Kind::kDenseMatrix:
        check_matrix(c.matrix, path + ".matrix", source, target);
        break;
      case Connector::Kind::kAllToAll:
        break;
    }
  }

  static std::string sizes(const Population& source, const Population& target) {
    return "source '" + source.name + "' has " + str(source.size) + " neurons, target '" +
           target.name + "' has " + str(target.size);
  }

  void check_connection(const Connection& c, const std::string& connector_path, size_t k,
                        const Population& source, const Population& target) const {
    const auto at = [&](const char* key) {
      return [&connector_path, k, key] {
        return connector_path + ".connections[" + str(k) + "]." + key;
      };
    };
    if (c.pre >= source.size)
      fail(at("pre"), "index " + str(c.pre) + " out of range; " + sizes(source, target));
    if (c.post >= target.size)
      fail(at("post"), "index " + str(c.post) + " out of range; " + sizes(source, target));
    at_least(at("weight"), c.weight, 0, kSignHint);
    delay(at("delay"), Distribution::constant(c.delay));
  }

  void check_matrix(const std::vector<double>& matrix, const std::string& path,
                    const Population& source, const Population& target) const {
    const size_t expected = size_t{source.size} * target.size;
    if (matrix.size() != expected)
      fail(path, "expected " + str(source.size) + " x " + str(target.size) + " entries (source '" +
                     source.name + "' x target '" + target.name + "'), got " + str(matrix.size()));
    for (size_t i = 0; i < matrix.size(); ++i) {
      const auto at = [&] {
        return path + "[" + str(i / target.size) + "][" + str(i % target.size) + "]";
      };
      at_least(at, matrix[i], 0, kMatrixHint);
    }
  }

  // --- overrides --------------------------------------------------------------------------------

  void check_overrides() const {
    const ReplicaOverrides& o = network_.overrides;
    const uint32_t replicas = network_.simulation.replicas;
    const auto length = [&](const std::string& path, size_t n) {
      if (n != 0 && n != replicas)
        fail(path, "expected " + str(replicas) +
                       " entries (one per replica, simulation.replicas), got " + str(n));
    };
    length("overrides.seed", o.seed.size());
    const std::pair<const char*, const std::vector<double>*> lists[] = {
        {"rate_E", &o.rate_E},
        {"rate_I", &o.rate_I},
        {"i_offset", &o.i_offset},
        {"weight_scale", &o.weight_scale}};
    for (const auto& [name, values] : lists) {
      const std::string path = std::string("overrides.") + name;
      length(path, values->size());
      for (size_t r = 0; r < values->size(); ++r) {
        // i_offset is a current of either sign; rates and scale factors are not negative.
        if (values == &o.i_offset) {
          finite(path + "[" + str(r) + "]", (*values)[r]);
        } else {
          at_least(path + "[" + str(r) + "]", (*values)[r], 0);
        }
      }
    }
  }

  const Network& network_;
  double dt_;
};

}  // namespace

void validate(const Network& network) { Checker(network).check(); }

}  // namespace spikewafer
