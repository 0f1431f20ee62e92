// A DC source drives exactly its neurons, exactly between start and stop.
#include <cmath>

#include "test_support.hpp"

namespace spikewafer::test {
namespace {

class DcSource : public BackendTest {};

TEST_P(DcSource, CurrentFlowsOnlyBetweenStartAndStopIntoChosenNeurons) {
  NeuronParams p;
  p.tau_m = 10.0;
  p.cm = 1.0;
  p.v_rest = -65.0;
  p.v_thresh = 100.0;
  Population pop = lif("n", 2, Model::kIfCurrExp, p);
  pop.dc_sources = {{0.5, 10.0, 30.0, {1}}};  // 0.5 nA into neuron 1 only
  pop.record.v = {0, 1};
  const RunResult r = run(network_of({pop}, 0.1, 50.0));
  const auto& v0 = trace(r, "v", 0, 0).values;
  const auto& v1 = trace(r, "v", 0, 1).values;
  for (size_t k = 0; k < v1.size(); ++k) {
    const double t = k * 0.1;
    EXPECT_FLOAT_EQ(v0[k], -65.0f);
    double expected = -65.0;  // R I = 5 mV, charging from 10 ms, discharging from 30 ms
    if (t > 10.0) expected += 5.0 * (1.0 - std::exp(-(std::min(t, 30.0) - 10.0) / 10.0));
    if (t > 30.0) expected = -65.0 + (expected + 65.0) * std::exp(-(t - 30.0) / 10.0);
    EXPECT_NEAR(v1[k], expected, 2e-4) << "t = " << t;
  }
}

SPIKEWAFER_ALL_BACKENDS(DcSource);

}  // namespace
}  // namespace spikewafer::test
