// The sampling state z of a neuron is 1 exactly while it is refractory (for tau_refrac after a
// spike); it can be read for every replica and set to start a sampler in a chosen pattern.
#include "test_support.hpp"

namespace spikewafer::test {
namespace {

class RefractoryState : public BackendTest {};

Network driven_neuron(uint32_t replicas) {
  NeuronParams p;
  p.tau_refrac = 5.0;
  p.tau_syn_E = 0.5;  // the input is over long before the clamp ends: one spike only
  p.v_thresh = -64.0;
  Population pop = lif("n", 2, Model::kIfCurrExp, p);
  pop.record.spikes = true;
  Network n = network_of({spike_source("s", {{1.0}, {50.0}}), pop}, 0.1, 10.0);
  n.projections = {one_to_one("s", "n", 5.0, 1.0)};  // neuron 0 spikes soon after 2 ms, once
  n.simulation.replicas = replicas;
  return n;
}

TEST_P(RefractoryState, OneExactlyForTauRefracAfterASpike) {
  Simulator sim(driven_neuron(1), options());
  std::vector<double> on_times;
  for (int k = 0; k < 100; ++k) {
    sim.run(0.1);
    if (sim.refractory_states()[2]) on_times.push_back(sim.time_ms());  // global neuron 2 = n[0]
  }
  const std::vector<double> spikes = spike_times(sim.result(), 1, 0);
  ASSERT_EQ(spikes.size(), 1u);
  ASSERT_EQ(on_times.size(), 50u);  // 5 ms at dt = 0.1
  EXPECT_NEAR(on_times.front(), spikes[0], 1e-9);
  EXPECT_NEAR(on_times.back(), spikes[0] + 4.9, 1e-9);
}

TEST_P(RefractoryState, SetStatesClampsTheChosenNeuronsOfEachReplica) {
  Network quiet = driven_neuron(2);
  quiet.projections.clear();  // no spikes of their own: only the states set here
  Simulator sim(quiet, options());
  const uint32_t n = sim.neurons();
  std::vector<uint8_t> z(2 * n, 0);
  z[0 * n + 3] = 1;  // replica 0, n[1]
  z[1 * n + 2] = 1;  // replica 1, n[0]
  sim.set_refractory_states(z);
  EXPECT_EQ(sim.refractory_states(), z);
  sim.run(4.9);
  EXPECT_EQ(sim.refractory_states(), z);
  sim.run(0.1);
  EXPECT_EQ(sim.refractory_states(), std::vector<uint8_t>(2 * n, 0));
}

SPIKEWAFER_ALL_BACKENDS(RefractoryState);

}  // namespace
}  // namespace spikewafer::test
