// The AdEx step's integration error (kernels/adex_step.hpp: exponential Euler with a fixed step)
// against a fine-step fourth-order Runge-Kutta reference, on firing patterns of Naud et al.
// (2008): spike times and the subthreshold trace, at dt = 0.1, 0.05 and 0.01 ms. The error must
// shrink with the step (first order), and stay within the bounds pinned here. The printed table
// is docs/models.md's.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "io/network_config.hpp"
#include "test_support.hpp"

namespace spikewafer::test {
namespace {

class AdexIntegration : public BackendTest {};

struct Pattern {
  std::string name;
  NeuronParams p;
  double current;  // nA, switched on at t = 0
};

// Naud et al. (2008), Table 1, in PyNN's units (C in nF, tau_m = C / g_L, b and I in nA), with
// the spike detected at V_T + 5 delta_T.
Pattern naud(const std::string& name, double c_pf, double g_l_ns, double e_l, double a_ns,
             double tau_w, double b_pa, double v_r, double i_pa) {
  NeuronParams p = default_params(Model::kEifCondExpIsfaIsta);
  p.cm = c_pf * 1e-3;
  p.tau_m = c_pf / g_l_ns;
  p.v_rest = e_l;
  p.v_thresh = -50.0;
  p.delta_T = 2.0;
  p.v_spike = p.v_thresh + 5 * p.delta_T;
  p.a = a_ns;
  p.tau_w = tau_w;
  p.b = b_pa * 1e-3;
  p.v_reset = v_r;
  p.tau_refrac = 0.0;
  return {name, p, i_pa * 1e-3};
}

std::vector<Pattern> patterns() {
  return {naud("tonic", 200, 10, -70, 2, 30, 0, -58, 500),
          naud("adapting", 200, 12, -70, 2, 300, 60, -58, 500),
          naud("initial burst", 130, 18, -58, 4, 150, 120, -50, 400),
          naud("bursting", 200, 10, -58, 2, 120, 100, -46, 210)};
}

// RK4 at step h of the AdEx equations with a constant current; the spike when v reaches
// v_spike on the fine grid (no refractory clamp: tau_refrac = 0). Returns the spike times, and
// v sampled every `every` steps.
std::vector<double> reference_spikes(const NeuronParams& p, double current, double duration,
                                     double h, int every, std::vector<double>* v_samples) {
  const double g_l = p.cm / p.tau_m, a = p.a * 1e-3;
  auto dv = [&](double v, double w) {
    const double x = std::min((v - p.v_thresh) / p.delta_T, (p.v_spike - p.v_thresh) / p.delta_T);
    return (g_l * (p.v_rest - v) + g_l * p.delta_T * std::exp(x) - w + current) / p.cm;
  };
  auto dw = [&](double v, double w) { return (a * (v - p.v_rest) - w) / p.tau_w; };
  double v = p.v_rest, w = 0.0;
  std::vector<double> spikes;
  const long steps = std::lround(duration / h);
  for (long k = 0; k < steps; ++k) {
    if (v_samples && k % every == 0) v_samples->push_back(v);
    const double k1v = dv(v, w), k1w = dw(v, w);
    const double k2v = dv(v + h / 2 * k1v, w + h / 2 * k1w), k2w = dw(v + h / 2 * k1v, w + h / 2 * k1w);
    const double k3v = dv(v + h / 2 * k2v, w + h / 2 * k2w), k3w = dw(v + h / 2 * k2v, w + h / 2 * k2w);
    const double k4v = dv(v + h * k3v, w + h * k3w), k4w = dw(v + h * k3v, w + h * k3w);
    v += h / 6 * (k1v + 2 * k2v + 2 * k3v + k4v);
    w += h / 6 * (k1w + 2 * k2w + 2 * k3w + k4w);
    if (v >= p.v_spike) {
      spikes.push_back((k + 1) * h);
      v = p.v_reset;
      w += p.b;
    }
  }
  return spikes;
}

struct Error {
  size_t reference_spikes = 0, spikes = 0;
  double mean_ms = 0, max_ms = 0;  // over the spikes both have, in order
};

Error compare(const std::vector<double>& reference, const std::vector<double>& spikes) {
  Error e{reference.size(), spikes.size(), 0, 0};
  const size_t n = std::min(reference.size(), spikes.size());
  for (size_t k = 0; k < n; ++k) {
    const double d = std::fabs(spikes[k] - reference[k]);
    e.mean_ms += d / n;
    e.max_ms = std::max(e.max_ms, d);
  }
  return e;
}

TEST_P(AdexIntegration, SpikeTimesConvergeToTheFineStepReference) {
  const double duration = 300.0;
  std::printf("%-14s %7s %6s %6s %9s %9s\n", "pattern", "dt_ms", "ref", "spikes", "mean_ms",
              "max_ms");
  for (const Pattern& pattern : patterns()) {
    const std::vector<double> reference =
        reference_spikes(pattern.p, pattern.current, duration, 1e-4, 1, nullptr);
    ASSERT_GE(reference.size(), 3u) << pattern.name;
    std::vector<Error> errors;
    for (double dt : {0.1, 0.05, 0.01}) {
      Population cell = lif("cell", 1, Model::kEifCondExpIsfaIsta, pattern.p);
      cell.params.i_offset = pattern.current;
      cell.record.spikes = true;
      const RunResult r = run(network_of({cell}, dt, duration));
      const Error e = compare(reference, spike_times(r, 0, 0));
      std::printf("%-14s %7.3f %6zu %6zu %9.4f %9.4f\n", pattern.name.c_str(), dt,
                  e.reference_spikes, e.spikes, e.mean_ms, e.max_ms);
      errors.push_back(e);
    }
    // The spike count is right at every step size, and the times converge: the mean error at
    // 0.01 ms is a third to a tenth of that at 0.1 ms (measured 3.7 to 10.7; single precision
    // over slow adaptation sets a floor), and both stay within the bounds that docs/models.md
    // quotes (measured at most 0.66 and 0.11 ms).
    for (const Error& e : errors) EXPECT_EQ(e.spikes, e.reference_spikes) << pattern.name;
    EXPECT_LT(errors[2].mean_ms, errors[0].mean_ms / 3) << pattern.name;
    EXPECT_LT(errors[0].max_ms, 0.8) << pattern.name;
    EXPECT_LT(errors[2].max_ms, 0.15) << pattern.name;
  }
}

// Below threshold the trace follows the reference to a fraction of a millivolt at dt = 0.1 ms.
TEST_P(AdexIntegration, SubthresholdTraceFollowsTheReference) {
  Pattern pattern = patterns()[1];  // adapting
  pattern.current = 0.15;           // below the rheobase: the approach to rest with adaptation
  const double dt = 0.1, duration = 200.0;
  std::vector<double> reference;
  reference_spikes(pattern.p, pattern.current, duration, 1e-3, 100, &reference);
  Population cell = lif("cell", 1, Model::kEifCondExpIsfaIsta, pattern.p);
  cell.params.i_offset = pattern.current;
  cell.record.v = {0};
  const RunResult r = run(network_of({cell}, dt, duration));
  const std::vector<float>& v = trace(r, "v").values;
  double worst = 0;
  for (size_t k = 0; k < reference.size(); ++k)
    worst = std::max(worst, std::fabs(v[k] - reference[k]));
  std::printf("subthreshold trace, dt = 0.1 ms: max |v - v_ref| = %.4f mV\n", worst);
  EXPECT_LT(worst, 0.1);
  EXPECT_GT(*std::max_element(v.begin(), v.end()), pattern.p.v_rest + 5.0);  // it moved
}

// examples/adex_patterns.toml gives NEST 3.10's spike counts (aeif_cond_exp, dt = 0.1 ms;
// benchmarks/results/2026-12-06-adex-firing-patterns) and first spikes on the same step.
TEST_P(AdexIntegration, ExamplePatternsHaveNestsSpikeCounts) {
  const Network n = load_network_toml(SPIKEWAFER_SOURCE_DIR "/examples/adex_patterns.toml");
  const RunResult r = run(n);
  const size_t counts[] = {52, 10, 10, 9};
  const double first_ms[] = {24.1, 24.8, 15.5, 26.1};
  for (uint32_t p = 0; p < 4; ++p) {
    const std::vector<double> t = spike_times(r, p, 0);
    EXPECT_EQ(t.size(), counts[p]) << n.populations[p].name;
    ASSERT_FALSE(t.empty());
    EXPECT_NEAR(t[0], first_ms[p], 1e-6) << n.populations[p].name;
  }
}

SPIKEWAFER_ALL_BACKENDS(AdexIntegration);

}  // namespace
}  // namespace spikewafer::test
