// Per-neuron bias currents scaled per replica (dc_scale), and per-replica inputs changed mid-run:
// an IF_curr_exp neuron relaxes to v_rest + R (i_offset + dc_scale * bias).
#include <cmath>

#include "spikewafer/error.hpp"
#include "test_support.hpp"

namespace spikewafer::test {
namespace {

class ReplicaInputs : public BackendTest {};

Network biased_pair() {
  NeuronParams p;  // tau_m 20 ms, cm 1 nF: R = 20 MOhm
  p.v_thresh = 1000.0;
  Population pop = lif("n", 2, Model::kIfCurrExp, p);
  pop.i_offset_per_neuron = {0.1, -0.2};
  pop.record.v = {0, 1};
  Network n = network_of({pop}, 0.1, 400.0);
  n.simulation.replicas = 2;
  n.overrides.i_offset = {0.0, 0.05};
  n.overrides.dc_scale = {1.0, -0.5};
  return n;
}

double final_v(const RunResult& r, uint32_t neuron, uint32_t replica) {
  return trace(r, "v", 0, neuron, replica).values.back();
}

TEST_P(ReplicaInputs, BiasPerNeuronIsScaledPerReplica) {
  const RunResult r = run(biased_pair());
  EXPECT_NEAR(final_v(r, 0, 0), -65.0 + 20.0 * 0.1, 1e-3);
  EXPECT_NEAR(final_v(r, 1, 0), -65.0 + 20.0 * -0.2, 1e-3);
  EXPECT_NEAR(final_v(r, 0, 1), -65.0 + 20.0 * (0.05 - 0.5 * 0.1), 1e-3);
  EXPECT_NEAR(final_v(r, 1, 1), -65.0 + 20.0 * (0.05 + 0.5 * 0.2), 1e-3);
}

TEST_P(ReplicaInputs, ChangedMidRunWithoutReset) {
  Simulator sim(biased_pair(), options());
  sim.run(400.0);
  ReplicaOverrides changed;
  changed.i_offset = {0.3, 0.0};
  sim.set_replica_inputs(changed);  // dc_scale back to 1 for both replicas
  sim.run(400.0);
  const RunResult r = sim.result();
  EXPECT_NEAR(final_v(r, 0, 0), -65.0 + 20.0 * 0.4, 1e-3);
  EXPECT_NEAR(final_v(r, 1, 1), -65.0 + 20.0 * -0.2, 1e-3);
  ReplicaOverrides bad;
  bad.weight_scale = {1.0, 1.0};
  EXPECT_THROW(sim.set_replica_inputs(bad), Error);
}

// Currents per replica and neuron (clamping data in training) add to the per-neuron bias and
// scale with it; they change mid-run, and a simulator built without them refuses them.
TEST_P(ReplicaInputs, CurrentsPerReplicaAndNeuron) {
  Network n = biased_pair();
  n.overrides.currents = {{"n", {0.05, 0.0, 0.0, 0.1}}};
  Simulator sim(n, options());
  sim.run(400.0);
  RunResult r = sim.result();
  EXPECT_NEAR(final_v(r, 0, 0), -65.0 + 20.0 * (0.1 + 0.05), 1e-3);
  EXPECT_NEAR(final_v(r, 1, 0), -65.0 + 20.0 * -0.2, 1e-3);
  EXPECT_NEAR(final_v(r, 0, 1), -65.0 + 20.0 * (0.05 - 0.5 * 0.1), 1e-3);
  EXPECT_NEAR(final_v(r, 1, 1), -65.0 + 20.0 * (0.05 - 0.5 * (-0.2 + 0.1)), 1e-3);

  ReplicaOverrides changed;
  changed.currents = {{"n", {0.0, 0.2, 0.0, 0.0}}};
  sim.set_replica_inputs(changed);  // i_offset 0 and dc_scale 1 again
  sim.run(400.0);
  r = sim.result();
  EXPECT_NEAR(final_v(r, 0, 0), -65.0 + 20.0 * 0.1, 1e-3);
  EXPECT_NEAR(final_v(r, 1, 0), -65.0 + 20.0 * (-0.2 + 0.2), 1e-3);
  EXPECT_NEAR(final_v(r, 1, 1), -65.0 + 20.0 * -0.2, 1e-3);

  ReplicaOverrides wrong_size;
  wrong_size.currents = {{"n", {0.0, 0.2}}};
  EXPECT_THROW(sim.set_replica_inputs(wrong_size), Error);
  Simulator without(biased_pair(), options());
  EXPECT_THROW(without.set_replica_inputs(changed), Error);
}

SPIKEWAFER_ALL_BACKENDS(ReplicaInputs);

}  // namespace
}  // namespace spikewafer::test
