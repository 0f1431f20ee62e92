// Internal to validate(): the Checker its files share. validate.cpp holds the entry point and the
// simulation, name and override checks; validate_populations.cpp and validate_projections.cpp the
// rest. The primitives live here, so that each check and its message is written once.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "kernels/synapse_packing.hpp"
#include "spikewafer/error.hpp"
#include "spikewafer/network.hpp"

namespace spikewafer::validate_detail {

// Times are compared with multiples of dt with this relative slack: 0.3 / 0.1 is not exactly 3.
inline constexpr double kTimeSlack = 1e-9;
inline constexpr const char* kSignHint = "; give magnitudes: the receptor gives the sign";

// The shortest text that reads back as the same double: "-5", "0.1", "1e+300", "nan".
std::string num(double x);

inline std::string str(size_t n) { return std::to_string(n); }

// How a message names the value checked as a distribution's lowest: the value itself, the
// uniform low bound, or the normal mean (normal draws are unbounded).
const char* low_name(const Distribution& d);

class Checker {
 public:
  explicit Checker(const Network& network) : network_(network), dt_(network.simulation.dt) {}

  void check() const;

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
  // The kernels compute in single precision: a value beyond 1e30 (or a positive scale below
  // 1e-30) overflows there (tau_m = 1e-300 gave exp(-inf), weight = 1e308 NaN membranes).
  static constexpr double kLargest = 1e30, kSmallest = 1e-30;
  template <class Path>
  void finite(const Path& path, double x) const {
    if (!std::isfinite(x)) fail(path, "must be a finite number (got " + num(x) + ")");
    if (std::fabs(x) > kLargest)
      fail(path, "must lie within +-1e30, the range the single-precision kernels can compute "
                 "with (got " + num(x) + ")");
  }
  // A time constant or capacitance: > 0 and not below 1e-30 (dt / tau must stay finite in
  // single precision).
  template <class Path>
  void positive_scale(const Path& path, double x) const {
    greater(path, x, 0);
    if (x < kSmallest)
      fail(path, "must be at least 1e-30, the smallest the single-precision kernels can divide "
                 "by (got " + num(x) + ")");
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
  void probability(const Path& path, double x) const {
    if (!(x >= 0 && x <= 1)) fail(path, "must be in [0, 1] (got " + num(x) + ")");
  }

  template <class Path>
  void distribution(const Path& path, const Distribution& d) const {
    finite(path, d.a);
    finite(path, d.b);
    if (d.kind == Distribution::Kind::kUniform && !(d.a <= d.b))
      fail(path, "uniform needs low <= high (got [" + num(d.a) + ", " + num(d.b) + "])");
    if (d.is_normal() && !(d.b >= 0))
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
    if (d.is_normal()) high = d.a + 5 * d.b, high_name = "mean + 5 sd ";
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

  // --- simulation, names and overrides (validate.cpp) -------------------------------------------

  void check_simulation() const;
  void check_names() const;
  void check_overrides() const;

  // --- populations (validate_populations.cpp) ---------------------------------------------------

  void check_population(const Population& p) const;
  void check_lif(const Population& p, const std::string& path) const;
  // `path` makes the text naming the parameters ("populations.exc.params", or with "[k]" for
  // neuron k): it is called only for a message, since per-neuron values come in millions.
  void check_params(Model model, const NeuronParams& q,
                    const std::function<std::string()>& path) const;
  void check_adaptive_exponential(const NeuronParams& q,
                                  const std::function<std::string()>& path) const;
  void check_hodgkin_huxley(const NeuronParams& q,
                            const std::function<std::string()>& path) const;
  void check_per_neuron(const Population& p, const std::string& path) const;
  void check_renewal(const Population& p, uint32_t k, bool listed, const std::string& path) const;
  void check_no_window(const Population& p, const std::string& path) const;
  void check_initial(const Population& p, const std::string& path) const;
  void check_gates(const Population& p, const std::string& path) const;
  void check_dc(const DCSource& dc, const std::string& path, uint32_t size) const;
  void check_record(const Population& p, const std::string& path) const;
  void check_spike_source(const Population& p, const std::string& path) const;
  void check_spike_times(const Population& p, const std::string& path) const;

  // --- projections (validate_projections.cpp) ---------------------------------------------------

  void check_projection(size_t index) const;
  void check_stdp(const Projection& projection, const std::string& path) const;
  void check_connector(const Projection& projection, const Population& source,
                       const Population& target, const std::string& path) const;
  void check_connection(const Connection& c, const std::string& connector_path, size_t k,
                        const Population& source, const Population& target) const;
  void check_matrix(const std::vector<double>& matrix, const std::string& path,
                    const Population& source, const Population& target) const;

  const Network& network_;
  double dt_;
};

}  // namespace spikewafer::validate_detail
