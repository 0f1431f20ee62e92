// HH_cond_exp (kernels/hh_step.hpp) against a fine-step fourth-order Runge-Kutta reference of
// the same equations (Traub and Miles' rates, NEST's hh_cond_exp_traub): PyNN's own scenario
// (test_HH_cond_exp: the first crossing of 0 mV, and NEST's 2.95 ms), spike times that
// converge with the step, a neuron that stays at rest without input, the dead time between
// spikes, and a synaptic conductance that follows the reference.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "test_support.hpp"

namespace spikewafer::test {
namespace {

class HhDynamics : public BackendTest {};

// PyNN's test_HH_cond_exp parameters (PyNN's HH_cond_exp defaults, but a faster excitatory
// synapse and e_rev_I), with 1 nA injected.
NeuronParams scenario_params() {
  NeuronParams p = default_params(Model::kHhCondExp);
  p.i_offset = 1.0;
  return p;
}

struct Gates {
  double m, h, n;
};

struct Rates {
  double am, bm, ah, bh, an, bn;
};

double ratio(double x, double k) { return std::fabs(x) < 1e-9 ? k : x / std::expm1(x / k); }

Rates rates(double u) {
  return {0.32 * ratio(13 - u, 4), 0.28 * ratio(u - 40, 5), 0.128 * std::exp((17 - u) / 18),
          4 / (1 + std::exp((40 - u) / 5)), 0.032 * ratio(15 - u, 5), 0.5 * std::exp((10 - u) / 40)};
}

Gates at_rest(double v, const NeuronParams& p) {
  const Rates a = rates(v - p.v_offset);
  return {a.am / (a.am + a.bm), a.ah / (a.ah + a.bh), a.an / (a.an + a.bn)};
}

struct Reference {
  std::vector<double> spikes;     // NEST's rule: the peak above v_offset + 30, 2 ms apart
  std::vector<double> v;          // every `every` steps from t = 0
  double first_above_zero = -1;   // ms
};

// RK4 at step h; an excitatory conductance ge0 e^{-(t - onset) / tau_syn_E} from t = onset (uS).
Reference reference(const NeuronParams& p, double v0, Gates g, double duration, double h,
                    int every, double ge0 = 0, double onset = 0) {
  const auto derivative = [&](double t, const double* y, double* dy) {
    const double v = y[0];
    const Rates a = rates(v - p.v_offset);
    const double ge = t >= onset ? ge0 * std::exp(-(t - onset) / p.tau_syn_E) : 0.0;
    const double g_na = p.gbar_Na * y[1] * y[1] * y[1] * y[2], g_k = p.gbar_K * std::pow(y[3], 4);
    dy[0] = (p.g_leak * (p.e_rev_leak - v) + g_na * (p.e_rev_Na - v) + g_k * (p.e_rev_K - v) +
             ge * (p.e_rev_E - v) + p.i_offset) / p.cm;
    dy[1] = a.am * (1 - y[1]) - a.bm * y[1];
    dy[2] = a.ah * (1 - y[2]) - a.bh * y[2];
    dy[3] = a.an * (1 - y[3]) - a.bn * y[3];
  };
  double y[4] = {v0, g.m, g.h, g.n};
  Reference r;
  double previous = v0, last_spike = -1e9;
  const long steps = std::lround(duration / h);
  for (long k = 0; k < steps; ++k) {
    if (k % every == 0) r.v.push_back(y[0]);
    const double t = k * h;
    double k1[4], k2[4], k3[4], k4[4], tmp[4];
    derivative(t, y, k1);
    for (int i = 0; i < 4; ++i) tmp[i] = y[i] + h / 2 * k1[i];
    derivative(t + h / 2, tmp, k2);
    for (int i = 0; i < 4; ++i) tmp[i] = y[i] + h / 2 * k2[i];
    derivative(t + h / 2, tmp, k3);
    for (int i = 0; i < 4; ++i) tmp[i] = y[i] + h * k3[i];
    derivative(t + h, tmp, k4);
    for (int i = 0; i < 4; ++i) y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    const double now = (k + 1) * h;
    if (r.first_above_zero < 0 && y[0] > 0) r.first_above_zero = now;
    if (y[0] < previous && y[0] > p.v_offset + 30 && now - last_spike > 2.0 - 1e-9) {
      r.spikes.push_back(now);
      last_spike = now;
    }
    previous = y[0];
  }
  return r;
}

Population hh_cell(const NeuronParams& p, double v0, const Gates& g) {
  Population cell = lif("cell", 1, Model::kHhCondExp, p);
  cell.initial.v = Distribution::constant(v0);
  cell.initial.m = Distribution::constant(g.m);
  cell.initial.h = Distribution::constant(g.h);
  cell.initial.n = Distribution::constant(g.n);
  cell.record.spikes = true;
  return cell;
}

double first_above_zero(const std::vector<float>& v, double dt) {
  for (size_t k = 0; k < v.size(); ++k)
    if (v[k] > 0) return k * dt;
  return -1;
}

// PyNN's test_HH_cond_exp: v starts at -64 mV with the gates at PyNN 0.13's initial values (m =
// 0, h = 1, n = 0) and crosses 0 mV at 2.517 ms by the reference. PyNN's test holds every
// simulator to 2.95 ms or earlier, NEST's value, which is the crossing with h = 0 as well (the
// reference gives 2.952 ms): the reference's equations are NEST's.
TEST_P(HhDynamics, PyNNsScenarioCrossesZeroWhereTheReferenceDoes) {
  const NeuronParams p = scenario_params();
  const double dt = 0.001;
  for (const Gates g : {Gates{0.0, 1.0, 0.0}, Gates{0.0, 0.0, 0.0}}) {
    Population cell = hh_cell(p, -64.0, g);
    cell.record.v = {0};
    const RunResult r = run(network_of({cell}, dt, 20.0));
    const double t = first_above_zero(trace(r, "v").values, dt);
    const Reference ref = reference(p, -64.0, g, 20.0, 1e-4, 10);
    std::printf("h = %.0f: first v > 0 at %.4f ms (RK4 reference %.4f ms)\n", g.h, t,
                ref.first_above_zero);
    EXPECT_NEAR(ref.first_above_zero, g.h == 0 ? 2.952 : 2.517, 0.001);
    EXPECT_NEAR(t, ref.first_above_zero, 0.005);
    EXPECT_LE(t, 2.95 + 0.01);  // PyNN's assertion
    EXPECT_FALSE(spike_times(r, 0, 0).empty());
  }
}

// Tonic firing under 1 nA from rest: every spike of the reference at each step size, the times
// within the bounds pinned here (measured below them; docs/models.md tables the printout).
TEST_P(HhDynamics, SpikeTimesConvergeToTheFineStepReference) {
  const NeuronParams p = scenario_params();
  const double duration = 100.0, v0 = p.e_rev_leak;
  const Gates g = at_rest(v0, p);
  const Reference ref = reference(p, v0, g, duration, 1e-4, 1000);
  ASSERT_GE(ref.spikes.size(), 5u);
  std::printf("%7s %6s %6s %9s %9s\n", "dt_ms", "ref", "spikes", "mean_ms", "max_ms");
  for (double dt : {0.1, 0.05, 0.01}) {
    const RunResult r = run(network_of({hh_cell(p, v0, g)}, dt, duration));
    const std::vector<double> spikes = spike_times(r, 0, 0);
    double mean = 0, worst = 0;
    const size_t n = std::min(spikes.size(), ref.spikes.size());
    for (size_t k = 0; k < n; ++k) {
      const double d = std::fabs(spikes[k] - ref.spikes[k]);
      mean += d / n;
      worst = std::max(worst, d);
    }
    std::printf("%7.3f %6zu %6zu %9.4f %9.4f\n", dt, ref.spikes.size(), spikes.size(), mean, worst);
    EXPECT_EQ(spikes.size(), ref.spikes.size()) << "dt " << dt;
    // The peak is found on the step grid: at most a step late, plus the substeps' drift.
    EXPECT_LT(worst, dt + 0.1) << "dt " << dt;
  }
}

// Without input the neuron stays at rest: no spike, and v where the reference has it.
TEST_P(HhDynamics, WithoutInputItStaysAtRest) {
  NeuronParams p = default_params(Model::kHhCondExp);
  Population cell = lif("cell", 1, Model::kHhCondExp, p);  // v and gates at rest by default
  cell.record.spikes = true;
  cell.record.v = {0};
  const RunResult r = run(network_of({cell}, 0.1, 200.0));
  EXPECT_TRUE(spike_times(r, 0, 0).empty());
  const Reference ref = reference(p, p.e_rev_leak, at_rest(p.e_rev_leak, p), 200.0, 1e-3, 100);
  const std::vector<float>& v = trace(r, "v").values;
  double worst = 0;
  for (size_t k = 0; k < std::min(v.size(), ref.v.size()); ++k)
    worst = std::max(worst, std::fabs(v[k] - ref.v[k]));
  EXPECT_LT(worst, 0.01);
}

// Under strong drive the spikes come at least NEST's dead time (2 ms) apart, each at a peak.
TEST_P(HhDynamics, SpikesAreAtLeastTheDeadTimeApart) {
  NeuronParams p = default_params(Model::kHhCondExp);
  p.i_offset = 5.0;
  Population cell = hh_cell(p, p.e_rev_leak, at_rest(p.e_rev_leak, p));
  const RunResult r = run(network_of({cell}, 0.1, 100.0));
  const std::vector<double> spikes = spike_times(r, 0, 0);
  ASSERT_GE(spikes.size(), 10u);
  for (size_t k = 1; k < spikes.size(); ++k) EXPECT_GE(spikes[k] - spikes[k - 1], 2.0 - 1e-6);
}

// An excitatory input spike: the conductance, averaged over each substep, moves v as the
// reference's exponential conductance does.
TEST_P(HhDynamics, SynapticConductanceFollowsTheReference) {
  NeuronParams p = default_params(Model::kHhCondExp);
  p.tau_syn_E = 2.0;
  const double dt = 0.1, delay = 1.0, weight = 0.004;
  Population cell = hh_cell(p, p.e_rev_leak, at_rest(p.e_rev_leak, p));
  cell.record.v = {0};
  Network n = network_of({spike_source("in", {{5.0}}), cell}, dt, 30.0);
  n.projections.push_back(one_to_one("in", "cell", weight, delay));
  const RunResult r = run(n);
  const std::vector<float>& v = trace(r, "v", 1).values;
  // The conductance starts where the spike arrives, at 5 + delay ms.
  const Reference ref = reference(p, p.e_rev_leak, at_rest(p.e_rev_leak, p), 30.0, 1e-3, 100,
                                  weight, 5.0 + delay);
  double worst = 0, peak = 0;
  for (size_t k = 0; k < std::min(v.size(), ref.v.size()); ++k) {
    worst = std::max(worst, std::fabs(v[k] - ref.v[k]));
    peak = std::max(peak, v[k] - double(v[0]));
  }
  std::printf("EPSP peak %.3f mV, max |v - v_ref| %.4f mV\n", peak, worst);
  EXPECT_GT(peak, 1.0);
  EXPECT_LT(worst, 0.05 * peak);
}

SPIKEWAFER_ALL_BACKENDS(HhDynamics);

}  // namespace
}  // namespace spikewafer::test
