// After a spike the membrane is clamped at v_reset for exactly tau_refrac, and not a step more.
#include <cmath>

#include "test_support.hpp"

namespace spikewafer::test {
namespace {

class Refractory : public BackendTest {};

TEST_P(Refractory, ClampLastsExactlyTauRefracForBothModels) {
  for (Model model : {Model::kIfCurrExp, Model::kIfCondExp}) {
    NeuronParams p;
    p.cm = 1.0;
    p.v_rest = p.v_reset = -65.0;
    p.v_thresh = -64.0;
    p.tau_refrac = 2.0;
    p.i_offset = 50.0;  // reaches threshold within one free step
    Population pop = lif("n", 1, model, p);
    pop.record.spikes = true;
    pop.record.v = {0};
    const RunResult r = run(network_of({pop}, 0.1, 30.0));
    const std::vector<double> t = spike_times(r, 0, 0);
    ASSERT_GT(t.size(), 5u) << model_name(model);
    const TraceRecord& v = trace(r, "v");
    for (size_t k = 1; k < t.size(); ++k) {
      // One free step after the clamp is enough to fire again.
      EXPECT_NEAR(t[k] - t[k - 1], 2.1, 1e-9) << model_name(model);
    }
    const size_t spike_sample = static_cast<size_t>(std::lround(t[0] / 0.1));
    for (size_t k = 0; k <= 20; ++k)  // samples at t_spike + 0 .. tau_refrac
      EXPECT_EQ(v.values[spike_sample + k], -65.0f) << model_name(model) << " k = " << k;
  }
}

SPIKEWAFER_ALL_BACKENDS(Refractory);

}  // namespace
}  // namespace spikewafer::test
