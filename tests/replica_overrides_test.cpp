// Per-replica overrides change only their replica: bias current, noise rates, weight scale.
#include "test_support.hpp"

namespace spikewafer::test {
namespace {

class ReplicaOverridesTest : public BackendTest {};

size_t count(const RunResult& r, uint32_t replica, uint32_t population) {
  size_t n = 0;
  for (const SpikeRecord& s : r.spikes) n += s.replica == replica && s.population == population;
  return n;
}

TEST_P(ReplicaOverridesTest, BiasNoiseAndWeightScaleApplyPerReplica) {
  NeuronParams p;
  p.tau_refrac = 2.0;
  Population pop = lif("n", 50, Model::kIfCondExp, p);
  pop.noise = {3000.0, 0.001, 0.0, 0.0};  // fluctuation-driven: near threshold on average
  pop.record.spikes = true;
  Population target = lif("target", 1, Model::kIfCurrExp, NeuronParams{});
  target.record.v = {0};
  Network n = network_of({pop, target}, 0.1, 200.0);
  Projection pr = one_to_one("n", "target", 0.1, 1.0);
  pr.connector.kind = Connector::Kind::kAllToAll;
  n.projections = {pr};
  n.simulation.replicas = 4;
  n.overrides.i_offset = {0.0, 0.0, 0.5, 0.0};       // replica 2: strong bias
  n.overrides.rate_E = {3000.0, 0.0, 3000.0, 3000.0};  // replica 1: no background
  n.overrides.weight_scale = {1.0, 1.0, 1.0, 0.0};     // replica 3: synapses off
  const RunResult r = run(n);
  EXPECT_GT(count(r, 0, 0), 10u);
  EXPECT_EQ(count(r, 1, 0), 0u);
  EXPECT_GT(count(r, 2, 0), 2 * count(r, 0, 0));
  EXPECT_GT(count(r, 3, 0), 10u);
  // The target of replica 3 never moves; the target of replica 0 does.
  const auto& v3 = trace(r, "v", 1, 0, 3).values;
  const auto& v0 = trace(r, "v", 1, 0, 0).values;
  EXPECT_EQ(*std::max_element(v3.begin(), v3.end()), v3[0]);
  EXPECT_GT(*std::max_element(v0.begin(), v0.end()), v0[0] + 0.1f);
}

SPIKEWAFER_ALL_BACKENDS(ReplicaOverridesTest);

}  // namespace
}  // namespace spikewafer::test
