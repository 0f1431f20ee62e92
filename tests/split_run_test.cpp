// Runs can be split (run(a) then run(b) equals run(a + b)), and reset() replays the same run.
#include "test_support.hpp"

namespace spikewafer::test {
namespace {

class SplitRun : public BackendTest {};

Network noisy_pair() {
  Population exc = lif("exc", 200, Model::kIfCondExp, coba_params());
  exc.noise = {3000.0, 0.002, 500.0, 0.004};
  exc.initial.v = Distribution::uniform(-60.0, -50.0);
  exc.record.spikes = true;
  exc.record.v = {0, 7};
  Network n = network_of({exc}, 0.1, 100.0);
  Projection pr = one_to_one("exc", "exc", 0.002, 1.0);
  pr.connector.kind = Connector::Kind::kFixedProbability;
  pr.connector.p = 0.1;
  n.projections = {pr};
  return n;
}

void expect_same(const RunResult& a, const RunResult& b) {
  ASSERT_EQ(a.spikes.size(), b.spikes.size());
  for (size_t k = 0; k < a.spikes.size(); ++k) {
    EXPECT_EQ(a.spikes[k].neuron, b.spikes[k].neuron);
    EXPECT_EQ(a.spikes[k].time_ms, b.spikes[k].time_ms);
  }
  ASSERT_EQ(a.traces.size(), b.traces.size());
  for (size_t k = 0; k < a.traces.size(); ++k) EXPECT_EQ(a.traces[k].values, b.traces[k].values);
}

TEST_P(SplitRun, TwoHalvesEqualOneWholeAndResetReplays) {
  const Network n = noisy_pair();
  const RunResult whole = run(n);
  ASSERT_GT(whole.spikes.size(), 50u);

  Simulator sim(n, options());
  sim.run(30.0);
  EXPECT_DOUBLE_EQ(sim.time_ms(), 30.0);
  sim.run(70.0);
  expect_same(whole, sim.result());

  sim.reset();
  EXPECT_DOUBLE_EQ(sim.time_ms(), 0.0);
  sim.run(100.0);
  expect_same(whole, sim.result());
}

SPIKEWAFER_ALL_BACKENDS(SplitRun);

}  // namespace
}  // namespace spikewafer::test
