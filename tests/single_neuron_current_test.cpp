// An IF_curr_exp neuron driven by a constant current against the closed-form solution
// V(t) = v_rest + R I (1 - exp(-t / tau_m)), R = tau_m / cm.
#include <cmath>

#include "test_support.hpp"

namespace spikewafer::test {
namespace {

class SingleNeuronCurrent : public BackendTest {};

NeuronParams params(double i_offset) {
  NeuronParams p;
  p.tau_m = 20.0;
  p.cm = 1.0;
  p.v_rest = -65.0;
  p.v_reset = -65.0;
  p.v_thresh = -50.0;
  p.tau_refrac = 2.0;
  p.i_offset = i_offset;
  return p;
}

TEST_P(SingleNeuronCurrent, SubthresholdTraceIsTheClosedForm) {
  Population pop = lif("n", 1, Model::kIfCurrExp, params(0.5));  // V_inf = -55 mV < threshold
  pop.record.v = {0};
  const RunResult r = run(network_of({pop}, 0.1, 100.0));
  const TraceRecord& v = trace(r, "v");
  ASSERT_EQ(v.values.size(), 1001u);  // t = 0 .. 100 ms, both ends
  for (size_t k = 0; k < v.values.size(); ++k) {
    const double t = k * 0.1;
    EXPECT_NEAR(v.values[k], -65.0 + 20.0 * 0.5 * (1.0 - std::exp(-t / 20.0)), 2e-4) << t;
  }
  EXPECT_TRUE(r.spikes.empty());
}

TEST_P(SingleNeuronCurrent, SpikeTimesMatchTheAnalyticSolutionWithinOneStep) {
  Population pop = lif("n", 1, Model::kIfCurrExp, params(1.0));  // R I = 20 mV
  pop.record.spikes = true;
  const double dt = 0.1;
  const RunResult r = run(network_of({pop}, dt, 500.0));
  const double t_cross = 20.0 * std::log(20.0 / (20.0 - 15.0));  // from v_rest to threshold
  const std::vector<double> t = spike_times(r, 0, 0);
  ASSERT_GT(t.size(), 10u);
  EXPECT_GE(t[0], t_cross - 1e-6);
  EXPECT_LT(t[0], t_cross + dt);
  for (size_t k = 1; k < t.size(); ++k) {  // each interval: refractory clamp plus the climb
    EXPECT_GE(t[k] - t[k - 1], 2.0 + t_cross - 1e-6);
    EXPECT_LT(t[k] - t[k - 1], 2.0 + t_cross + dt);
  }
}

SPIKEWAFER_ALL_BACKENDS(SingleNeuronCurrent);

}  // namespace
}  // namespace spikewafer::test
