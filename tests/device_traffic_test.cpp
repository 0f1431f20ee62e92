// What a step costs a GPU beyond its arithmetic, counted on every backend as the CUDA backend
// pays it (kernels/device_traffic.hpp) and pinned here, so that a change to the step's kernel
// launches, host waits or transfers fails a test on a machine without a GPU. These are the
// counts of today's step (issue 22 sets out to bring the waits and transfers of a step to zero
// and the launches to one).
#include "test_support.hpp"

namespace spikewafer::test {
namespace {

constexpr double kSteps = 100;  // 10 ms at dt = 0.1 ms

NeuronParams silent() {
  NeuronParams p;
  p.v_thresh = 100.0;  // never reached
  return p;
}

class DeviceTraffic : public BackendTest {};

// A source spiking at 1, 2 and 3 ms (recorded) onto one silent neuron.
Network three_spikes_onto_one() {
  Population stim = spike_source("stim", {{1.0, 2.0, 3.0}});
  stim.record.spikes = true;
  Network net = network_of({stim, lif("target", 1, Model::kIfCondExp, silent())}, 0.1, 10.0);
  net.projections.push_back(one_to_one("stim", "target", 0.01, 0.5));
  return net;
}

// Per step: one update launch per population and the compaction of the spike flags (two
// launches, its count read back); per run, the synchronisation at its end.
TEST_P(DeviceTraffic, ASilentStepIsItsUpdatesAndOneCompaction) {
  const Network net = network_of({lif("a", 30, Model::kIfCondExp, silent()),
                                  lif("b", 20, Model::kIfCurrAlpha, silent())},
                                 0.1, 10.0);
  const RunSummary s = run(net).summary;
  EXPECT_DOUBLE_EQ(s.launches_per_step * kSteps, 2 * kSteps + 2 * kSteps);
  EXPECT_DOUBLE_EQ(s.host_waits_per_step * kSteps, kSteps + 1);
  EXPECT_DOUBLE_EQ(s.transfers_per_step * kSteps, kSteps);
}

// A noisy current source redrawn every step costs one launch on the device, nothing copied.
TEST_P(DeviceTraffic, ANoisyCurrentSourceIsOneLaunchPerStep) {
  Population a = lif("a", 30, Model::kIfCondExp, silent());
  DCSource noise;
  noise.amplitude = 0.1;
  noise.stdev = 0.05;  // noise_dt 0: a draw every step
  a.dc_sources.push_back(noise);
  const RunSummary s = run(network_of({a}, 0.1, 10.0)).summary;
  EXPECT_DOUBLE_EQ(s.launches_per_step * kSteps, kSteps + 2 * kSteps + kSteps);
  EXPECT_DOUBLE_EQ(s.host_waits_per_step * kSteps, kSteps + 1);
  EXPECT_DOUBLE_EQ(s.transfers_per_step * kSteps, kSteps);
}

// A step with spikes adds the delivery and the recording, one launch each, and no wait: the
// recorded spikes are counted in device memory. The run's end copies them out: the counter,
// the spikes and their steps (a wait and a transfer each), and the counter set back to 0
// (a launch, no wait). Stochastic synapses draw their releases inside the delivery launch:
// the same counts, whichever spikes get through.
TEST_P(DeviceTraffic, ASpikingStepAddsDeliveryAndRecording) {
  for (const double release : {1.0, 0.5}) {
    Network net = three_spikes_onto_one();
    net.projections.back().release_probability = release;
    const RunSummary s = run(net).summary;
    ASSERT_EQ(s.spikes, 3u);
    constexpr double kSpikingSteps = 3;
    EXPECT_DOUBLE_EQ(s.launches_per_step * kSteps, 4 * kSteps + 2 * kSpikingSteps + 1) << release;
    EXPECT_DOUBLE_EQ(s.host_waits_per_step * kSteps, kSteps + 1 + 3) << release;
    EXPECT_DOUBLE_EQ(s.transfers_per_step * kSteps, kSteps + 3) << release;
  }
}

// A projection with STDP adds the decay of its two traces every step (two launches) and, on
// steps with spikes, its depression-and-delivery and its potentiation (two launches); nothing
// is waited for or copied. Here it is the only projection: the shared CSR's delivery launch
// runs (empty) too.
TEST_P(DeviceTraffic, AProjectionWithStdpAddsFourLaunchesAndNoWait) {
  const Population stim = spike_source("stim", {{1.0, 2.0, 3.0}});
  Network net = network_of({stim, lif("target", 1, Model::kIfCondExp, silent())}, 0.1, 10.0);
  net.projections.push_back(one_to_one("stim", "target", 0.01, 0.5));
  net.projections.back().stdp.enabled = true;
  const RunSummary s = run(net).summary;
  ASSERT_EQ(s.spikes, 3u);
  constexpr double kSpikingSteps = 3;
  EXPECT_DOUBLE_EQ(s.launches_per_step * kSteps, (2 + 2 + 2) * kSteps + (1 + 2) * kSpikingSteps);
  EXPECT_DOUBLE_EQ(s.host_waits_per_step * kSteps, kSteps + 1);
  EXPECT_DOUBLE_EQ(s.transfers_per_step * kSteps, kSteps);
}

SPIKEWAFER_ALL_BACKENDS(DeviceTraffic);

}  // namespace
}  // namespace spikewafer::test
