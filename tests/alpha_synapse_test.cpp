// IF_curr_alpha and IF_cond_alpha: one input of weight w gives the synaptic variable
// w (t / tau_syn) e^{1 - t / tau_syn}, peaking at w at t = tau_syn. The current-based model is
// integrated exactly: its membrane follows the closed-form PSP to float rounding. The
// conductance-based one is pinned against a fourth-order Runge-Kutta solution at a 100x finer step.
#include <algorithm>
#include <cmath>
#include <vector>

#include "test_support.hpp"

namespace spikewafer::test {
namespace {

class AlphaSynapse : public BackendTest {};

// integral_0^u s e^{-a s} ds
double ramp_integral(double a, double u) {
  if (std::fabs(a * u) < 1e-8) return u * u / 2;
  return (1.0 - std::exp(-a * u) * (1.0 + a * u)) / (a * a);
}

// The membrane's response (mV) to one alpha current of peak w (nA) arriving at time 0.
double alpha_psp(double w, double t, const NeuronParams& p, double tau_syn) {
  if (t <= 0) return 0.0;
  const double a = 1.0 / tau_syn - 1.0 / p.tau_m;
  return std::exp(1.0) * w / (p.cm * tau_syn) * std::exp(-t / p.tau_m) * ramp_integral(a, t);
}

TEST_P(AlphaSynapse, CurrentPspIsTheClosedFormAndTheCurrentPeaksAtTheWeight) {
  NeuronParams p;
  p.tau_m = 20.0;
  p.cm = 1.0;
  p.v_rest = p.v_reset = -65.0;
  p.v_thresh = -40.0;  // never reached: a subthreshold trace
  p.tau_syn_E = 5.0;
  p.tau_syn_I = 20.0;  // equal to tau_m: the propagator's limit case
  Population target = lif("target", 1, Model::kIfCurrAlpha, p);
  target.record.v = {0};
  target.record.syn_exc = {0};
  const double dt = 0.1;
  // Sources fire at 9.9 and 39.9 ms; a 0.1 ms delay makes the inputs arrive at 10 and 40 ms.
  Network n = network_of({spike_source("exc", {{9.9}}), spike_source("inh", {{39.9}}), target},
                         dt, 150.0);
  n.projections = {one_to_one("exc", "target", 2.0, 0.1),
                   one_to_one("inh", "target", 1.0, 0.1, Receptor::kInhibitory)};
  const RunResult r = run(n);
  const std::vector<float>& v = trace(r, "v", 2).values;
  ASSERT_EQ(v.size(), 1501u);
  for (size_t k = 0; k < v.size(); ++k) {
    const double t = k * dt;
    const double expected =
        p.v_rest + alpha_psp(2.0, t - 10.0, p, p.tau_syn_E) - alpha_psp(1.0, t - 40.0, p, p.tau_syn_I);
    EXPECT_NEAR(v[k], expected, 5e-4) << "t = " << t;  // float rounding over 1500 steps
  }
  const std::vector<float>& current = trace(r, "isyn_exc", 2).values;
  const auto peak = std::max_element(current.begin(), current.end());
  EXPECT_NEAR(*peak, 2.0, 1e-4);                                      // the weight
  EXPECT_NEAR((peak - current.begin()) * dt, 10.0 + p.tau_syn_E, 1e-6);  // tau_syn after arrival
}

struct Input {
  double time;    // arrival
  double weight;  // uS; negative: inhibitory
};

// RK4 at step h for IF_cond_alpha; each conductance is (g, d) with g' = -g/tau + d,
// d' = -d/tau, advanced exactly; an input adds e w / tau to d. Threshold on the coarse grid.
std::vector<double> rk4_alpha_spikes(const NeuronParams& p, const std::vector<Input>& inputs,
                                     double h, double duration, int fine_per_coarse,
                                     std::vector<double>* v_coarse) {
  const double gl = p.cm / p.tau_m;
  auto dv = [&](double v, double ge, double gi) {
    return (gl * (p.v_rest - v) + ge * (p.e_rev_E - v) + gi * (p.e_rev_I - v) + p.i_offset) / p.cm;
  };
  auto at = [](double g, double d, double tau, double s) { return (g + s * d) * std::exp(-s / tau); };
  std::vector<double> spikes;
  double v = p.v_rest, ge = 0, de = 0, gi = 0, di = 0, refractory_until = -1;
  size_t next = 0;
  const long steps = std::lround(duration / h);
  for (long k = 0; k <= steps; ++k) {
    const double t = k * h;
    if (k % fine_per_coarse == 0) v_coarse->push_back(v);
    if (k == steps) break;
    if (t < refractory_until - 1e-9) {
      v = p.v_reset;
    } else {
      const double e1 = ge, e2 = at(ge, de, p.tau_syn_E, h / 2), e3 = at(ge, de, p.tau_syn_E, h);
      const double i1 = gi, i2 = at(gi, di, p.tau_syn_I, h / 2), i3 = at(gi, di, p.tau_syn_I, h);
      const double k1 = dv(v, e1, i1), k2 = dv(v + h / 2 * k1, e2, i2),
                   k3 = dv(v + h / 2 * k2, e2, i2), k4 = dv(v + h * k3, e3, i3);
      v += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
    }
    ge = at(ge, de, p.tau_syn_E, h);
    de *= std::exp(-h / p.tau_syn_E);
    gi = at(gi, di, p.tau_syn_I, h);
    di *= std::exp(-h / p.tau_syn_I);
    const double t_end = t + h;
    while (next < inputs.size() && inputs[next].time <= t_end + 1e-9) {
      const bool exc = inputs[next].weight > 0;
      (exc ? de : di) += std::exp(1.0) * std::abs(inputs[next].weight) / (exc ? p.tau_syn_E : p.tau_syn_I);
      ++next;
    }
    const bool on_grid = (k + 1) % fine_per_coarse == 0;
    if (on_grid && v >= p.v_thresh && t >= refractory_until - 1e-9) {
      spikes.push_back(t_end);
      v = p.v_reset;
      refractory_until = t_end + p.tau_refrac;
    }
  }
  return spikes;
}

TEST_P(AlphaSynapse, ConductanceModelMatchesAFinerReferenceWithinThePinnedError) {
  NeuronParams p = coba_params();
  p.i_offset = 0.12;
  std::vector<Input> inputs;
  for (double t = 3.0; t < 300.0; t += 3.0) inputs.push_back({t, 0.004});
  for (double t = 7.0; t < 300.0; t += 7.0) inputs.push_back({t, -0.003});
  std::sort(inputs.begin(), inputs.end(), [](const Input& a, const Input& b) { return a.time < b.time; });
  const double dt = 0.1, duration = 300.0;
  std::vector<double> exc_times, inh_times;
  for (const Input& in : inputs) (in.weight > 0 ? exc_times : inh_times).push_back(in.time - 0.1);
  Population target = lif("target", 1, Model::kIfCondAlpha, p);
  target.record.v = {0};
  target.record.spikes = true;
  Network n = network_of({spike_source("exc", {exc_times}), spike_source("inh", {inh_times}), target},
                         dt, duration);
  n.projections = {one_to_one("exc", "target", 0.004, 0.1),
                   one_to_one("inh", "target", 0.003, 0.1, Receptor::kInhibitory)};
  const RunResult r = run(n);

  std::vector<double> ref_v;
  const std::vector<double> ref_spikes = rk4_alpha_spikes(p, inputs, dt / 100, duration, 100, &ref_v);
  const std::vector<double> spikes = spike_times(r, 2, 0);
  ASSERT_GE(ref_spikes.size(), 3u);
  ASSERT_EQ(spikes.size(), ref_spikes.size());
  for (size_t k = 0; k < spikes.size(); ++k) EXPECT_NEAR(spikes[k], ref_spikes[k], dt + 1e-6);
  const std::vector<float>& v = trace(r, "v", 2).values;
  ASSERT_EQ(v.size(), ref_v.size());
  double max_err = 0;
  for (size_t k = 0; k < v.size(); ++k) {
    const double t = k * dt;
    const bool near_spike = std::any_of(ref_spikes.begin(), ref_spikes.end(), [&](double s) {
      return t > s - 2 * dt && t < s + p.tau_refrac + 2 * dt;
    });
    if (!near_spike) max_err = std::max(max_err, std::fabs(v[k] - ref_v[k]));
  }
  RecordProperty("max_err_mV", std::to_string(max_err));
  EXPECT_LT(max_err, 1e-4) << max_err;  // measured 4.5e-5 mV
}

SPIKEWAFER_ALL_BACKENDS(AlphaSynapse);

}  // namespace
}  // namespace spikewafer::test
