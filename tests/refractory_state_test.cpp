// The sampling state z of a neuron is 1 from a spike until the end of its first free step after
// the refractory clamp (tau_refrac + dt, the shortest interval between spikes); it can be read
// for every replica and set to start a sampler in a chosen pattern.
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

TEST_P(RefractoryState, OneForTauRefracAndOneStepAfterASpike) {
  Simulator sim(driven_neuron(1), options());
  std::vector<double> on_times;
  for (int k = 0; k < 100; ++k) {
    sim.run(0.1);
    if (sim.refractory_states()[2]) on_times.push_back(sim.time_ms());  // global neuron 2 = n[0]
  }
  const std::vector<double> spikes = spike_times(sim.result(), 1, 0);
  ASSERT_EQ(spikes.size(), 1u);
  ASSERT_EQ(on_times.size(), 51u);  // 5 ms at dt = 0.1 and the first free step
  EXPECT_NEAR(on_times.front(), spikes[0], 1e-9);
  EXPECT_NEAR(on_times.back(), spikes[0] + 5.0, 1e-9);
}

// A neuron driven far above threshold spikes in its first free step every time: it must sample
// z = 1 all the time (with z = 1 for tau_refrac only it dropped to 0 one step in 51).
TEST_P(RefractoryState, ANeuronFiringAsFastAsItCanStaysInStateOne) {
  NeuronParams p;
  p.tau_refrac = 5.0;
  p.i_offset = 1000.0;  // nA: 100 mV per step, over threshold in one step from v_reset
  Population pop = lif("n", 1, Model::kIfCurrExp, p);
  pop.record.spikes = true;
  Network n = network_of({pop}, 0.1, 60.0);
  Simulator sim(n, options());
  sim.run(1.0);  // the first spike
  uint32_t on = 0;
  for (int k = 0; k < 500; ++k) {
    sim.run(0.1);
    on += sim.refractory_states()[0];
  }
  EXPECT_EQ(on, 500u);
  const std::vector<double> spikes = spike_times(sim.result(), 0, 0);
  ASSERT_GE(spikes.size(), 10u);
  EXPECT_NEAR(spikes[1] - spikes[0], 5.1, 1e-9);  // the shortest interval: clamp and one step
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
  sim.run(5.0);
  EXPECT_EQ(sim.refractory_states(), z);
  sim.run(0.1);
  EXPECT_EQ(sim.refractory_states(), std::vector<uint8_t>(2 * n, 0));
}

SPIKEWAFER_ALL_BACKENDS(RefractoryState);

}  // namespace
}  // namespace spikewafer::test
